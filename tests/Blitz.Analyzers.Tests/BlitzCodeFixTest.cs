using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// A code-fix test of the Roslyn testing library (<c>{|BLZ109:...|}</c> markup) over a Blitz rule hosted the way it
/// ships. Offline: the .NET 10 references come from Basic.Reference.Assemblies, and the library's own
/// <see cref="ReferenceAssemblies"/> names no package, so it has nothing to download.
/// </summary>
internal sealed class BlitzCodeFixTest<TCodeFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private readonly DiagnosticAnalyzer _analyzer;

    public BlitzCodeFixTest(DiagnosticAnalyzer analyzer)
    {
        _analyzer = analyzer;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(TestSupport.ReferenceAssemblies.FrameworkAnd(typeof(BlitzRuntime).Assembly));
    }

    /// <summary>Runs the test for <paramref name="source"/> fixed into <paramref name="fixedSource"/>.</summary>
    public static Task VerifyAsync(DiagnosticAnalyzer analyzer, string source, string fixedSource) =>
        new BlitzCodeFixTest<TCodeFix>(analyzer) { TestCode = source, FixedCode = fixedSource }.RunAsync();

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { _analyzer };

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable).WithAllowUnsafe(true);
}
