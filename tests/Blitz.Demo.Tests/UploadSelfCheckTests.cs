namespace Blitz.Demo.Tests;

public sealed class UploadSelfCheckTests
{
    [Fact]
    public void A_run_where_blitz_kept_the_pool_responsive_passes_every_check()
    {
        var checks = UploadSelfCheck.Evaluate([Outcome(Mode.Inline, probeP99: 200, latencyP99: 2000), Outcome(Mode.TaskRun, probeP99: 400, latencyP99: 1000), Outcome(Mode.Blitz, probeP99: 20, latencyP99: 200)]);

        Assert.All(checks, c => Assert.True(c.Passed, c.Claim));
        Assert.Contains(checks, c => c.Claim == "Blitz p99 probe delay is at least 2x lower than inline's");
        Assert.Contains(checks, c => c.Claim == "Blitz p99 request latency is lower than Task.Run's");
    }

    [Fact]
    public void A_wrong_digest_fails_its_mode()
    {
        var checks = UploadSelfCheck.Evaluate([Outcome(Mode.Inline, probeP99: 5, latencyP99: 50) with { Result = UploadResults.Sample(Mode.Inline, 5, 50) with { WrongDigests = 1 } }]);

        Assert.False(Assert.Single(checks).Passed);
    }

    [Fact]
    public void Blitz_cut_off_at_the_time_cap_fails()
    {
        var blitz = UploadResults.Sample(Mode.Blitz, 5, 50) with { CutOff = true, Completed = 10 };

        var checks = UploadSelfCheck.Evaluate([new ModeOutcome<UploadResult>(Mode.Blitz, blitz, null)]);

        Assert.Contains(checks, c => !c.Passed && c.Claim.Contains("within the time cap", StringComparison.Ordinal));
    }

    [Fact]
    public void Blitz_not_clearly_better_than_a_starved_mode_fails()
    {
        var checks = UploadSelfCheck.Evaluate([Outcome(Mode.TaskRun, probeP99: 100, latencyP99: 500), Outcome(Mode.Blitz, probeP99: 60, latencyP99: 600)]);

        Assert.Equal(2, checks.Count(c => !c.Passed));
    }

    [Fact]
    public void A_mode_that_did_not_starve_the_pool_is_not_compared()
    {
        var checks = UploadSelfCheck.Evaluate([Outcome(Mode.Inline, probeP99: 30, latencyP99: 100), Outcome(Mode.Blitz, probeP99: 20, latencyP99: 200)]);

        Assert.All(checks, c => Assert.True(c.Passed, c.Claim));
        Assert.DoesNotContain(checks, c => c.Claim.Contains("inline's", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mode_whose_process_failed_fails()
    {
        var checks = UploadSelfCheck.Evaluate([ModeOutcome<UploadResult>.Failed(Mode.TaskRun, "exited with code 1")]);

        var check = Assert.Single(checks);
        Assert.False(check.Passed);
        Assert.Equal("the taskrun child process exited with code 1", check.Detail);
    }

    private static ModeOutcome<UploadResult> Outcome(Mode mode, double probeP99, double latencyP99) =>
        new(mode, UploadResults.Sample(mode, probeP99, latencyP99), null);
}
