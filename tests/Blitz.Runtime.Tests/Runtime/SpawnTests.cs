using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class SpawnTests
{
    [Fact]
    public async Task Blocking_work_runs_on_a_named_blocking_thread_never_on_the_thread_pool()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.ThreadNamePrefix = "pfx");
        var (name, isPoolThread) = await runtime.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith("pfx-blocking-", name);
        Assert.False(isPoolThread);
    }

    [Fact]
    public async Task Cpu_work_runs_on_a_named_cpu_thread()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.ThreadNamePrefix = "pfx"; o.CpuThreads = 2; });
        var (name, isPoolThread) = await runtime.SpawnCpu<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith("pfx-cpu-", name);
        Assert.False(isPoolThread);
    }

    [Fact]
    public async Task The_continuation_resumes_on_the_thread_pool_not_on_the_blitz_thread()
    {
        await using var runtime = TestSupport.NewRuntime();

        // Off xunit's SynchronizationContext, so that the continuation's thread is Blitz's choice.
        await Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, 1));
                Assert.True(Thread.CurrentThread.IsThreadPoolThread, "the continuation must run on the .NET ThreadPool");
                await runtime.SpawnCpu<AddWork, int>(new AddWork(i, 1));
                Assert.True(Thread.CurrentThread.IsThreadPoolThread, "the continuation must run on the .NET ThreadPool");
            }
        });
    }

    [Fact]
    public async Task Every_overload_returns_the_works_result()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Equal(5, await runtime.SpawnBlocking<AddWork, int>(new AddWork(2, 3)));
        Assert.Equal(7, await runtime.SpawnCpu<AddWork, int>(new AddWork(3, 4)));
        Assert.Equal(42, await runtime.SpawnBlocking(21, static (x, _) => x * 2));
        Assert.Equal("ab", await runtime.SpawnCpu("a", static (s, _) => s + "b"));
        Assert.True(runtime.TrySpawnBlocking<AddWork, int>(new AddWork(1, 1), out var completion));
        Assert.Equal(2, await completion);

        var box = new StrongBox<int>();
        await runtime.SpawnBlocking(new IncrementWork(box));
        await runtime.SpawnCpu(new IncrementWork(box));
        Assert.Equal(2, box.Value);
    }

    [Fact]
    public async Task Null_delegates_are_rejected()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking<int, int>(1, null!));
        Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu<int, int>(1, null!));
    }

    [Fact]
    public async Task An_exception_surfaces_at_the_await_with_its_stack_trace_and_the_thread_survives()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await runtime.SpawnBlocking<ThrowingWork, int>(default));
        Assert.Equal("bad payload", ex.Message);
        Assert.Contains(nameof(ThrowingWork.ThrowFromDeepInside), ex.StackTrace);

        // The single thread survived and still runs work.
        Assert.Equal(3, await runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 2)));
        var metrics = runtime.GetMetrics().Blocking;
        Assert.Equal(1, metrics.Faulted);
        Assert.Equal(1, metrics.Completed);
        Assert.Equal(1, metrics.PeakThreads);
    }

    [Fact]
    public async Task The_callers_execution_context_flows_in_and_work_leaves_no_async_local_behind()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.MaxBlockingThreads = 1);
        var local = new AsyncLocal<string?>();
        using var activity = new Activity("blitz-test").Start();

        local.Value = "from-caller";
        var seen = await runtime.SpawnBlocking(local, static (l, _) => (l.Value, Activity.Current?.OperationName));
        Assert.Equal(("from-caller", "blitz-test"), seen);

        // Work that sets an AsyncLocal must not leak it to the next item on the same thread.
        await runtime.SpawnBlocking(local, static (l, _) => l.Value = "set-by-work");
        local.Value = null;
        Assert.Null(await runtime.SpawnBlocking(local, static (l, _) => l.Value));

        // With flow suppressed, the work sees a clean context.
        local.Value = "suppressed";
        ValueTask<string?> suppressed;
        using (ExecutionContext.SuppressFlow())
        {
            suppressed = runtime.SpawnBlocking(local, static (l, _) => l.Value);
        }

        Assert.Null(await suppressed);
    }

    private readonly struct IncrementWork(StrongBox<int> box) : IOffloadWork
    {
        public void Execute(CancellationToken cancellationToken) => Interlocked.Increment(ref box.Value);
    }

    private readonly struct ThrowingWork : IOffloadWork<int>
    {
        public int Execute(CancellationToken cancellationToken) => ThrowFromDeepInside();

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int ThrowFromDeepInside() => throw new InvalidDataException("bad payload");
    }
}
