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
    private const double StarvedProbeDelayMs = 50;

    public static IReadOnlyList<Check> Evaluate(IReadOnlyList<ModeOutcome<UploadResult>> outcomes)
    {
        var checks = new List<Check>();
        foreach (var outcome in outcomes)
        {
            string name = outcome.Mode.DisplayName();
            if (outcome.Result is not { } result)
            {
                checks.Add(new Check($"{name}: the mode ran", false, outcome.Failure));
                continue;
            }

            checks.Add(new Check(
                $"{name}: every digest matched the client's own SHA-256, and no upload failed",
                result is { WrongDigests: 0, ClientErrors: 0, ServerErrors: 0 } && result.Completed > 0,
                result.FirstError ?? $"{result.Completed} uploads, {result.WrongDigests} wrong digests"));

            if (outcome.Mode == Mode.Blitz)
            {
                checks.Add(new Check(
                    $"{name}: all {result.Requests} uploads completed within the time cap",
                    !result.CutOff && result.Completed == result.Requests,
                    $"{result.Completed} completed"));
            }
        }

        var blitz = outcomes.FirstOrDefault(o => o.Mode == Mode.Blitz)?.Result;
        if (blitz is not null)
        {
            foreach (var starved in outcomes.Select(o => o.Result).OfType<UploadResult>()
                         .Where(r => r.Mode != Mode.Blitz && r.ProbeDelays.P99Ms >= StarvedProbeDelayMs))
            {
                checks.Add(new Check(
                    $"Blitz p99 probe delay is at least {RequiredImprovement:0}x lower than {starved.Mode.DisplayName()}'s",
                    blitz.ProbeDelays.P99Ms * RequiredImprovement <= starved.ProbeDelays.P99Ms,
                    $"{ReportFormat.Duration(blitz.ProbeDelays.P99Ms)} vs {ReportFormat.Duration(starved.ProbeDelays.P99Ms)}"));
                checks.Add(new Check(
                    $"Blitz p99 request latency is lower than {starved.Mode.DisplayName()}'s",
                    blitz.Latency.P99Ms < starved.Latency.P99Ms,
                    $"{ReportFormat.Duration(blitz.Latency.P99Ms)} vs {ReportFormat.Duration(starved.Latency.P99Ms)}"));
            }
        }

        return checks;
    }
}
