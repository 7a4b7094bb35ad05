namespace Blitz.Runtime.Tests;

/// <summary>Disposal waits for dedicated loops for <see cref="BlitzOptions.DedicatedStopTimeout"/>, never forever.</summary>
public sealed class DedicatedStopTimeoutTests
{
    // Only turns a hang (the bug) into a failure; far longer than any bound the tests set.
    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dispose_async_stops_waiting_for_a_loop_that_ignores_its_token_and_names_it()
    {
        using var release = new ManualResetEventSlim();
        var runtime = TestSupport.NewRuntime(o => o.DedicatedStopTimeout = TimeSpan.FromSeconds(2));
        DedicatedThread stubborn = runtime.SpawnDedicated("stubborn-loop", _ => release.Wait());
        DedicatedThread polite = runtime.SpawnDedicated("polite-loop", token => token.WaitHandle.WaitOne());

        DedicatedThreadTimeoutException error = await Assert.ThrowsAsync<DedicatedThreadTimeoutException>(
            () => runtime.DisposeAsync().AsTask().WaitAsync(s_hang));

        Assert.Equal(["stubborn-loop"], error.ThreadNames);
        Assert.Contains("stubborn-loop", error.Message);
        Assert.DoesNotContain("polite-loop", error.Message);
        Assert.True(polite.Completion.IsCompletedSuccessfully);
        Assert.False(stubborn.Completion.IsCompleted);
        Assert.True(stubborn.Thread.IsBackground, "a thread given up on must not keep the process alive");
        Assert.Same(stubborn, Assert.Single(runtime.GetDedicatedThreads()));

        // Reported once: a later disposal (a host's service provider, say) waits for the same shutdown and returns.
        await runtime.DisposeAsync().AsTask().WaitAsync(s_hang);

        release.Set();
        await stubborn.Completion.WaitAsync(s_hang);
        Assert.Empty(runtime.GetDedicatedThreads());
    }

    [Fact]
    public async Task Dispose_stops_waiting_for_a_loop_that_ignores_its_token_and_names_it()
    {
        using var release = new ManualResetEventSlim();
        var runtime = TestSupport.NewRuntime(o => o.DedicatedStopTimeout = TimeSpan.Zero);
        DedicatedThread stubborn = runtime.SpawnDedicated("stubborn-sync-loop", _ => release.Wait());

        Exception? error = null;
        var disposer = new Thread(() => error = Record.Exception(runtime.Dispose));
        disposer.Start();

        Assert.True(disposer.Join(s_hang), "Dispose returned");
        Assert.Equal(["stubborn-sync-loop"], Assert.IsType<DedicatedThreadTimeoutException>(error).ThreadNames);
        runtime.Dispose();
        release.Set();
        await stubborn.Completion.WaitAsync(s_hang);
    }

    [Fact]
    public async Task A_loop_that_returns_in_time_is_not_reported()
    {
        var runtime = TestSupport.NewRuntime(o => o.DedicatedStopTimeout = Timeout.InfiniteTimeSpan);
        DedicatedThread loop = runtime.SpawnDedicated("slow-but-polite", token =>
        {
            token.WaitHandle.WaitOne();
            Thread.Sleep(20);
        });

        await runtime.DisposeAsync();
        Assert.True(loop.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public void The_stop_timeout_defaults_to_five_seconds_and_refuses_negative_values()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new BlitzOptions().DedicatedStopTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, new BlitzOptions { DedicatedStopTimeout = Timeout.InfiniteTimeSpan }.DedicatedStopTimeout);
        Assert.Equal(TimeSpan.Zero, new BlitzOptions { DedicatedStopTimeout = TimeSpan.Zero }.DedicatedStopTimeout);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { DedicatedStopTimeout = TimeSpan.FromSeconds(-1) });
        Assert.Equal(nameof(BlitzOptions.DedicatedStopTimeout), error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { DedicatedStopTimeout = TimeSpan.FromDays(30) });
    }
}
