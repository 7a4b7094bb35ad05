using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// A code-fix test of the Roslyn testing library (<c>{|BLZ109:...|}</c> markup) over a Blitz rule hosted the way it
/// ships, in the project <see cref="BlitzTestProject"/> describes.
/// </summary>
internal sealed class BlitzCodeFixTest<TCodeFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private readonly DiagnosticAnalyzer _analyzer;

    public BlitzCodeFixTest(DiagnosticAnalyzer analyzer, params MetadataReference[] extraReferences)
    {
        _analyzer = analyzer;
        BlitzTestProject.Configure(this, extraReferences);
    }

    /// <summary>
    /// Runs the test for <paramref name="source"/> fixed into <paramref name="fixedSource"/>: one diagnostic at a
    /// time, and through the provider's Fix All in document, project and solution. Diagnostics the fix leaves are
    /// marked in <paramref name="fixedSource"/> as in <paramref name="source"/>.
    /// </summary>
    public static Task VerifyAsync(DiagnosticAnalyzer analyzer, string source, string fixedSource, params MetadataReference[] extraReferences)
    {
        var test = new BlitzCodeFixTest<TCodeFix>(analyzer, extraReferences) { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { _analyzer };

    protected override ParseOptions CreateParseOptions() => BlitzTestProject.ParseOptions((CSharpParseOptions)base.CreateParseOptions());

    protected override CompilationOptions CreateCompilationOptions() => BlitzTestProject.CompilationOptions((CSharpCompilationOptions)base.CreateCompilationOptions());
}
