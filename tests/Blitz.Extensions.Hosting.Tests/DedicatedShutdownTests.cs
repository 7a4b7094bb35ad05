using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>A dedicated loop that ignores its stop token never hangs the host's shutdown, and is named in the log.</summary>
public sealed class DedicatedShutdownTests
{
    // Only turns a hang (the bug) into a failure; far longer than any bound the tests set.
    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_loop_that_ignores_its_token_is_logged_by_name_after_the_dedicated_stop_timeout_and_the_host_stops()
    {
        var logs = new RecordingLoggerProvider();
        using var release = new ManualResetEventSlim();
        using IHost host = TestHosts.Build(logs, b =>
        {
            b.Services.AddBlitz(o => { o.ThreadNamePrefix = TestSupport.UniquePrefix(); o.DedicatedStopTimeout = TimeSpan.FromMilliseconds(50); });
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        });
        await host.StartAsync();
        DedicatedThread pump = host.Services.GetRequiredService<BlitzRuntime>().SpawnDedicated("PumpForever", _ => release.Wait());

        // With an infinite host timeout, returning at all shows the runtime stopped waiting for the loop.
        await host.StopAsync().WaitAsync(s_hang);
        LogEntry warning = Assert.Single(logs.Named("DedicatedStopTimedOut"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("PumpForever", warning.Fields["DedicatedThreads"]);
        Assert.IsType<DedicatedThreadTimeoutException>(warning.Exception);
        Assert.Empty(logs.Named("DrainTimedOut"));

        // Disposing the host disposes the runtime again: it returns, and throws nothing more.
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(s_hang);
        Assert.False(pump.Completion.IsCompleted);
        release.Set();
        await pump.Completion.WaitAsync(s_hang);
    }

    [Fact]
    public async Task When_the_host_timeout_elapses_first_its_warning_names_the_loops_still_running()
    {
        var logs = new RecordingLoggerProvider();
        using var release = new ManualResetEventSlim();
        using IHost host = TestHosts.Build(logs, b =>
        {
            b.Services.AddBlitz(o => { o.ThreadNamePrefix = TestSupport.UniquePrefix(); o.DedicatedStopTimeout = Timeout.InfiniteTimeSpan; });
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(50));
        });
        await host.StartAsync();
        BlitzRuntime runtime = host.Services.GetRequiredService<BlitzRuntime>();
        DedicatedThread pump = runtime.SpawnDedicated("PumpForever", _ => release.Wait());
        DedicatedThread polite = runtime.SpawnDedicated("PolitePump", token => token.WaitHandle.WaitOne());

        // The runtime waits for the loop forever (by its option), so returning shows the host's timeout ended the wait.
        await host.StopAsync().WaitAsync(s_hang);
        LogEntry warning = Assert.Single(logs.Named("DrainTimedOut"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("PumpForever", (string)warning.Fields["DedicatedThreads"]!);
        Assert.Contains("dedicated threads still running: ", warning.Message);

        release.Set();
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(s_hang);
        await Task.WhenAll(pump.Completion, polite.Completion).WaitAsync(s_hang);
        Assert.Empty(logs.Named("DedicatedStopTimedOut"));
    }
}
