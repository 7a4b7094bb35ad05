using Blitz.Generators.Tests.Fixtures;

namespace Blitz.Generators.Tests;

/// <summary>Calls the wrappers the generator emitted for this project's own fixtures, on the real runtime.</summary>
public sealed class WrapperBehaviourTests
{
    [Fact]
    public async Task A_static_wrapper_returns_the_methods_result()
        => Assert.Equal(5, await StaticWork.AddAsync(2, 3));

    [Fact]
    public async Task A_wrapper_runs_the_method_on_the_blocking_pool_not_the_thread_pool()
    {
        (bool isThreadPoolThread, string? name) = await StaticWork.ThreadOnBlockingPoolAsync();

        Assert.False(isThreadPoolThread);
        Assert.StartsWith("blitz", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_of_the_method_surfaces_from_the_wrapper()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await StaticWork.FailAsync("boom"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task A_token_canceled_before_the_call_cancels_without_running()
    {
        var list = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await StaticWork.RecordAsync(list, 1, new CancellationToken(canceled: true)));

        Assert.Empty(list);
    }

    [Fact]
    public async Task The_wrappers_token_flows_into_the_methods_own_token_parameter()
    {
        using var started = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();

        ValueTask<int> waiting = StaticWork.WaitForCancellationAsync(started, cancellation.Token);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the method never started");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
    }

    [Fact]
    public async Task A_void_method_gets_a_value_task_wrapper()
    {
        var list = new List<int>();

        await StaticWork.RecordAsync(list, 42);

        Assert.Equal([42], list);
    }

    [Fact]
    public async Task Default_values_are_kept()
    {
        Assert.Equal("7 items Loud", await StaticWork.DescribeAsync());
        Assert.Equal("1 box Quiet", await StaticWork.DescribeAsync(1, "box", Mode.Quiet));
        Assert.Equal("none", await StaticWork.FindAsync(null));
    }

    [Fact]
    public async Task Params_are_kept_and_a_twin_takes_the_token()
    {
        Assert.Equal(6, await StaticWork.SumAsync(0, 1, 2, 3));
        Assert.Equal(0, await StaticWork.SumAsync());
        Assert.Equal(13, await StaticWork.SumAsync(10, [1, 2], CancellationToken.None));
    }

    [Fact]
    public async Task Generic_methods_and_generic_types_work()
    {
        Assert.Equal("text", await StaticWork.EchoAsync("text"));
        Assert.Equal(3.5, await StaticWork.EchoAsync(3.5));

        var registry = new Registry<int>();
        Assert.Equal("n7", await registry.GetOrAddAsync(7, key => "n" + key));
        Assert.Equal("n7", await registry.GetOrAddAsync(7, key => "other"));
    }

    [Fact]
    public async Task An_instance_wrapper_works_on_the_callers_instance()
    {
        var counter = new Counter();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => counter.IncrementAsync(2).AsTask()));

        Assert.Equal(100, counter.Total);
        Assert.Equal(103, await counter.IncrementAsync(3));
    }

    [Fact]
    public async Task Nested_records_and_struct_statics_work()
    {
        Assert.Equal(5, await new Outer.Middle.Inner(2).DeeperAsync(3));
        Assert.Equal(49, await Outer.Middle.SquareAsync(7));
    }
}
