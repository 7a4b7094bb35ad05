using System.Collections.Immutable;
using Blitz.Analyzers.Usage;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace Blitz.Analyzers.Tests;

/// <summary>The harness itself must be able to fail: on a missing, an unexpected or a misplaced diagnostic, and on a crash.</summary>
public sealed class HarnessTests
{
    private static readonly AnalyzerHarness Harness = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new OffloadTargetUsageAnalyzer()));

    [Fact]
    public Task Fails_on_a_missing_diagnostic() =>
        Assert.ThrowsAsync<XunitException>(() => Harness.VerifyAsync("public class C { public int {|BLZ001:M|}() => 1; }"));

    [Fact]
    public Task Fails_on_an_unexpected_diagnostic() =>
        Assert.ThrowsAsync<XunitException>(() => Harness.VerifyAsync("public class C { [Blitz.Blocking] public int M() => 1; }"));

    [Fact]
    public Task Fails_on_a_wrong_span() =>
        Assert.ThrowsAsync<XunitException>(() => Harness.VerifyAsync("public class C { [Blitz.Blocking] public {|BLZ001:int M|}() => 1; }"));

    [Fact]
    public Task Fails_on_source_that_does_not_compile() =>
        Assert.ThrowsAsync<XunitException>(() => Harness.VerifyAsync("public class C { int M() => ; }"));

    [Fact]
    public async Task Fails_when_an_analyzer_throws()
    {
        var harness = new AnalyzerHarness(TestReferences.All, new ThrowingAnalyzer());
        var error = await Assert.ThrowsAsync<XunitException>(() => harness.VerifyAsync("public class C { }"));
        Assert.Contains("ThrowingAnalyzer", error.Message);
    }

    [Fact]
    public void Markup_yields_plain_source_and_spans()
    {
        var (source, expected) = DiagnosticMarkup.Parse("a{|X1:b[|c|]|}d");
        Assert.Equal("abcd", source);
        Assert.Equal(2, expected.Count);
        Assert.Equal(("X1", 1, 3), (expected[0].Id, expected[0].Span.Start, expected[0].Span.End));
        Assert.Equal((null, 2, 3), (expected[1].Id, expected[1].Span.Start, expected[1].Span.End));
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
