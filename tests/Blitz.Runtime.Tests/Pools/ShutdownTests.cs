using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class ShutdownTests
{
    [Fact]
    public async Task Dispose_drains_accepted_work_then_refuses_more()
    {
        var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var tasks = Enumerable.Range(0, 5).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        TestSupport.Eventually(() => runs.Value == 1, "the first item runs");

        ValueTask disposal = runtime.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 1)));
        Assert.Throws<ObjectDisposedException>(() => runtime.SpawnCpu<AddWork, int>(new AddWork(1, 1)));
        Assert.False(runtime.TrySpawnBlocking<AddWork, int>(new AddWork(1, 1), out _));
        Assert.False(disposal.IsCompleted);

        gate.Set();
        await disposal;
        Assert.Equal(5, (await Task.WhenAll(tasks)).Sum());
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((5L, 5L, 2L, 0), (metrics.Submitted, metrics.Completed, metrics.Rejected, metrics.Threads));
        Assert.Equal(1, runtime.GetMetrics().Cpu.Rejected);
    }

    [Fact]
    public async Task Cancel_queued_cancels_waiting_work_but_lets_running_work_finish()
    {
        var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 1; o.ShutdownMode = ShutdownMode.CancelQueued; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask();
        TestSupport.Eventually(() => runs.Value == 1, "the first item runs");
        var queued = Enumerable.Range(0, 4).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();

        ValueTask disposal = runtime.DisposeAsync();
        foreach (var task in queued)
        {
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            Assert.Contains("disposed", ex.Message);
        }

        Assert.False(running.IsCompleted);
        gate.Set();
        await disposal;
        Assert.Equal(1, await running);
        Assert.Equal(1, runs.Value);
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((5L, 1L, 4L), (metrics.Submitted, metrics.Completed, metrics.Canceled));
    }

    [Fact]
    public async Task Dispose_joins_every_thread_it_started()
    {
        string prefix = TestSupport.UniquePrefix();
        var runtime = new BlitzRuntime(new BlitzOptions { ThreadNamePrefix = prefix, CpuThreads = 2 });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var blocking = Enumerable.Range(0, 6).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        var cpu = Enumerable.Range(0, 2).Select(_ => runtime.SpawnCpu<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        TestSupport.Eventually(() => runs.Value == 8, "every item runs on its own thread");

        // Eight pool threads, and, when the six blocking threads exceed the processor count, the blocking pool's
        // growth check that started the blocked ones beyond it.
        int growthCheck = Environment.ProcessorCount < 6 ? 1 : 0;
        Assert.Equal(8 + growthCheck, TestSupport.CountOsThreadsNamed(prefix));

        gate.Set();
        await runtime.DisposeAsync();
        await Task.WhenAll(blocking.Concat(cpu));
        TestSupport.NoOsThreadsLeftNamed(prefix);
        Assert.Equal((0, 0), (runtime.GetMetrics().Blocking.Threads, runtime.GetMetrics().Cpu.Threads));
    }

    [Fact]
    public async Task Dispose_is_idempotent_and_synchronous_dispose_waits_too()
    {
        var runtime = TestSupport.NewRuntime();
        Assert.Equal(2, await runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 1)));
        runtime.Dispose();
        runtime.Dispose();
        await runtime.DisposeAsync();
        Assert.Equal(0, runtime.GetMetrics().Blocking.Threads);
    }

    [Fact]
    public void The_default_runtime_is_created_once_and_cannot_be_reconfigured_after_use()
    {
        BlitzRuntime first = BlitzRuntime.Default;
        Assert.Same(first, BlitzRuntime.Default);
        Assert.Throws<InvalidOperationException>(() => BlitzRuntime.ConfigureDefault(new BlitzOptions()));
        Assert.Throws<ArgumentNullException>(() => BlitzRuntime.ConfigureDefault(null!));
    }

    [Fact]
    public async Task A_host_sets_the_default_only_when_no_live_default_is_in_the_way()
    {
        // Same class as the test above: both use the process-wide default, so they never run at the same time.
        BlitzRuntime live = BlitzRuntime.Default;
        string prefix = TestSupport.UniquePrefix();
        BlitzRuntime hosted = TestSupport.NewRuntime(o => o.ThreadNamePrefix = prefix);

        Assert.False(BlitzRuntime.TrySetDefault(hosted));
        Assert.Same(live, BlitzRuntime.Default);
        Assert.True(BlitzRuntime.TrySetDefault(live));
        Assert.Throws<ArgumentNullException>(() => BlitzRuntime.TrySetDefault(null!));

        await live.DisposeAsync();
        Assert.True(BlitzRuntime.TrySetDefault(hosted));
        Assert.Same(hosted, BlitzRuntime.Default);
        (string? name, _) = await BlitzRuntime.Default.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith(prefix + "-blocking", name);

        // After its owner disposed it, the default fails visibly rather than starting a runtime nobody disposes.
        await hosted.DisposeAsync();
        Assert.Same(hosted, BlitzRuntime.Default);
        Assert.Throws<ObjectDisposedException>(() => BlitzRuntime.Default.SpawnBlocking<AddWork, int>(new AddWork(1, 2)));
        Assert.Throws<ObjectDisposedException>(() => BlitzRuntime.TrySetDefault(hosted));

        // Left as the default for the rest of the run, with the default thread names, as a default created on first
        // use would be.
        var next = new BlitzRuntime();
        Assert.True(BlitzRuntime.TrySetDefault(next));
        Assert.Equal(3, await BlitzRuntime.Default.SpawnBlocking<AddWork, int>(new AddWork(1, 2)));
    }
}
