using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Every work shape has a Try form on the blocking pool: it runs the work when the queue has room, and otherwise
/// returns <see langword="false"/> at once, with a default completion, counted as a rejection, the work never run.
/// </summary>
public class TrySpawnTests
{
    [Fact]
    public async Task Every_try_shape_runs_its_work_when_the_queue_has_room()
    {
        await using var runtime = TestSupport.NewRuntime();
        var hits = new int[3];

        Assert.True(runtime.TrySpawnBlocking(new CountWork(hits), out ValueTask structWork));
        Assert.True(runtime.TrySpawnBlocking(20, static (x, _) => x + 1, out ValueTask<int> withState));
        Assert.True(runtime.TrySpawnBlocking(hits, static (h, _) => { Interlocked.Increment(ref h[1]); }, out ValueTask voidWithState));
        Assert.True(runtime.TrySpawnBlocking(static _ => 21, out ValueTask<int> stateless));
        Assert.True(runtime.TrySpawnBlocking(_ => { Interlocked.Increment(ref hits[2]); }, out ValueTask voidStateless));

        await structWork;
        await voidWithState;
        await voidStateless;
        Assert.Equal(42, await withState + await stateless);
        Assert.Equal([1, 1, 1], hits);
        Assert.Equal(0, runtime.GetMetrics().Blocking.Rejected);
    }

    [Fact]
    public async Task A_full_queue_refuses_every_try_shape_without_running_it()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.MaxBlockingThreads = 1; o.BlockingQueueCapacity = 1; });
        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var running = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the only thread is busy");
        var queued = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));

        var hits = new int[1];
        Assert.False(runtime.TrySpawnBlocking(new CountWork(hits), out ValueTask structWork));
        Assert.False(runtime.TrySpawnBlocking(hits, static (h, _) => ++h[0], out ValueTask<int> withState));
        Assert.False(runtime.TrySpawnBlocking(hits, static (h, _) => { h[0]++; }, out ValueTask voidWithState));
        Assert.False(runtime.TrySpawnBlocking(_ => ++hits[0], out ValueTask<int> stateless));
        Assert.False(runtime.TrySpawnBlocking(_ => { hits[0]++; }, out ValueTask voidStateless));

        Assert.Equal((default, default, default), (structWork, voidWithState, voidStateless));
        Assert.Equal((default, default), (withState, stateless));
        Assert.Equal(5, runtime.GetMetrics().Blocking.Rejected);

        gate.Set();
        Assert.Equal(2, await running + await queued);
        Assert.Equal(0, hits[0]);
        Assert.Equal(2, runs.Value);
    }

    [Fact]
    public async Task A_disposed_runtime_refuses_every_try_shape()
    {
        var runtime = TestSupport.NewRuntime();
        await runtime.DisposeAsync();

        Assert.False(runtime.TrySpawnBlocking(new CountWork(new int[1]), out ValueTask _));
        Assert.False(runtime.TrySpawnBlocking(1, static (x, _) => x, out ValueTask<int> _));
        Assert.False(runtime.TrySpawnBlocking(1, static (_, _) => { }, out ValueTask _));
        Assert.False(runtime.TrySpawnBlocking(static _ => 1, out ValueTask<int> _));
        Assert.False(runtime.TrySpawnBlocking(static _ => { }, out ValueTask _));
        Assert.Equal(5, runtime.GetMetrics().Blocking.Rejected);
    }

    [Fact]
    public async Task A_null_delegate_is_an_argument_error()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.TrySpawnBlocking(1, (Func<int, CancellationToken, int>)null!, out _)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.TrySpawnBlocking(1, (Action<int, CancellationToken>)null!, out _)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.TrySpawnBlocking((Func<CancellationToken, int>)null!, out _)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.TrySpawnBlocking((Action<CancellationToken>)null!, out _)).ParamName);
    }

    /// <summary>Work without a result that counts its runs in the first slot.</summary>
    private readonly struct CountWork(int[] hits) : IOffloadWork
    {
        public void Execute(CancellationToken cancellationToken) => Interlocked.Increment(ref hits[0]);
    }
}
