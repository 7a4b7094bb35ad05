using System.Threading;
using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Tests.Corpus;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// The corpus fuzz (<see cref="MutationFuzzTests"/>) runs every analyzer, the new ones included, but its files hold few
/// helpers. Here the multi-file fixtures are mutated one file at a time, so that summaries read bodies of helpers
/// that no longer compile, from another tree than the caller's. Seeded; no analyzer may throw.
/// </summary>
public sealed class DeepFuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerFile = 15;
    private const int CommittedSeed = 7111;

    [Fact]
    public async Task Token_deletions_in_helpers_and_callers_never_make_the_deep_rules_throw()
    {
        var verifier = new DeepVerifier(BlitzSuggestionsAnalyzer.Hosting(new BLZ104HeavyCpuAnalyzer()), BlitzRulesAnalyzer.Hosting(new BLZ111BlockingHelperAnalyzer(), new BLZ112ForeverLoopThroughCallAnalyzer()));
        var fuzz = new SeededFuzz(CommittedSeed);
        var work = new List<(string Name, Compilation Baseline, SyntaxTree Original, string Source)>();
        foreach (var fixture in new[] { "Ftp", "MicroOrm", "Mqtt" })
        {
            var sources = FixtureTests.Files(fixture).Select(m => CorpusMarkup.Parse(m).Source).ToArray();
            var baseline = verifier.Compile(sources);
            foreach (var original in baseline.SyntaxTrees)
            {
                var text = original.ToString();
                var tokens = original.GetRoot().DescendantTokens().ToArray();
                for (var i = 0; i < MutationsPerFile; i++)
                {
                    work.Add(($"{fixture}/{original.FilePath} #{i}", baseline, original, MutationFuzzTests.DeleteTokens(text, tokens, fuzz.Random)));
                }
            }
        }

        var withErrors = 0;
        await fuzz.CheckEachAsync(work, item => item.Name, item => item.Source, async (item, ct) =>
        {
            var tree = CSharpSyntaxTree.ParseText(item.Source, AnalyzerRun.ParseOptions, path: item.Original.FilePath, cancellationToken: ct);
            if (tree.GetDiagnostics(ct).Any(d => d.Severity == DiagnosticSeverity.Error)) { Interlocked.Increment(ref withErrors); }
            await verifier.AnalyzeAsync(item.Baseline.ReplaceSyntaxTree(item.Original, tree));
        });

        fuzz.Report(output.WriteLine, $"{work.Count} mutations, {withErrors} with syntax errors");
        Assert.Equal(7 * MutationsPerFile, work.Count);
        Assert.True(withErrors > work.Count / 2, "most mutations should break the code");
    }
}
