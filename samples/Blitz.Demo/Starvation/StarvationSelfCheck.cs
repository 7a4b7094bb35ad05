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
        var checks = Check.PerMode(outcomes, "requests", static (name, result) => new Check(
            $"{name}: every completed request got its own result",
            result.WrongResults == 0 && result.Faulted == 0,
            result.FirstError ?? (result.WrongResults > 0 ? $"{result.WrongResults} wrong results" : null)));

        var blitz = outcomes.FirstOrDefault(o => o.Mode == Mode.Blitz)?.Result;
        if (blitz is not null)
        {
            // Only a mode that actually starved the pool (a probe waited at least one blocking call) makes the
            // comparison meaningful; tiny runs starve nothing.
            foreach (var starved in outcomes.Select(o => o.Result).OfType<StarvationResult>()
                         .Where(r => r.Mode != Mode.Blitz && r.ProbeDelays.P99Ms >= r.BlockMs))
            {
                checks.Add(Check.ProbeDelayImprovement(blitz, starved, RequiredImprovement));
            }
        }

        return checks;
    }
}
