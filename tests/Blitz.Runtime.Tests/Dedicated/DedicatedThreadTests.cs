namespace Blitz.Runtime.Tests;

public class DedicatedThreadTests
{
    [Fact]
    public async Task A_loop_runs_on_its_own_named_thread_until_a_stop_is_requested()
    {
        await using var runtime = TestSupport.NewRuntime();
        string? threadName = null;
        bool onPool = true;
        int iterations = 0;
        var loop = runtime.SpawnDedicated("consumer-loop", token =>
        {
            threadName = Thread.CurrentThread.Name;
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            while (!token.IsCancellationRequested)
            {
                Interlocked.Increment(ref iterations);
                Thread.Sleep(1);
            }
        });

        Assert.Equal("consumer-loop", loop.Name);
        TestSupport.Eventually(() => Volatile.Read(ref iterations) > 3, "the loop runs");
        Assert.Equal(1, runtime.GetMetrics().DedicatedThreads);
        Assert.False(loop.Completion.IsCompleted);

        loop.RequestStop();
        await loop.Completion;
        Assert.Equal("consumer-loop", threadName);
        Assert.False(onPool);
        Assert.Equal(0, runtime.GetMetrics().DedicatedThreads);
    }

    [Fact]
    public async Task Dispose_async_stops_and_waits()
    {
        await using var runtime = TestSupport.NewRuntime();
        bool exited = false;
        var loop = runtime.SpawnDedicated("loop", token =>
        {
            token.WaitHandle.WaitOne();
            exited = true;
        });
        await loop.DisposeAsync();
        Assert.True(exited);
        Assert.True(loop.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_loop_that_throws_faults_completion_and_a_canceled_stop_does_not()
    {
        await using var runtime = TestSupport.NewRuntime();
        var faulty = runtime.SpawnDedicated("faulty", _ => throw new InvalidOperationException("loop broke"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => faulty.Completion);
        Assert.Equal("loop broke", ex.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await faulty.DisposeAsync());

        var canceled = runtime.SpawnDedicated("canceled", token => { while (true) { token.ThrowIfCancellationRequested(); Thread.Sleep(1); } });
        await canceled.DisposeAsync();
        Assert.True(canceled.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Bad_arguments_are_rejected()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Throws<ArgumentException>(() => runtime.SpawnDedicated("", _ => { }));
        Assert.Throws<ArgumentNullException>(() => runtime.SpawnDedicated(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => runtime.SpawnDedicated("x", null!));
    }

    [Fact]
    public async Task The_runtime_stops_its_loops_when_disposed()
    {
        var runtime = TestSupport.NewRuntime();
        var loops = Enumerable.Range(0, 3).Select(i => runtime.SpawnDedicated($"loop-{i}", token => token.WaitHandle.WaitOne())).ToArray();
        await runtime.DisposeAsync();
        Assert.All(loops, l => Assert.True(l.Completion.IsCompletedSuccessfully));
        Assert.Equal(0, runtime.GetMetrics().DedicatedThreads);
        Assert.Throws<ObjectDisposedException>(() => runtime.SpawnDedicated("late", _ => { }));
    }
}
