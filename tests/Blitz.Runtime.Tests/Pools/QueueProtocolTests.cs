using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

/// <summary>
/// The pool's lock-free queue protocol: a canceled item leaves a stale entry behind that must never run the item's
/// next life, and the blocking pool grows past the processor count only for work stuck behind blocked threads.
/// </summary>
public class QueueProtocolTests
{
    [Fact]
    public async Task Stale_entries_of_canceled_items_never_run_the_nodes_next_life()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        using var gate = new ManualResetEventSlim();
        var blocked = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, blocked));
        TestSupport.Eventually(() => blocked.Value == 1, "the only thread is blocked");

        // Queue items behind the blocked thread and cancel them all: their entries stay in the queue, their nodes go
        // back to the node pool, and the next spawns reuse those very nodes.
        const int Rounds = 200;
        var ran = new int[2 * Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            using var cts = new CancellationTokenSource();
            var canceled = runtime.SpawnBlocking<MarkWork, int>(new MarkWork(ran, round), cts.Token);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await canceled);
        }

        var kept = new ValueTask<int>[Rounds];
        for (int i = 0; i < Rounds; i++)
        {
            kept[i] = runtime.SpawnBlocking<MarkWork, int>(new MarkWork(ran, Rounds + i));
        }

        gate.Set();
        Assert.Equal(1, await running);
        for (int i = 0; i < Rounds; i++)
        {
            Assert.Equal(Rounds + i, await kept[i]);
        }

        Assert.All(ran.Take(Rounds), count => Assert.Equal(0, count));
        Assert.All(ran.Skip(Rounds), count => Assert.Equal(1, count));
        PoolMetrics metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((1L + 2 * Rounds, 1L + Rounds, (long)Rounds, 0), (metrics.Submitted, metrics.Completed, metrics.Canceled, metrics.QueueLength));
    }

    [Fact]
    public async Task Blocked_work_grows_the_blocking_pool_to_one_thread_per_item()
    {
        int items = Environment.ProcessorCount + 6;
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = items);
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var tasks = Enumerable.Range(0, items).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();

        // The first processor-count items start threads at once; the rest wait until the growth check sees every
        // thread stuck in its item, then each gets a thread of its own.
        TestSupport.Eventually(() => runs.Value == items, "every blocked item has a thread");
        Assert.Equal((items, 0), (runtime.GetMetrics().Blocking.Threads, runtime.GetMetrics().Blocking.QueueLength));

        gate.Set();
        Assert.Equal(items, (await Task.WhenAll(tasks)).Sum());
        Assert.Equal(items, runtime.GetMetrics().Blocking.PeakThreads);
    }

    [Fact]
    public async Task The_growth_check_never_exceeds_the_cap()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = Environment.ProcessorCount + 1);
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        int items = Environment.ProcessorCount + 5;
        var tasks = Enumerable.Range(0, items).Select(_ => runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs)).AsTask()).ToArray();
        TestSupport.Eventually(() => runs.Value == Environment.ProcessorCount + 1, "the pool reaches its cap");

        // Give the growth check many chances to overshoot.
        Thread.Sleep(50);
        Assert.Equal((Environment.ProcessorCount + 1, 4), (runtime.GetMetrics().Blocking.Threads, runtime.GetMetrics().Blocking.QueueLength));

        gate.Set();
        Assert.Equal(items, (await Task.WhenAll(tasks)).Sum());
    }

    [Fact]
    public async Task A_refused_item_is_returned_to_the_node_pool_and_counted()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 1; o.BlockingQueueCapacity = 1; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the only thread is busy");
        Assert.True(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var queued));

        for (int i = 0; i < 1_000; i++)
        {
            Assert.False(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var refused));
            Assert.Equal(default, refused);
        }

        gate.Set();
        Assert.Equal(2, await running + await queued);
        PoolMetrics metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((2L, 2L, 1_000L, 0), (metrics.Submitted, metrics.Completed, metrics.Rejected, metrics.QueueLength));
    }

    private readonly struct MarkWork(int[] ran, int id) : IOffloadWork<int>
    {
        public int Execute(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref ran[id]);
            return id;
        }
    }
}
