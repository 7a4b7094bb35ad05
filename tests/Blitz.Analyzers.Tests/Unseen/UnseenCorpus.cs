using System.Collections.Immutable;
using Blitz.Analyzers.Tests.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests.Unseen;

/// <summary>
/// The unseen corpus: real async methods mined from public repositories, labelled by review (see Unseen/README.md).
/// Loads a half, compiles each file on its own, and scores every shipped analyzer with every rule forced on.
/// </summary>
internal static class UnseenCorpus
{
    /// <summary>The half kept for an independent, final measurement; never tune rules against it.</summary>
    public const string HeldOut = "HeldOut";

    /// <summary>The half rule developers may look at and measure while working.</summary>
    public const string Tuning = "Tuning";

    /// <summary>Which bucket each diagnostic id belongs to; BLZ113 is reserved for a future "offloaded cheap work" rule.</summary>
    public static IReadOnlyDictionary<string, string> BucketOfId { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BLZ108"] = "B1",
        ["BLZ113"] = "B2",
        ["BLZ101"] = "B3", ["BLZ102"] = "B3", ["BLZ103"] = "B3", ["BLZ104"] = "B3", ["BLZ105"] = "B3", ["BLZ109"] = "B3", ["BLZ111"] = "B3",
        ["BLZ106"] = "B4", ["BLZ112"] = "B4",
        ["BLZ107"] = "B5", ["BLZ110"] = "B5",
    };

    /// <summary>The files of a half (embedded resources under Unseen/&lt;half&gt;/), sorted by name.</summary>
    public static IReadOnlyList<(string Name, string Source)> Files(string half)
    {
        var marker = $".Unseen.{half}.";
        var assembly = typeof(UnseenCorpus).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".cs.txt", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Compiles one file on its own, against the BCL and the Blitz runtime.</summary>
    public static CSharpCompilation Compile(string source) => Run().CreateCompilation(source);

    /// <summary>
    /// Scores the given files: runs all shipped analyzers with every rule at warning (suggestions included), and
    /// attributes each BLZ1xx diagnostic to the labelled method whose span holds it.
    /// </summary>
    public static async Task<UnseenScore> ScoreAsync(IEnumerable<(string Name, string Source)> files)
    {
        var run = Run();
        int methods = 0, misplaced = 0, ok = 0, found = 0, falsePositiveMethods = 0, outside = 0, wrongAdviceMethods = 0;
        var misses = new List<string>();
        var falsePositives = new List<string>();
        var wrongAdvice = new List<string>();
        foreach (var (name, source) in files)
        {
            var compilation = ForceEveryRuleOn(run.CreateCompilation(source));
            var (labelled, _) = LabelledMethod.Read(name, compilation.SyntaxTrees.Single());
            var diagnostics = (await run.GetDiagnosticsAsync(compilation).ConfigureAwait(false))
                .Where(d => d.Id.StartsWith("BLZ1", StringComparison.Ordinal))
                .ToList();

            foreach (var diagnostic in diagnostics.Where(d => !labelled.Any(m => m.Span.Contains(d.Location.SourceSpan.Start))))
            {
                outside++;
                falsePositives.Add($"{name} (outside any labelled method) {diagnostic.Id} line {Line(diagnostic)}: {diagnostic.GetMessage()}");
            }

            foreach (var method in labelled)
            {
                methods++;
                var inside = diagnostics.Where(d => method.Span.Contains(d.Location.SourceSpan.Start)).ToList();
                var ids = string.Join(", ", inside.Select(d => $"{d.Id} line {Line(d)}"));
                if (!method.IsMisplaced)
                {
                    ok++;
                    if (inside.Count > 0)
                    {
                        falsePositiveMethods++;
                        falsePositives.Add($"{name} {method.Name}: {ids}");
                    }

                    continue;
                }

                misplaced++;
                var rightBucket = inside.Where(d => BucketOfId.TryGetValue(d.Id, out var bucket) && bucket == method.Label).ToList();
                if (rightBucket.Count > 0)
                {
                    found++;
                }
                else
                {
                    misses.Add($"{name} {method.Name} [{method.Label}: {method.Reason}]" + (inside.Count > 0 ? $" (reported instead: {ids})" : ""));
                }

                if (inside.Count > rightBucket.Count)
                {
                    wrongAdviceMethods++;
                    var others = inside.Except(rightBucket).Select(d => $"{d.Id} line {Line(d)}");
                    wrongAdvice.Add($"{name} {method.Name} [{method.Label}]: {string.Join(", ", others)}");
                }
            }
        }

        return new UnseenScore(methods, misplaced, ok, found, falsePositiveMethods, outside, wrongAdviceMethods, misses, falsePositives, wrongAdvice);
    }

    private static AnalyzerRun Run() => new(TestReferences.All, CorpusTests.AllAnalyzers());

    // Suggestion rules ship at Info or disabled; the corpus measures what each rule can find, so all report as warnings.
    private static CSharpCompilation ForceEveryRuleOn(CSharpCompilation compilation)
    {
        var ids = CorpusTests.AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct();
        var options = compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItems(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))));
        return compilation.WithOptions(options);
    }

    private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
}
