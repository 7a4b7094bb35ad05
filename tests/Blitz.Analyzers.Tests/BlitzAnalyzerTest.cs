using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// An analyzer test of the Roslyn testing library (<c>{|BLZ101:...|}</c> markup, or <c>{|#0:...|}</c> with an
/// expected <see cref="DiagnosticResult"/>) over a Blitz rule hosted the way it ships, set up as
/// <see cref="BlitzCodeFixTest{TCodeFix}"/> is: offline, .NET 10 and Blitz.Runtime references, latest C#, nullable on.
/// </summary>
internal sealed class BlitzAnalyzerTest : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>
{
    private readonly DiagnosticAnalyzer[] _analyzers;

    public BlitzAnalyzerTest(DiagnosticAnalyzer analyzer, params MetadataReference[] extraReferences)
        : this([analyzer], extraReferences)
    {
    }

    public BlitzAnalyzerTest(DiagnosticAnalyzer[] analyzers, params MetadataReference[] extraReferences)
    {
        _analyzers = analyzers;
        BlitzTestProject.Configure(this, extraReferences);
    }

    /// <summary>Asserts that <paramref name="analyzer"/> reports exactly what the markup and <paramref name="expected"/> say.</summary>
    public static Task VerifyAsync(DiagnosticAnalyzer analyzer, string markup, params DiagnosticResult[] expected) =>
        VerifyAsync([analyzer], markup, expected);

    /// <summary>Asserts that <paramref name="analyzers"/> together report exactly what the markup and <paramref name="expected"/> say.</summary>
    public static Task VerifyAsync(DiagnosticAnalyzer[] analyzers, string markup, params DiagnosticResult[] expected)
    {
        var test = new BlitzAnalyzerTest(analyzers) { TestCode = markup };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>An expected diagnostic of <paramref name="analyzer"/>'s rule <paramref name="id"/>, at its default severity.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticAnalyzer analyzer, string id) =>
        new(analyzer.SupportedDiagnostics.First(d => d.Id == id));

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _analyzers;

    protected override ParseOptions CreateParseOptions() => BlitzTestProject.ParseOptions((CSharpParseOptions)base.CreateParseOptions());

    protected override CompilationOptions CreateCompilationOptions() => BlitzTestProject.CompilationOptions((CSharpCompilationOptions)base.CreateCompilationOptions());
}
