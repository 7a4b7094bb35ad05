using System.Collections.Immutable;
using Blitz.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// The verifiers, as set up here over the Roslyn testing library, must be able to fail: on a missing, an unexpected
/// or a misplaced diagnostic, a wrong message, source that does not compile, and a crash. The corpus markup must
/// read back the spans it labels.
/// </summary>
public sealed class VerifierTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new OffloadTargetUsageAnalyzer());

    private static Task VerifyAsync(string markup) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup);

    [Fact]
    public Task Passes_on_exactly_the_marked_diagnostic() =>
        VerifyAsync("public class C { [Blitz.Blocking] public int {|BLZ001:M|}() => 1; }");

    [Fact]
    public Task Fails_on_a_missing_diagnostic() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => VerifyAsync("public partial class C { [Blitz.Blocking] public int {|BLZ001:M|}() => 1; }"));

    [Fact]
    public Task Fails_on_an_unexpected_diagnostic() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => VerifyAsync("public class C { [Blitz.Blocking] public int M() => 1; }"));

    [Fact]
    public Task Fails_on_a_wrong_span() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => VerifyAsync("public class C { [Blitz.Blocking] public {|BLZ001:int M|}() => 1; }"));

    [Fact]
    public Task Fails_on_a_wrong_message() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => BlitzAnalyzerTest.VerifyAsync(Analyzer,
            "public class C { [Blitz.Blocking] public int {|#0:M|}() => 1; }",
            BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ001").WithLocation(0).WithMessage("not the message")));

    [Fact]
    public Task Fails_on_source_that_does_not_compile() =>
        Assert.ThrowsAsync<InvalidOperationException>(() => VerifyAsync("public class C { int M() => ; }"));

    [Fact]
    public async Task Fails_when_an_analyzer_throws()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BlitzAnalyzerTest.VerifyAsync(new ThrowingAnalyzer(), "public class C { }"));
        Assert.Contains("boom", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_markup_yields_plain_source_and_spans()
    {
        var (source, expected) = CorpusMarkup.Parse("a{|X1:b[|c|]|}d");
        Assert.Equal("abcd", source);
        Assert.Equal([new ExpectedDiagnostic("X1", new(1, 2)), new ExpectedDiagnostic(null, new(2, 1))], expected);
    }

#pragma warning disable RS1036, RS1025, RS1026, RS1038, RS1041, RS2008 // a deliberately broken analyzer
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TST001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) =>
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
    }
#pragma warning restore RS1036, RS1025, RS1026, RS1038, RS1041, RS2008
}
