using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ105DirectOffloadTargetCallTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ105DirectOffloadTargetCallAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) => BlitzCodeFixTest<AwaitAsyncCounterpartCodeFix>.VerifyAsync(Analyzer, source, fixedSource);

    // Stand-ins for what the generator emits (marked as generated, so they are no BLZ008 collision), so that the fixed code compiles.
    private const string Targets = """
        public partial class Hasher
        {
            [Blocking] public byte[] Hash(byte[] data) => data;
            [System.CodeDom.Compiler.GeneratedCode("Blitz.Generators", "1.0")] public ValueTask<byte[]> HashAsync(byte[] data, CancellationToken cancellationToken = default) => default;
            [CpuBound(MethodName = "RankAllAsync")] public static int Rank(int[] items) => items.Length;
            [System.CodeDom.Compiler.GeneratedCode("Blitz.Generators", "1.0")] public static ValueTask<int> RankAllAsync(int[] items, CancellationToken cancellationToken = default) => default;
            [Blocking] public int Load(string key, CancellationToken cancellationToken) => 0;
            [System.CodeDom.Compiler.GeneratedCode("Blitz.Generators", "1.0")] public ValueTask<int> LoadAsync(string key, CancellationToken cancellationToken = default) => default;
        }
        public class NotPartial { [Blocking] public int Bad() => 1; }

        """;

    [Fact]
    public Task Reports_direct_calls_in_async_context() => VerifyAsync(Sources.Usings + Targets + """
        class Service
        {
            async Task<int> A(Hasher hasher, byte[] data)
            {
                var h = {|BLZ105:hasher.Hash(data)|};
                await Task.Yield();
                return {|BLZ105:Hasher.Rank(new[] { 1 })|} + h.Length;
            }
        }
        """);

    [Fact]
    public Task Ignores_wrappers_sync_code_and_invalid_targets() => VerifyAsync(Sources.Usings + Targets + """
        class Service
        {
            async Task<int> A(Hasher hasher, byte[] data, NotPartial bad)
            {
                var h = await hasher.HashAsync(data);
                var b = bad.Bad();                      // no wrapper exists (BLZ001 explains why)
                Func<int> f = () => Hasher.Rank(new[] { 1 });
                return h.Length + b + f();
            }
            int Sync(Hasher hasher) => hasher.Hash(new byte[1]).Length;
        }
        """);

    [Fact]
    public Task Fix_awaits_the_wrapper() => VerifyFixAsync(Sources.Usings + Targets + """
        class Service
        {
            async Task<int> A(Hasher hasher, byte[] data, CancellationToken token)
            {
                var h = {|BLZ105:hasher.Hash(data)|};
                var n = {|BLZ105:hasher.Load("k", token)|};
                return {|BLZ105:Hasher.Rank(new[] { 1 })|} + h.Length + n;
            }
        }
        """, Sources.Usings + Targets + """
        class Service
        {
            async Task<int> A(Hasher hasher, byte[] data, CancellationToken token)
            {
                var h = await hasher.HashAsync(data, token);
                var n = await hasher.LoadAsync("k", token);
                return await Hasher.RankAllAsync(new[] { 1 }, token) + h.Length + n;
            }
        }
        """);

    [Fact]
    public Task Fix_all() => VerifyFixAsync(Sources.Usings + Targets + """
        class Service { async Task<int> A(Hasher h) { await Task.Yield(); return {|BLZ105:h.Hash(new byte[1])|}.Length + {|BLZ105:h.Hash(new byte[2])|}.Length; } }
        """, Sources.Usings + Targets + """
        class Service { async Task<int> A(Hasher h) { await Task.Yield(); return (await h.HashAsync(new byte[1])).Length + (await h.HashAsync(new byte[2])).Length; } }
        """);
}
