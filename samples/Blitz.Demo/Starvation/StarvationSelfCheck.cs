namespace Blitz.Demo;

/// <summary>
/// Turns the outcomes into pass/fail checks, so the demo verifies itself: exit code 0 means every mode ran, every
/// request got its own answer, and the Blitz mode kept the ThreadPool responsive where the other modes starved it.
/// </summary>
internal static class StarvationSelfCheck
{
    /// <summary>Blitz's p99 probe delay must be at least this many times smaller than a starved mode's.</summary>
    private const double RequiredImprovement = 10;

    public static IReadOnlyList<Check> Evaluate(IReadOnlyList<ModeOutcome<StarvationResult>> outcomes)
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
                $"{name}: every completed request got its own result",
                result.WrongResults == 0 && result.Faulted == 0,
                result.FirstError ?? (result.WrongResults > 0 ? $"{result.WrongResults} wrong results" : null)));

            if (outcome.Mode == Mode.Blitz)
            {
                checks.Add(new Check(
                    $"{name}: all {result.Requests} requests completed within the time cap",
                    !result.CutOff && result.Completed == result.Requests,
                    $"{result.Completed} completed"));
            }
        }

        var blitz = outcomes.FirstOrDefault(o => o.Mode == Mode.Blitz)?.Result;
        if (blitz is not null)
        {
            // Only a mode that actually starved the pool (a probe waited at least one blocking call) makes the
            // comparison meaningful; tiny runs starve nothing.
            foreach (var starved in outcomes.Select(o => o.Result).OfType<StarvationResult>()
                         .Where(r => r.Mode != Mode.Blitz && r.ProbeDelays.P99Ms >= r.BlockMs))
            {
                checks.Add(new Check(
                    $"Blitz p99 probe delay is at least {RequiredImprovement:0}x lower than {starved.Mode.DisplayName()}'s",
                    blitz.ProbeDelays.P99Ms * RequiredImprovement <= starved.ProbeDelays.P99Ms,
                    $"{ReportFormat.Duration(blitz.ProbeDelays.P99Ms)} vs {ReportFormat.Duration(starved.ProbeDelays.P99Ms)}"));
            }
        }

        return checks;
    }
}
