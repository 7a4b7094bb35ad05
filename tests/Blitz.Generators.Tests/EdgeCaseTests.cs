using Blitz.TestSupport;

namespace Blitz.Generators.Tests;

/// <summary>Unusual but valid declarations: each gets its wrappers, and they compile without adding a warning.</summary>
public sealed class EdgeCaseTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "oblivious generic constraints", 1, """
            #nullable disable
            public partial class C { [Blitz.Blocking] public static T M<T, U>(T a, U b = default, string s = null) where T : notnull where U : class => a; }
            """ },
        { "annotations without warnings", 1, """
            #nullable enable annotations
            #nullable disable warnings
            public partial class C { [Blitz.Blocking] public static string M(string s = null, object o = null) => s; }
            """ },
        { "a parameter named like the added token", 1, "public partial class C { [Blitz.Blocking] public static int M(int cancellationToken, string cancellationToken1) => cancellationToken; }" },
        { "parameters named like the work item's members", 1, "public partial class C { [Blitz.Blocking] public int M(int target, int _target, int @this, int Execute, int __x) => target; }" },
        { "a method named Execute", 2, "public partial class C { [Blitz.Blocking] public static int Execute(int x) => x; [Blitz.CpuBound] public int Execute(string s) => 1; }" },
        { "params after the method's own token", 1, "public static partial class C { [Blitz.CpuBound] public static int M(this string s, System.Threading.CancellationToken token, params int[] values) => values.Length; }" },
        { "extension method with params", 1, "public static partial class C { [Blitz.CpuBound] public static int M(this string s, int seed = 1, params object[] values) => values.Length; }" },
        { "generic type nested in a generic type", 1, """
            public partial class Outer<T> { public partial class Inner<U> where U : struct { [Blitz.Blocking] public (T?, U, V) M<V>(T? t, U u, V v) where V : System.IComparable<U> => (t, u, v); } }
            """ },
        { "override of a plain virtual method", 1, "public class B { public virtual int M() => 1; } public partial class D : B { [Blitz.Blocking] public override int M() => 2; }" },
        { "method names differing only by case", 2, "public partial class C { [Blitz.Blocking] public static int Load() => 1; [Blitz.Blocking] public static int load() => 2; }" },
        { "type names differing only by case", 2, "namespace N { public partial class Foo { [Blitz.Blocking] public static int M() => 1; } public partial class foo { [Blitz.Blocking] public static int M() => 2; } }" },
        { "a namespace and a type differing only by case", 2, "namespace N.Work { public partial class C { [Blitz.Blocking] public static int M() => 1; } } namespace N { public partial class work { public partial class C { [Blitz.Blocking] public static int M() => 2; } } }" },
        { "protected members of a sealed type", 3, "public sealed partial class C { [Blitz.Blocking] protected int A() => 1; [Blitz.Blocking] protected internal int B() => 2; [Blitz.Blocking] private protected int D() => 3; public int Use() => A() + D(); }" },
        { "obsolete as error", 1, "public partial class C { [System.Obsolete(\"gone\", true)] [Blitz.Blocking] public int M() => 1; }" },
        { "instance method of an abstract class", 1, "public abstract partial class C { [Blitz.Blocking] public int M() => 1; }" },
        { "static class in a generic type", 1, "public partial class G<T> { public static partial class S { [Blitz.CpuBound] public static T[] M<U>(T t, U u) => [t]; } }" },
        { "wrapper hiding nothing in a derived type", 2, "public partial class B { [Blitz.Blocking] public int M(int x) => x; } public partial class D : B { [Blitz.Blocking] public int M(string s) => 1; }" },
        { "keyword MethodName", 1, "public partial class C { [Blitz.Blocking(MethodName = \"checked\")] public static int M() => 1; }" },
        { "nullable value types and tuples", 1, "public partial class C { [Blitz.Blocking] public static (int? A, string? B)? M(int? a = 3, System.DayOfWeek? d = System.DayOfWeek.Friday, char c = '\\u0000', float f = float.NegativeInfinity, decimal m = -0.5m) => null; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Edge_cases_get_their_wrappers_and_compile_without_warnings(string description, int expectedFiles, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.True(expectedFiles == run.GeneratedSources.Count, $"{description}: {run.GeneratedSources.Count} files\n{GeneratorHarness.Describe(run)}");
        // The user's own warnings (CS0628 for 'protected' in a sealed type, say) are theirs; the wrappers add none.
        var before = CompilationFactory.Problems(GeneratorHarness.Compile(source));
        var problems = CompilationFactory.Problems(run.OutputCompilation).Where(d => !before.Any(b => b.ToString() == d.ToString())).ToList();
        Assert.True(problems.Count == 0, $"{description}:\n{CompilationFactory.Describe(problems)}\n{GeneratorHarness.Describe(run)}");
    }
}
