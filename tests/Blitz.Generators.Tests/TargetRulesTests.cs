using Blitz.CodeAnalysis;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Generators.Tests;

/// <summary>
/// <see cref="OffloadTargetRules"/> decides, for the generator and the usage analyzers alike, whether a method gets a
/// wrapper. The first annotated declaration in each source is the one under test.
/// </summary>
public sealed class TargetRulesTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "static method", (int)OffloadTargetIssue.None, "partial class C { [Blocking] static int Target() => 1; }" },
        { "other overload of the wrapper name", (int)OffloadTargetIssue.None, "partial class C { [Blocking] int Target(int x) => x; int TargetAsync(string s) => 1; }" },
        { "wrapper named like the method", (int)OffloadTargetIssue.None, "partial class C { [Blocking(MethodName = \"Target\")] int Target(int x) => x; }" },
        { "type not partial", (int)OffloadTargetIssue.TypeNotPartial, "class C { [Blocking] static int Target() => 1; }" },
        { "enclosing type not partial", (int)OffloadTargetIssue.TypeNotPartial, "class Outer { partial class C { [Blocking] static int Target() => 1; } }" },
        { "ref parameter", (int)OffloadTargetIssue.ByRefParameter, "partial class C { [Blocking] static int Target(ref int x) => x; }" },
        { "out parameter", (int)OffloadTargetIssue.ByRefParameter, "partial class C { [Blocking] static int Target(out int x) { x = 1; return x; } }" },
        { "in parameter", (int)OffloadTargetIssue.ByRefParameter, "partial class C { [Blocking] static int Target(in int x) => x; }" },
        { "ref readonly parameter", (int)OffloadTargetIssue.ByRefParameter, "partial class C { [Blocking] static int Target(ref readonly int x) => x; }" },
        { "span parameter", (int)OffloadTargetIssue.RefStructSignature, "partial class C { [Blocking] static int Target(System.Span<int> x) => x.Length; }" },
        { "params span", (int)OffloadTargetIssue.RefStructSignature, "partial class C { [Blocking] static int Target(params System.ReadOnlySpan<int> x) => x.Length; }" },
        { "span return", (int)OffloadTargetIssue.RefStructSignature, "partial class C { [Blocking] static System.Span<int> Target() => default; }" },
        { "allows ref struct", (int)OffloadTargetIssue.RefStructSignature, "partial class C { [Blocking] static int Target<T>(T x) where T : allows ref struct => 1; }" },
        { "pointer parameter", (int)OffloadTargetIssue.PointerSignature, "unsafe partial class C { [Blocking] static int Target(int* p) => 1; }" },
        { "pointer array", (int)OffloadTargetIssue.PointerSignature, "unsafe partial class C { [Blocking] static int Target(int*[] p) => 1; }" },
        { "function pointer", (int)OffloadTargetIssue.PointerSignature, "unsafe partial class C { [Blocking] static int Target(delegate*<void> p) => 1; }" },
        { "ref return", (int)OffloadTargetIssue.RefReturn, "partial class C { static int f; [Blocking] static ref int Target() => ref f; }" },
        { "ref readonly return", (int)OffloadTargetIssue.RefReturn, "partial class C { static int f; [Blocking] static ref readonly int Target() => ref f; }" },
        { "async method", (int)OffloadTargetIssue.AsyncMethod, "partial class C { [Blocking] static async void Target() { await System.Threading.Tasks.Task.Yield(); } }" },
        { "task return", (int)OffloadTargetIssue.AsyncMethod, "partial class C { [Blocking] static System.Threading.Tasks.Task<int> Target() => null!; }" },
        { "value task return", (int)OffloadTargetIssue.AsyncMethod, "partial class C { [CpuBound] static System.Threading.Tasks.ValueTask Target() => default; }" },
        { "both attributes", (int)OffloadTargetIssue.BothAttributes, "partial class C { [Blocking, CpuBound] static int Target() => 1; }" },
        { "existing wrapper", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking] static int Target(int x) => x; static System.Threading.Tasks.ValueTask<int> TargetAsync(int x, System.Threading.CancellationToken t) => default; }" },
        { "property with the wrapper name", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking] static int Target() => 1; int TargetAsync => 1; }" },
        { "inherited field with the wrapper name", (int)OffloadTargetIssue.WrapperNameCollision, "class B { public int TargetAsync; } partial class C : B { [Blocking] static int Target() => 1; }" },
        { "two wrappers with one name", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking(MethodName = \"Run\")] static int Target() => 1; [CpuBound(MethodName = \"Run\")] static int Other() => 1; }" },
        { "method with its own token", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking(MethodName = \"Target\")] static int Target(System.Threading.CancellationToken t) => 1; }" },
        { "inherited wrapper", (int)OffloadTargetIssue.WrapperNameCollision, "partial class D : B { [Blocking] public override int Target() => 2; } partial class B { [Blocking] public virtual int Target() => 1; }" },
        { "work item name taken", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking] static int Target() => 1; class TargetWorkItem { } }" },
        { "inherited member with the work item's name", (int)OffloadTargetIssue.WrapperNameCollision, "public class B { protected class TargetWorkItem { } } partial class C : B { [Blocking] static int Target() => 1; }" },
        { "private base member with the work item's name", (int)OffloadTargetIssue.None, "public class B { private class TargetWorkItem { } } partial class C : B { [Blocking] static int Target() => 1; }" },
        { "wrapper named like the type", (int)OffloadTargetIssue.WrapperNameCollision, "partial class C { [Blocking(MethodName = \"C\")] static int Target() => 1; }" },
        { "struct instance method", (int)OffloadTargetIssue.StructInstanceMethod, "partial struct S { [Blocking] int Target() => 1; }" },
        { "local function", (int)OffloadTargetIssue.LocalFunctionOrLambda, "partial class C { static void M() { [Blocking] static int Target() => 1; Target(); } }" },
        { "lambda", (int)OffloadTargetIssue.LocalFunctionOrLambda, "partial class C { static void M() { var f = [Blocking] () => 1; f(); } }" },
        { "abstract method", (int)OffloadTargetIssue.AbstractOrExtern, "abstract partial class C { [Blocking] public abstract int Target(); }" },
        { "extern method", (int)OffloadTargetIssue.AbstractOrExtern, "partial class C { [Blocking] static extern int Target(); }" },
        { "interface static method", (int)OffloadTargetIssue.UnsupportedContainingType, "partial interface I { [Blocking] static int Target() => 1; }" },
        { "file-local type", (int)OffloadTargetIssue.UnsupportedContainingType, "file partial class C { [Blocking] static int Target() => 1; }" },
        { "explicit interface implementation", (int)OffloadTargetIssue.UnsupportedMethodKind, "interface I { int M(); } partial class C : I { [Blocking] int I.M() => 1; }" },
        { "partial method", (int)OffloadTargetIssue.UnsupportedMethodKind, "partial class C { [Blocking] public partial int Target(); public partial int Target() => 1; }" },
        { "accessor", (int)OffloadTargetIssue.UnsupportedMethodKind, "partial class C { int P { [Blocking] get => 1; } }" },
        { "operator", (int)OffloadTargetIssue.UnsupportedMethodKind, "partial class C { [Blocking] public static C operator +(C a, C b) => a; }" },
        { "invalid wrapper name", (int)OffloadTargetIssue.InvalidWrapperName, "partial class C { [Blocking(MethodName = \"not valid\")] static int Target() => 1; }" },
        { "unknown parameter type", (int)OffloadTargetIssue.ErroneousDeclaration, "partial class C { [Blocking] static int Target(Missing m) => 1; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rules_find_the_expected_issue(string description, int expected, string declarations)
    {
        Compilation compilation = GeneratorHarness.Compile("using Blitz;\n" + declarations);
        IMethodSymbol target = FirstAnnotated(compilation);

        Assert.True((OffloadTargetIssue)expected == OffloadTargetRules.GetIssue(target), $"{description}: {OffloadTargetRules.GetIssue(target)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_emits_a_wrapper_exactly_for_valid_targets(string description, int expected, string declarations)
    {
        GeneratorRun run = GeneratorHarness.Run("using Blitz;\n" + declarations);
        IMethodSymbol target = FirstAnnotated(run.OutputCompilation);
        string hintPrefix = target.ContainingType?.ToDisplayString() + "." + target.Name + ".";

        bool emitted = run.GeneratedSources.Any(s => s.HintName.StartsWith(hintPrefix, StringComparison.Ordinal));
        Assert.True(emitted == ((OffloadTargetIssue)expected == OffloadTargetIssue.None), description);
    }

    [Theory]
    [InlineData("class Outer { partial class C { [Blocking] static int Target() => 1; } }", "Outer")]
    [InlineData("partial class C { [Blocking] static int Target(int a, ref int b) => a; }", "b")]
    [InlineData("partial class C { [Blocking] static int Target(int a, System.Span<int> s) => a; }", "s")]
    [InlineData("partial class C { [Blocking] static int Target<T, U>(T a) where U : allows ref struct => 1; }", "U")]
    [InlineData("partial class C { [Blocking] static int Target() => 1; int TargetAsync => 1; }", "TargetAsync")]
    [InlineData("partial class C { [Blocking(MethodName = \"Run\")] static int Target() => 1; [CpuBound(MethodName = \"Run\")] static int Other() => 1; }", "Other")]
    [InlineData("partial class C { [Blocking, CpuBound] static int Target() => 1; }", "Target")]
    public void The_issue_names_the_symbol_a_diagnostic_should_point_at(string declarations, string subjectName)
    {
        IMethodSymbol target = FirstAnnotated(GeneratorHarness.Compile("using Blitz;\n" + declarations));

        Assert.NotEqual(OffloadTargetIssue.None, OffloadTargetRules.GetIssue(target, out ISymbol? subject));
        Assert.Equal(subjectName, subject?.Name);
    }

    [Fact]
    public void A_valid_target_has_no_subject()
    {
        IMethodSymbol target = FirstAnnotated(GeneratorHarness.Compile("using Blitz; partial class C { [Blocking] static int Target() => 1; }"));

        Assert.Equal(OffloadTargetIssue.None, OffloadTargetRules.GetIssue(target, out ISymbol? subject));
        Assert.Null(subject);
    }

    [Fact]
    public void Issue_values_one_to_eleven_follow_the_usage_rule_numbers()
    {
        Assert.Equal(1, (int)OffloadTargetIssue.TypeNotPartial);
        Assert.Equal(7, (int)OffloadTargetIssue.BothAttributes);
        Assert.Equal(11, (int)OffloadTargetIssue.AbstractOrExtern);
    }

    [Fact]
    public void Overloads_get_distinct_ordinals_and_work_item_names()
    {
        Compilation compilation = GeneratorHarness.Compile("using Blitz; partial class C { [Blocking] static int M(int x) => x; [Blocking] static int m(string s) => 1; static int Other() => 1; }");
        var methods = compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name is "M" or "m").ToList();

        Assert.Equal([1, 2], methods.Select(WrapperNaming.GetOverloadOrdinal));
        Assert.Equal(["MWorkItem1", "mWorkItem2"], methods.Select(WrapperNaming.GetWorkItemName));
        Assert.Equal(0, WrapperNaming.GetOverloadOrdinal(compilation.GetTypeByMetadataName("C")!.GetMembers("Other").OfType<IMethodSymbol>().Single()));
    }

    [Fact]
    public void Methods_the_compiler_declares_count_as_namesakes_like_declared_ones()
    {
        // get_Value is the accessor of Value, and a record declares ToString: neither name is a declared member name
        // of its own, so the ordinal must still come from all the type's methods.
        Compilation compilation = GeneratorHarness.Compile("""
            using Blitz;
            partial class C { int Value => 1; [Blocking] int GET_VALUE() => 2; [Blocking] static int Unique() => 3; }
            partial record R { [Blocking] public string tostring() => ""; }
            """);
        IMethodSymbol Single(string type, string name) => compilation.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>().Single();

        Assert.Equal(2, WrapperNaming.GetOverloadOrdinal(Single("C", "GET_VALUE")));
        Assert.Equal(1, WrapperNaming.GetOverloadOrdinal(Single("C", "get_Value")));
        Assert.Equal(0, WrapperNaming.GetOverloadOrdinal(Single("C", "Unique")));
        Assert.NotEqual(0, WrapperNaming.GetOverloadOrdinal(Single("R", "tostring")));
    }

    [Fact]
    public void The_last_cancellation_token_parameter_receives_the_wrappers_token()
    {
        Compilation compilation = GeneratorHarness.Compile("using System.Threading; partial class C { static int M(CancellationToken a, int x, CancellationToken b, CancellationToken? c) => x; static int N(int x) => x; }");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("C")!;

        Assert.Equal(2, WrapperSignature.GetCancellationTokenParameterIndex((IMethodSymbol)type.GetMembers("M").Single()));
        Assert.Equal(-1, WrapperSignature.GetCancellationTokenParameterIndex((IMethodSymbol)type.GetMembers("N").Single()));
    }

    [Fact]
    public void Generated_members_do_not_collide_with_the_method_they_wrap()
    {
        // After generation (what the analyzers see) the wrapper and work item exist; they must not count as collisions.
        GeneratorRun run = GeneratorHarness.Run("using Blitz; public partial class C { [Blocking] public int Target(int x) => x; }");
        IMethodSymbol target = FirstAnnotated(run.OutputCompilation);

        Assert.Contains(run.OutputCompilation.GetTypeByMetadataName("C")!.GetMembers(), m => m.Name == "TargetAsync");
        Assert.Equal(OffloadTargetIssue.None, OffloadTargetRules.GetIssue(target));
    }

    private static IMethodSymbol FirstAnnotated(Compilation compilation)
    {
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SemanticModel model = compilation.GetSemanticModel(tree);
        SyntaxNode node = tree.GetRoot().DescendantNodes()
            .First(n => n is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or LambdaExpressionSyntax
                && n.ChildNodes().OfType<AttributeListSyntax>().Any(list => list.Attributes.Any(a => a.Name.ToString() is "Blocking" or "CpuBound")));
        ISymbol? symbol = node is LambdaExpressionSyntax ? model.GetSymbolInfo(node).Symbol : model.GetDeclaredSymbol(node);
        return Assert.IsAssignableFrom<IMethodSymbol>(symbol);
    }
}
