using System.Text;
using System.Threading;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Blitz.Analyzers.Tests.Corpus;

/// <summary>
/// Analyzers must never throw, also on code that does not compile: every corpus file goes through random token
/// deletions (2,000 mutations in all, seeded, so a failure reproduces) and the run fails on any AD0001.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerFile = 400;
    private const int CommittedSeed = 20261128;

    [Fact]
    public async Task Random_token_deletions_never_make_an_analyzer_throw()
    {
        var run = new AnalyzerRun(TestReferences.All, CorpusTests.AllAnalyzers());
        var fuzz = new SeededFuzz(CommittedSeed);

        // Mutations are drawn sequentially (reproducible from the seed), then analyzed in parallel.
        var work = new List<(string Name, int Index, Compilation Baseline, SyntaxTree Original, string Source)>();
        foreach (var (name, markup) in CorpusTests.Files())
        {
            var source = CorpusMarkup.Parse(markup).Source;
            var baseline = run.CreateCompilation(source);
            var original = baseline.SyntaxTrees.Single();
            var tokens = original.GetRoot().DescendantTokens().ToArray();
            for (var i = 0; i < MutationsPerFile; i++)
            {
                work.Add((name, i, baseline, original, DeleteTokens(source, tokens, fuzz.Random)));
            }
        }

        var withErrors = 0;
        await fuzz.CheckEachAsync(work, item => $"{item.Name}, mutation {item.Index}", item => item.Source, async (item, ct) =>
        {
            var tree = CSharpSyntaxTree.ParseText(item.Source, AnalyzerRun.ParseOptions, path: item.Original.FilePath, cancellationToken: ct);
            if (tree.GetDiagnostics(ct).Any(d => d.Severity == DiagnosticSeverity.Error)) { Interlocked.Increment(ref withErrors); }
            await run.GetDiagnosticsAsync(item.Baseline.ReplaceSyntaxTree(item.Original, tree), cancellationToken: ct);
        });

        fuzz.Report(output.WriteLine, $"{work.Count} mutations, {withErrors} of them with syntax errors");
        Assert.True(work.Count >= 2000);
        Assert.True(withErrors > work.Count / 2, "most mutations should break the code, or the fuzzing is too gentle");
    }

    /// <summary>Deletes one to three random runs of one to four tokens.</summary>
    internal static string DeleteTokens(string source, SyntaxToken[] tokens, Random random)
    {
        var deleted = new SortedSet<int>();
        var runs = random.Next(1, 4);
        for (var r = 0; r < runs; r++)
        {
            var start = random.Next(tokens.Length);
            var length = random.Next(1, 5);
            for (var k = start; k < Math.Min(tokens.Length, start + length); k++) { deleted.Add(k); }
        }

        var text = new StringBuilder(source.Length);
        var position = 0;
        foreach (var index in deleted)
        {
            var span = tokens[index].Span;
            text.Append(source, position, span.Start - position);
            position = span.End;
        }

        text.Append(source, position, source.Length - position);
        return text.ToString();
    }
}
