using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class CancellationTests
{
    [Fact]
    public async Task A_token_canceled_before_the_work_starts_removes_it_without_running_it()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        using var gate = new ManualResetEventSlim();
        var blockerRuns = new StrongBox<int>();
        var queuedRuns = new StrongBox<int>();
        var blocker = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, blockerRuns));
        TestSupport.Eventually(() => blockerRuns.Value == 1, "the blocker occupies the only thread");

        using var cts = new CancellationTokenSource();
        var queued = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, queuedRuns), cts.Token);
        Assert.Equal(1, runtime.GetMetrics().Blocking.QueueLength);

        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queued);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(0, runtime.GetMetrics().Blocking.QueueLength);

        gate.Set();
        Assert.Equal(1, await blocker);
        await runtime.DisposeAsync();
        Assert.Equal(0, queuedRuns.Value);
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal((2L, 1L, 1L), (metrics.Submitted, metrics.Completed, metrics.Canceled));
    }

    [Fact]
    public async Task An_already_canceled_token_never_runs_the_work()
    {
        await using var runtime = TestSupport.NewRuntime();
        var runs = new StrongBox<int>();
        using var gate = new ManualResetEventSlim(true);
        var canceled = new CancellationToken(canceled: true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs), canceled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.SpawnCpu<GateWork, int>(new GateWork(gate, runs), canceled));
        Assert.True(runtime.TrySpawnBlocking<GateWork, int>(new GateWork(gate, runs), out var completion, canceled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await completion);
        Assert.Equal(0, runs.Value);
        Assert.Equal(2, runtime.GetMetrics().Blocking.Canceled);
        Assert.Equal(1, runtime.GetMetrics().Cpu.Canceled);
    }

    [Fact]
    public async Task Running_work_sees_the_token_and_its_cancellation_is_counted_as_canceled()
    {
        await using var runtime = TestSupport.NewRuntime();
        using var cts = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var running = runtime.SpawnBlocking(started, static (s, token) =>
        {
            s.Set();
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
            return 0;
        }, cts.Token);

        started.Wait();
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await running);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(1, runtime.GetMetrics().Blocking.Canceled);
        Assert.Equal(0, runtime.GetMetrics().Blocking.Faulted);
    }

    [Fact]
    public async Task An_operation_canceled_exception_from_another_token_is_a_fault()
    {
        await using var runtime = TestSupport.NewRuntime();
        using var other = new CancellationTokenSource();
        other.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await runtime.SpawnBlocking(other.Token, static (t, _) => { t.ThrowIfCancellationRequested(); return 0; }));
        Assert.Equal(1, runtime.GetMetrics().Blocking.Faulted);
    }
}
