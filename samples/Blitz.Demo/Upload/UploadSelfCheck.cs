namespace Blitz.Demo;

/// <summary>
/// Turns the upload experiment's outcomes into pass/fail checks: exit code 0 means every mode ran, every digest was
/// right and nothing failed, Blitz served every upload within the cap, and where another mode starved the ThreadPool,
/// Blitz kept it responsive and answered uploads sooner.
/// </summary>
internal static class UploadSelfCheck
{
    /// <summary>Blitz's p99 probe delay must be at least this many times smaller than a starved mode's.</summary>
    private const double RequiredImprovement = 2;

    /// <summary>A mode starved the pool if its p99 probe delay reached this; below it the comparison means little.</summary>
    /// <summary>A mode whose probe delay p99 reaches this starved the ThreadPool; the report colors it red.</summary>
    public const double StarvedProbeDelayMs = 50;

    public static IReadOnlyList<Check> Evaluate(IReadOnlyList<ModeOutcome<UploadResult>> outcomes)
    {
        var checks = Check.PerMode(outcomes, "uploads", static (name, result) => new Check(
            $"{name}: every digest matched the client's own SHA-256, and no upload failed",
            result is { WrongDigests: 0, ClientErrors: 0, ServerErrors: 0 } && result.Completed > 0,
            result.FirstError ?? $"{result.Completed} uploads, {result.WrongDigests} wrong digests"));

        var blitz = outcomes.FirstOrDefault(o => o.Mode == Mode.Blitz)?.Result;
        if (blitz is not null)
        {
            foreach (var starved in outcomes.Select(o => o.Result).OfType<UploadResult>()
                         .Where(r => r.Mode != Mode.Blitz && r.ProbeDelays.P99Ms >= StarvedProbeDelayMs))
            {
                checks.Add(Check.ProbeDelayImprovement(blitz, starved, RequiredImprovement));
                checks.Add(new Check(
                    $"Blitz p99 request latency is lower than {starved.Mode.DisplayName()}'s",
                    blitz.Latency.P99Ms < starved.Latency.P99Ms,
                    $"{ReportFormat.Duration(blitz.Latency.P99Ms)} vs {ReportFormat.Duration(starved.Latency.P99Ms)}"));
            }
        }

        return checks;
    }
}
