using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Blitz.Analyzers.Tests.Unseen;

/// <summary>
/// The unseen corpus (Unseen/README.md): both halves compile and carry a label on every async method; the tuning
/// half is scored on every run; the held-out half is scored only when BLITZ_HELDOUT=1, once, by someone who did not
/// tune the rules.
/// </summary>
public sealed class UnseenCorpusTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(UnseenCorpus.HeldOut)]
    [InlineData(UnseenCorpus.Tuning)]
    public void Every_file_compiles_and_every_async_method_is_labelled(string half)
    {
        var files = UnseenCorpus.Files(half);
        Assert.NotEmpty(files);
        var problems = new List<string>();
        var methods = 0;
        foreach (var (name, source) in files)
        {
            var compilation = UnseenCorpus.Compile(source);
            problems.AddRange(compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{name}: {d}"));
            var (labelled, labelProblems) = LabelledMethod.Read(name, compilation.SyntaxTrees.Single());
            problems.AddRange(labelProblems);
            methods += labelled.Count;
        }

        output.WriteLine($"{half}: {files.Count} files, {methods} labelled methods");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Tuning_half_figures()
    {
        var score = await UnseenCorpus.ScoreAsync(UnseenCorpus.Files(UnseenCorpus.Tuning));
        output.WriteLine(score.Describe(UnseenCorpus.Tuning));

        Assert.True(score.Methods >= 75, $"the tuning half needs at least 75 labelled methods, has {score.Methods}");

        // Floors just under the figures of stop 22 (own corpus and rounds 1-11: 88.9%, 0.28 per 30): a rule change that
        // loses ground on the cases it was tuned on shows up here. Two of the false-positive methods are a label
        // conflict kept as written: rounds 4 and 6 call a sync controller action's file read ok, rounds 2 and 7 call
        // sync I/O in a request handler B3 (the convention BLZ101-103 follow). So is one miss: round 7 calls a Task.Run
        // per port of async probes awaited together B5, round 9 calls per-item async GETs wrapped so B1 (BLZ108's advice).
        Assert.True(score.Recall >= 0.885, $"tuning-half recall fell to {score.Recall:P1}");
        Assert.True(score.FalsePositivesPer30Correct <= 0.32, $"tuning-half false positives rose to {score.FalsePositivesPer30Correct:F2} per 30 correct methods");
    }

    [Fact]
    public async Task Held_out_half_figures()
    {
        var files = UnseenCorpus.Files(UnseenCorpus.HeldOut);
        var labelled = files.Sum(f => LabelledMethod.Read(f.Name, UnseenCorpus.Compile(f.Source).SyntaxTrees.Single()).Methods.Count);
        Assert.True(labelled >= 80, $"the held-out half needs at least 80 labelled methods, has {labelled}");

        // Scored once, at the end, by someone who did not tune the rules: never while rules are being changed.
        if (Environment.GetEnvironmentVariable("BLITZ_HELDOUT") != "1")
        {
            output.WriteLine($"held-out half: {labelled} labelled methods, not scored (set BLITZ_HELDOUT=1 to score it)");
            return;
        }

        var score = await UnseenCorpus.ScoreAsync(files);
        output.WriteLine(score.Describe(UnseenCorpus.HeldOut));
    }
}
