using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class BlockingPoolTests
{
    [Fact]
    public async Task Threads_start_on_demand_up_to_the_cap()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 4);
        Assert.Equal(0, runtime.GetMetrics().Blocking.Threads);

        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var tasks = Enumerable.Range(0, 10).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        TestSupport.Eventually(() => runs.Value == 4, "four items block four threads");
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal(4, metrics.Threads);
        Assert.Equal(6, metrics.QueueLength);

        gate.Set();
        Assert.Equal(10, (await Task.WhenAll(tasks)).Sum());
        metrics = runtime.GetMetrics().Blocking;
        Assert.Equal(4, metrics.PeakThreads);
        Assert.Equal(10, metrics.Completed);
        Assert.Equal(10, runs.Value);
    }

    [Fact]
    public async Task An_idle_thread_is_reused_instead_of_starting_another()
    {
        await using var runtime = TestSupport.NewRuntime();
        for (int i = 0; i < 100; i++)
        {
            await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, i));
        }

        // Sequential work never needs more than the running thread plus, at most, one started while the first was
        // still finishing its previous item (it counts as busy until it looks for work again).
        Assert.InRange(runtime.GetMetrics().Blocking.PeakThreads, 1, 2);
    }

    [Fact]
    public async Task Idle_threads_exit_after_the_keep_alive()
    {
        string prefix = TestSupport.UniquePrefix();
        await using var runtime = TestSupport.NewRuntime(o => { o.BlockingKeepAlive = TimeSpan.FromMilliseconds(50); o.ThreadNamePrefix = prefix; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var tasks = Enumerable.Range(0, 3).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        TestSupport.Eventually(() => runs.Value == 3, "three threads start");
        gate.Set();
        await Task.WhenAll(tasks);

        TestSupport.Eventually(() => runtime.GetMetrics().Blocking.Threads == 0, "idle threads exit after the keep-alive");
        Assert.Equal(3, runtime.GetMetrics().Blocking.PeakThreads);

        // The pool starts threads again afterwards.
        Assert.Equal(2, await runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 1)));
    }

    [Fact]
    public async Task A_full_queue_refuses_try_spawn_and_holds_spawn_until_there_is_room()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 1; o.BlockingQueueCapacity = 2; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the only thread is busy");

        Assert.True(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var queued1));
        Assert.True(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var queued2));
        Assert.False(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var refused));
        Assert.Equal(default, refused);

        // SpawnBlocking never drops: the item waits for room.
        var held = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((1L, 3), (metrics.Rejected, metrics.QueueLength));

        gate.Set();
        Assert.Equal(4, await running + await queued1 + await queued2 + await held);
        Assert.Equal(4, runs.Value);
    }

    [Fact]
    public async Task An_item_waiting_for_room_can_be_canceled()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 1; o.BlockingQueueCapacity = 1; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the only thread is busy");
        var queued = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        using var cts = new CancellationTokenSource();
        var waiting = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs), cts.Token);
        var after = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        gate.Set();
        Assert.Equal(3, await running + await queued + await after);
        Assert.Equal(3, runs.Value);
    }

    [Fact]
    public async Task Producers_that_outrun_a_capacity16_queue_lose_nothing()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 2; o.BlockingQueueCapacity = 16; });
        const int Producers = 8;
        const int PerProducer = 2_000;
        long sum = 0;
        int maxThreads = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxThreads = Math.Max(maxThreads, runtime.GetMetrics().Blocking.Threads);
                Thread.Sleep(1);
            }
        });

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var pending = new List<ValueTask<int>>();
            long local = 0;
            for (int i = 0; i < PerProducer; i++)
            {
                pending.Add(runtime.SpawnBlocking(i, static (x, _) => { Thread.SpinWait(50); return x; }));
                if (pending.Count == 64)
                {
                    foreach (var t in pending)
                    {
                        local += await t;
                    }

                    pending.Clear();
                }
            }

            foreach (var t in pending)
            {
                local += await t;
            }

            Interlocked.Add(ref sum, local);
        })).ToArray();

        await Task.WhenAll(producers);
        sampling.Cancel();
        await sampler;

        Assert.Equal(Producers * (long)PerProducer * (PerProducer - 1) / 2, sum);
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal(Producers * PerProducer, metrics.Submitted);
        Assert.Equal(Producers * PerProducer, metrics.Completed);
        Assert.Equal(0, metrics.Rejected);
        Assert.True(maxThreads <= 2, "never more threads than the cap");
        Assert.True(metrics.PeakThreads <= 2);
    }
}
