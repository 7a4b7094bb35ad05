using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Blitz.Analyzers.Tests.Corpus;

/// <summary>
/// A corpus of realistic async service code (handlers, workers, file processors, crypto, compression, parsers, data
/// access), labelled with what an expert reviewer would flag. Measures recall and false positives of all Blitz
/// analyzers together; labels come from the review, not from what the analyzers happen to report.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    /// <summary>What ships: every analyzer the host loads from the assembly (one with [DiagnosticAnalyzer]).</summary>
    internal static DiagnosticAnalyzer[] AllAnalyzers() =>
        [.. typeof(BlitzRulesAnalyzer).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    internal static IReadOnlyList<(string Name, string Markup)> Files() =>
        typeof(CorpusTests).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Corpus.Files.", StringComparison.Ordinal) && n.EndsWith(".cs.txt", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = typeof(CorpusTests).Assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n, reader.ReadToEnd());
            })
            .ToList();

    [GeneratedRegex(@"^\s*(public|private|internal)\s+async\s", RegexOptions.Multiline)]
    private static partial Regex AsyncMethod();

    [Fact]
    public async Task Recall_and_false_positives_on_the_corpus()
    {
        var run = new AnalyzerRun(TestReferences.All, AllAnalyzers());
        var files = Files();
        Assert.Equal(5, files.Count);

        int expectedCount = 0, found = 0, falsePositives = 0, asyncMethods = 0, flaggedMethods = 0;
        foreach (var (name, markup) in files)
        {
            var (source, expected) = CorpusMarkup.Parse(markup);
            var compilation = run.CreateCompilation(source);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + " does not compile:\n" + string.Join("\n", errors));

            var actual = await run.GetDiagnosticsAsync(compilation);
            var actualKeys = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToHashSet();
            var expectedKeys = expected.Select(e => (e.Id!, e.Span)).ToHashSet();
            expectedCount += expectedKeys.Count;
            foreach (var key in expectedKeys)
            {
                if (actualKeys.Contains(key)) { found++; }
                else { output.WriteLine($"MISS {name} {key.Item1} `{source.Substring(key.Span.Start, key.Span.Length)}`"); }
            }

            foreach (var diagnostic in actual.Where(d => !expectedKeys.Contains((d.Id, d.Location.SourceSpan))))
            {
                falsePositives++;
                output.WriteLine($"FALSE POSITIVE {name} {diagnostic}");
            }

            // Method-level counts: an async method is "flagged" when its body holds an expected diagnostic.
            var methods = AsyncMethod().Matches(source).Select(m => m.Index).Append(source.Length).ToList();
            asyncMethods += methods.Count - 1;
            for (var i = 0; i + 1 < methods.Count; i++)
            {
                if (expected.Any(e => e.Span.Start >= methods[i] && e.Span.Start < methods[i + 1])) { flaggedMethods++; }
            }
        }

        var recall = (double)found / expectedCount;
        output.WriteLine($"corpus: {asyncMethods} async methods, {asyncMethods - flaggedMethods} not to be flagged ({100.0 * (asyncMethods - flaggedMethods) / asyncMethods:F0}%), " +
            $"{expectedCount} expected diagnostics, {found} found, recall {recall:P1}, {falsePositives} false positives");

        Assert.True(asyncMethods >= 80, $"the corpus needs at least 80 async methods, has {asyncMethods}");
        Assert.True(asyncMethods - flaggedMethods >= asyncMethods * 0.4, "at least 40% of the corpus must be clean code");
        Assert.True(recall >= 0.9, $"recall {recall:P1} fell below 90%");
        Assert.True(falsePositives == 0, $"{falsePositives} false positives");
    }
}
