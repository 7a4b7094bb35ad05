using Blitz.Analyzers.CodeFixes;
using Blitz.Analyzers.Usage;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Usage;

public sealed class OffloadTargetUsageAnalyzerTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new OffloadTargetUsageAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) => BlitzCodeFixTest<BLZ001AddPartialCodeFix>.VerifyAsync(Analyzer, source, fixedSource);

    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using Blitz;\n";

    [Fact]
    public Task Valid_targets_are_not_reported() => VerifyAsync(Usings + """
        public partial class Hasher
        {
            [Blocking] public byte[] Hash(byte[] data) => data;
            [CpuBound(MethodName = "RankAll")] public static int Rank(int[] items, CancellationToken token) => items.Length;
            [Blocking] public void Flush() { }
            [Blocking] public int Parse(ReadOnlyMemory<byte> payload) => payload.Length;
            public ValueTask<int> ParseAsync(string text) => default; // an overload with other parameters is no collision
            public partial class Nested { [Blocking] public static int Work(int x) => x; }
        }
        public partial struct Counter { [Blocking] public static int Count(int[] a) => a.Length; }
        public partial record Job { [CpuBound] public int Run() => 1; }
        """);

    [Fact]
    public Task BLZ001_non_partial_containing_type() => VerifyAsync(Usings + """
        public class Hasher { [Blocking] public byte[] {|BLZ001:Hash|}(byte[] data) => data; }
        public class Outer { public partial class Inner { [CpuBound] public int {|BLZ001:Run|}() => 1; } }
        """);

    [Fact]
    public Task BLZ002_by_ref_parameters() => VerifyAsync(Usings + """
        public partial class C
        {
            [Blocking] public void A(ref int {|BLZ002:x|}) { }
            [Blocking] public void B(out int {|BLZ002:x|}) { x = 0; }
            [Blocking] public void D(in int {|BLZ002:x|}) { }
            [Blocking] public void E(ref readonly int {|BLZ002:x|}) { }
        }
        """);

    [Fact]
    public Task BLZ003_ref_struct_parameter_or_return() => VerifyAsync(Usings + """
        public partial class C
        {
            [Blocking] public int A(Span<byte> {|BLZ003:buffer|}) => buffer.Length;
            [CpuBound] public ReadOnlySpan<byte> {|BLZ003:B|}(byte[] data) => data;
        }
        """);

    [Fact]
    public Task BLZ004_pointers() => VerifyAsync(Usings + """
        public unsafe partial class C
        {
            [Blocking] public int A(byte* {|BLZ004:p|}) => *p;
            [Blocking] public int* {|BLZ004:B|}() => null;
            [Blocking] public void D(delegate*<void> {|BLZ004:f|}) { }
        }
        """);

    [Fact]
    public Task BLZ005_ref_returns() => VerifyAsync(Usings + """
        public partial class C
        {
            private int _x;
            [Blocking] public ref int {|BLZ005:A|}() => ref _x;
            [Blocking] public ref readonly int {|BLZ005:B|}() => ref _x;
        }
        """);

    [Fact]
    public Task BLZ006_async_or_task_returning() => VerifyAsync(Usings + """
        public partial class C
        {
            [Blocking] public async Task {|BLZ006:A|}() => await Task.Yield();
            [Blocking] public Task<int> {|BLZ006:B|}() => Task.FromResult(1);
            [CpuBound] public ValueTask {|BLZ006:D|}() => default;
            [Blocking] public ValueTask<int> {|BLZ006:E|}() => default;
            [Blocking] public async void {|BLZ006:F|}() => await Task.Yield();
        }
        """);

    [Fact]
    public Task BLZ007_both_attributes() => VerifyAsync(Usings + """
        public partial class C { [Blocking, CpuBound] public int {|BLZ007:A|}() => 1; }
        """);

    [Fact]
    public Task BLZ008_wrapper_name_collides() => VerifyAsync(Usings + """
        public partial class C
        {
            [Blocking] public int {|BLZ008:Read|}(int x) => x;
            public ValueTask<int> ReadAsync(int x, CancellationToken cancellationToken) => default;

            [Blocking] public int {|BLZ008:Load|}() => 1;
            public int LoadAsync { get; set; }

            [Blocking(MethodName = "Existing")] public int {|BLZ008:Other|}() => 1;
            public void Existing(CancellationToken token) { }

            [Blocking] public int {|BLZ008:Save|}(CancellationToken token) => 1;
            public ValueTask<int> SaveAsync(CancellationToken token) => default;
        }
        public partial class Go { [Blocking(MethodName = "Go")] public static int {|BLZ008:Run|}() => 1; }
        """);

    [Fact]
    public Task BLZ009_struct_instance_method() => VerifyAsync(Usings + """
        public partial struct S { [Blocking] public int {|BLZ009:A|}() => 1; }
        public readonly partial record struct R(int X) { [CpuBound] public int {|BLZ009:B|}() => X; }
        """);

    [Fact]
    public Task BLZ010_local_functions_and_lambdas() => VerifyAsync(Usings + """
        public partial class C
        {
            public int M()
            {
                [{|BLZ010:Blocking|}] static int Local(int x) => x;
                Func<int, int> f = [{|BLZ010:CpuBound|}] (int x) => x;
                return Local(1) + f(2);
            }
        }
        """);

    [Fact]
    public Task BLZ011_abstract_or_extern() => VerifyAsync(Usings + """
        public abstract partial class C
        {
            [Blocking] public abstract int {|BLZ011:A|}();
            [Blocking] public static extern int {|BLZ011:B|}();
        }
        """);

    [Fact]
    public Task BLZ012_not_in_a_class_struct_or_record() => VerifyAsync(Usings + """
        public partial interface I
        {
            [Blocking] int {|BLZ012:D|}();
            [Blocking] static int {|BLZ012:E|}() => 1;
        }
        """);

    [Fact]
    public Task BLZ013_not_an_ordinary_method() => VerifyAsync(Usings + """
        public interface IStore { int Load(string key); }
        public partial class Store : IStore
        {
            [Blocking] int IStore.{|BLZ013:Load|}(string key) => key.Length;
            [Blocking] public static Store operator {|BLZ013:+|}(Store a, Store b) => a;
        }
        """);

    [Fact]
    public Task BLZ014_invalid_wrapper_name() => VerifyAsync(Usings + """
        public partial class C
        {
            [Blocking(MethodName = "Load file")] public int {|BLZ014:Load|}(string path) => path.Length;
            [Blocking(MethodName = "2Fast")] public int {|BLZ014:Run|}() => 1;
            [Blocking(MethodName = "LoadFileAsync")] public int Read(string path) => path.Length;
        }
        """);

    [Fact]
    public Task Only_the_first_reason_is_reported_in_the_generators_order() => VerifyAsync(Usings + """
        public class C { [Blocking] public Task {|BLZ001:A|}(ref int x) => Task.CompletedTask; }
        public partial class D { [Blocking] public Task {|BLZ006:A|}(ref int x) => Task.CompletedTask; }
        public partial class E { [Blocking] public int A(ref int {|BLZ002:x|}, Span<byte> y) => x; }
        """);

    [Fact]
    public Task Unrelated_methods_and_compilations_without_the_attributes_are_silent() => VerifyAsync("""
        public class C { public System.Threading.Tasks.Task A(ref int x) => System.Threading.Tasks.Task.CompletedTask; }
        """);

    [Fact]
    public Task BLZ001_fix_adds_partial_to_every_enclosing_type() => VerifyFixAsync("""
        using Blitz;

        namespace App;

        public static class Outer
        {
            /// <summary>Docs.</summary>
            internal sealed class Inner
            {
                [Blocking] public int {|BLZ001:Run|}() => 1;
            }
        }

        class Plain
        {
            [CpuBound] public int {|BLZ001:Go|}() => 1;
        }
        """, """
        using Blitz;

        namespace App;

        public static partial class Outer
        {
            /// <summary>Docs.</summary>
            internal sealed partial class Inner
            {
                [Blocking] public int Run() => 1;
            }
        }

        partial class Plain
        {
            [CpuBound] public int Go() => 1;
        }
        """);

    [Fact]
    public Task BLZ001_fix_all_in_document() => VerifyFixAsync("""
        using Blitz;
        public class A { [Blocking] public int {|BLZ001:X|}() => 1; [Blocking] public int {|BLZ001:Y|}() => 2; }
        public record B { [CpuBound] public int {|BLZ001:Z|}() => 1; }
        """, """
        using Blitz;
        public partial class A { [Blocking] public int X() => 1; [Blocking] public int Y() => 2; }
        public partial record B { [CpuBound] public int Z() => 1; }
        """);
}
