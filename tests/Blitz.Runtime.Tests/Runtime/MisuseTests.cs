namespace Blitz.Runtime.Tests;

public class MisuseTests
{
    [Fact]
    public async Task Awaiting_twice_throws_invalid_operation_exception()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> task = runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 2));
        Assert.Equal(3, await task);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await task);
    }

    [Fact]
    public async Task Awaiting_after_the_node_was_reused_throws_and_never_returns_another_callers_result()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> first = runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 1));
        Assert.Equal(2, await first);

        // The same thread rents the recycled node for the next call.
        ValueTask<int> second = runtime.SpawnBlocking<AddWork, int>(new AddWork(100, 100));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await first);
        Assert.Equal(200, await second);
    }

    [Fact]
    public async Task Reading_an_incomplete_result_throws_without_breaking_the_real_await()
    {
        await using var runtime = TestSupport.NewRuntime();
        using var gate = new ManualResetEventSlim();
        ValueTask<int> pending = runtime.SpawnBlocking(gate, static (g, _) => { g.Wait(); return 7; });
        Assert.Throws<InvalidOperationException>(() => pending.Result);
        gate.Set();
        Assert.Equal(7, await pending);
    }

    [Fact]
    public async Task Concurrent_double_awaits_never_both_succeed()
    {
        await using var runtime = TestSupport.NewRuntime();
        for (int i = 0; i < 2_000; i++)
        {
            ValueTask<int> task = runtime.SpawnCpu<AddWork, int>(new AddWork(i, 0));
            while (!task.IsCompleted)
            {
                Thread.SpinWait(10);
            }

            int successes = 0;
            int failures = 0;
            Parallel.For(0, 2, _ =>
            {
                try
                {
                    Assert.Equal(i, task.Result);
                    Interlocked.Increment(ref successes);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                }
            });

            Assert.Equal((1, 1), (successes, failures));
        }
    }

    [Fact]
    public async Task Disposing_synchronously_from_a_pool_thread_throws_instead_of_deadlocking()
    {
        var runtime = TestSupport.NewRuntime();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await runtime.SpawnBlocking(runtime, static (r, _) => { r.Dispose(); return 0; }));
        Assert.Contains("DisposeAsync", ex.Message);
        await runtime.DisposeAsync();
    }
}
