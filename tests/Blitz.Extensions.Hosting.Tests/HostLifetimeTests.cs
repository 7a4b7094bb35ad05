using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>The runtime follows the host's life: default while it runs, drained when it stops.</summary>
public sealed class HostLifetimeTests
{
    [Fact]
    public async Task The_hosts_runtime_is_configured_and_is_the_default_while_the_host_runs()
    {
        var logs = new RecordingLoggerProvider();
        string prefix = TestSupport.UniquePrefix();
        using IHost host = TestHosts.Build(logs, b => b.Services.AddBlitz(o => o.ThreadNamePrefix = prefix));
        BlitzRuntime runtime = host.Services.GetRequiredService<BlitzRuntime>();
        Assert.Same(runtime, host.Services.GetRequiredService<BlitzRuntime>());

        await host.StartAsync();
        Assert.Same(runtime, BlitzRuntime.Default);
        (string? thread, _) = await BlitzRuntime.Default.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith(prefix + "-blocking-", thread);

        await host.StopAsync();
        // The default stays the disposed runtime: late work fails visibly instead of starting a runtime nobody disposes.
        Assert.Same(runtime, BlitzRuntime.Default);
        Assert.Throws<ObjectDisposedException>(() => BlitzRuntime.Default.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default));
        Assert.Equal(0, runtime.GetMetrics().Blocking.Threads);
        Assert.DoesNotContain(logs.Entries, static e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Stopping_the_host_drains_every_accepted_work_item()
    {
        const int Queued = 20;
        var logs = new RecordingLoggerProvider();
        using IHost host = TestHosts.BuildWithOneBlockingThread(logs, shutdownTimeout: Timeout.InfiniteTimeSpan);
        await host.StartAsync();
        BlitzRuntime runtime = host.Services.GetRequiredService<BlitzRuntime>();
        using var work = new GatedWorkBatch();
        work.Spawn(runtime, Queued);

        Task stop = host.StopAsync();
        // Work offered while the host stops is either accepted, and then drained too, or refused: never lost.
        TestSupport.Eventually(() => !work.TrySpawn(runtime), "the stopping runtime refuses new work");
        Assert.False(stop.IsCompleted, "stopping waits for the queued work");
        Assert.Equal(0, work.Completed);

        work.Open();
        await stop;
        int[] results = await Task.WhenAll(work.Completions);
        int accepted = work.Completions.Count;
        Assert.True(accepted >= Queued);
        Assert.Equal(accepted, work.Completed);
        Assert.Equal(Enumerable.Range(1, accepted), results.Order());
        PoolMetrics blocking = runtime.GetMetrics().Blocking;
        Assert.Equal(accepted, blocking.Completed);
        Assert.Equal(0, blocking.Canceled + blocking.Faulted);
        Assert.Equal(1, blocking.Rejected);
        Assert.Empty(logs.Named("DrainTimedOut"));
    }

    [Fact]
    public async Task A_shutdown_timeout_ends_the_wait_but_not_the_work()
    {
        var logs = new RecordingLoggerProvider();
        using IHost host = TestHosts.BuildWithOneBlockingThread(logs, shutdownTimeout: TimeSpan.FromMilliseconds(50));
        await host.StartAsync();
        BlitzRuntime runtime = host.Services.GetRequiredService<BlitzRuntime>();
        using var work = new GatedWorkBatch();
        work.Spawn(runtime, 5);
        TestSupport.Eventually(() => runtime.GetMetrics().Blocking.QueueLength == 4, "one item runs (blocked) and four wait");

        // The gate is closed, so returning at all shows the wait ended at the timeout.
        await host.StopAsync();
        Assert.Equal(0, work.Completed);
        LogEntry warning = Assert.Single(logs.Named("DrainTimedOut"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(4, warning.Fields["QueuedBlocking"]);
        Assert.Equal(0, warning.Fields["QueuedCpu"]);

        work.Open();
        await ((IAsyncDisposable)host).DisposeAsync();
        Assert.Equal([1, 2, 3, 4, 5], (await Task.WhenAll(work.Completions)).Order());
        Assert.Equal(5, runtime.GetMetrics().Blocking.Completed);
    }

    [Fact]
    public async Task A_thread_pool_stall_is_logged_as_a_warning_with_its_measurements()
    {
        var logs = new RecordingLoggerProvider();
        using IHost host = TestHosts.Build(logs, b => b.Services.AddBlitz(o =>
        {
            o.ThreadNamePrefix = TestSupport.UniquePrefix();
            o.StallThreshold = TimeSpan.FromMilliseconds(100);
            o.StallProbeInterval = TimeSpan.FromMilliseconds(20);
        }));
        await host.StartAsync();
        var raised = new System.Collections.Concurrent.ConcurrentQueue<StallEventArgs>();
        host.Services.GetRequiredService<BlitzRuntime>().StallDetected += (_, e) => raised.Enqueue(e);

        TestSupport.BlockThreadPoolUntil(() => !raised.IsEmpty);
        await host.StopAsync();

        // Each logged stall carries exactly the measurements of the event the runtime raised.
        StallEventArgs first = raised.First();
        LogEntry? stall = logs.Named("ThreadPoolStall").FirstOrDefault(e => (long)e.Fields["DelayMilliseconds"]! == (long)first.Delay.TotalMilliseconds);
        Assert.NotNull(stall);
        Assert.Equal(LogLevel.Warning, stall.Level);
        Assert.Equal(typeof(BlitzRuntime).FullName, stall.Category);
        Assert.True((long)stall.Fields["DelayMilliseconds"]! >= 100, stall.Message);
        Assert.Equal(first.ThreadPoolThreads, stall.Fields["ThreadPoolThreads"]);
        Assert.Equal(first.PendingWorkItems, stall.Fields["PendingWorkItems"]);
        Assert.Contains("ms late", stall.Message);
    }

    [Fact]
    public async Task A_second_host_leaves_a_live_default_alone_and_says_so_and_a_later_host_takes_over()
    {
        var firstLogs = new RecordingLoggerProvider();
        var secondLogs = new RecordingLoggerProvider();
        string secondPrefix = TestSupport.UniquePrefix();
        using IHost first = TestHosts.Build(firstLogs, b => b.Services.AddBlitz(o => o.ThreadNamePrefix = TestSupport.UniquePrefix()));
        using IHost second = TestHosts.Build(secondLogs, b => b.Services.AddBlitz(o => o.ThreadNamePrefix = secondPrefix));

        await first.StartAsync();
        await second.StartAsync();
        BlitzRuntime firstRuntime = first.Services.GetRequiredService<BlitzRuntime>();
        Assert.Same(firstRuntime, BlitzRuntime.Default);
        Assert.Empty(firstLogs.Named("DefaultInUse"));
        Assert.Equal(LogLevel.Warning, Assert.Single(secondLogs.Named("DefaultInUse")).Level);

        // The second host's runtime still serves whoever resolves it.
        (string? thread, _) = await second.Services.GetRequiredService<BlitzRuntime>().SpawnBlocking<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith(secondPrefix + "-blocking-", thread);
        await second.StopAsync();
        Assert.Same(firstRuntime, BlitzRuntime.Default);
        await first.StopAsync();

        var laterLogs = new RecordingLoggerProvider();
        using IHost later = TestHosts.Build(laterLogs, b => b.Services.AddBlitz());
        await later.StartAsync();
        Assert.Same(later.Services.GetRequiredService<BlitzRuntime>(), BlitzRuntime.Default);
        Assert.Empty(laterLogs.Named("DefaultInUse"));
        await later.StopAsync();
    }
}
