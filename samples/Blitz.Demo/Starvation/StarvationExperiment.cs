namespace Blitz.Demo;

/// <summary>The parent's side of the starvation experiment: run the modes, report, check.</summary>
internal static class StarvationExperiment
{
    /// <returns>The exit code: 0 if every check passed, 1 if not.</returns>
    public static async Task<int> RunAsync(DemoOptions options)
    {
        StarvationReport.WriteHeader(options);
        var outcomes = await ModeSequence.RunAsync(
            options, StarvationResultJson.Default.StarvationResult, options.Starvation.Requests, "requests");
        var checks = StarvationSelfCheck.Evaluate(outcomes);
        StarvationReport.WriteResults(outcomes, checks);
        return checks.All(c => c.Passed) ? 0 : 1;
    }
}
