using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

/// <summary>
/// The delegate shapes of SpawnBlocking and SpawnCpu: the natural call shapes compile, next to the struct-work
/// overloads, and bind to the overload their declared type shows (a lambda returning a value gives a
/// <see cref="ValueTask{TResult}"/>, a void one a <see cref="ValueTask"/>).
/// </summary>
public class DelegateSpawnTests
{
    [Fact]
    public async Task A_lambda_returning_a_value_without_state_gives_its_result()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> blocking = runtime.SpawnBlocking(static _ => 41 + 1);
        Assert.Equal(42, await blocking);
        ValueTask<int> cpu = runtime.SpawnCpu(static _ => 6 * 7);
        Assert.Equal(42, await cpu);
        ValueTask<int> high = runtime.SpawnBlocking(static _ => 42, WorkPriority.High);
        Assert.Equal(42, await high);
        ValueTask<int> highCpu = runtime.SpawnCpu(static _ => 42, WorkPriority.High);
        Assert.Equal(42, await highCpu);
    }

    [Fact]
    public async Task A_void_lambda_without_state_runs_on_the_pool()
    {
        await using var runtime = TestSupport.NewRuntime();
        var ran = new StrongBox<bool>();
        ValueTask blocking = runtime.SpawnBlocking(_ => { ran.Value = true; });
        await blocking;
        Assert.True(ran.Value);

        int runs = 0;
        ValueTask cpu = runtime.SpawnCpu(_ => { Interlocked.Increment(ref runs); });
        await cpu;
        ValueTask high = runtime.SpawnBlocking(_ => { Interlocked.Increment(ref runs); }, WorkPriority.High);
        await high;
        ValueTask highCpu = runtime.SpawnCpu(_ => { Interlocked.Increment(ref runs); }, WorkPriority.High);
        await highCpu;
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task State_and_a_void_static_lambda_compile_and_run_with_the_state()
    {
        await using var runtime = TestSupport.NewRuntime();
        string path = Path.GetTempFileName();
        Assert.True(File.Exists(path));

        ValueTask deleting = runtime.SpawnBlocking(path, static (p, _) => File.Delete(p));
        await deleting;
        Assert.False(File.Exists(path));

        var hits = new int[4];
        ValueTask cpu = runtime.SpawnCpu(hits, static (h, _) => { h[0]++; });
        await cpu;
        ValueTask high = runtime.SpawnBlocking(hits, static (h, _) => { h[1]++; }, WorkPriority.High);
        await high;
        ValueTask highCpu = runtime.SpawnCpu(hits, static (h, _) => { h[2]++; }, WorkPriority.High);
        await highCpu;
        Assert.Equal([1, 1, 1, 0], hits);
    }

    [Fact]
    public async Task An_expression_lambda_whose_call_returns_a_value_picks_the_overload_with_a_result()
    {
        await using var runtime = TestSupport.NewRuntime();
        var items = new List<int> { 1, 2 };

        // Both the Func and the Action overload apply; C# prefers the one with a result, as Task.Run does.
        ValueTask<bool> removing = runtime.SpawnBlocking(items, static (l, _) => l.Remove(1));
        Assert.True(await removing);
        ValueTask<int> counting = runtime.SpawnCpu(static _ => Environment.ProcessorCount);
        Assert.True(await counting > 0);
    }

    [Fact]
    public async Task Method_groups_bind_to_the_delegate_overloads()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> answer = runtime.SpawnBlocking(Answer);
        Assert.Equal(42, await answer);
        ValueTask<int> doubled = runtime.SpawnCpu(21, Double);
        Assert.Equal(42, await doubled);

        var box = new StrongBox<int>();
        ValueTask storing = runtime.SpawnBlocking(box, Store);
        await storing;
        Assert.Equal(7, box.Value);
        ValueTask nothing = runtime.SpawnCpu(DoNothing);
        await nothing;
    }

    [Fact]
    public async Task The_struct_work_overloads_still_bind_for_struct_work()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Equal(3, await runtime.SpawnBlocking<AddWork, int>(new AddWork(1, 2)));
        Assert.Equal(3, await runtime.SpawnCpu<AddWork, int>(new AddWork(1, 2), WorkPriority.High));
    }

    [Fact]
    public async Task The_token_reaches_the_delegate_and_cancels_work_that_has_not_started()
    {
        await using var runtime = TestSupport.NewRuntime();
        using var cts = new CancellationTokenSource();
        ValueTask<bool> seen = runtime.SpawnBlocking(static token => token.CanBeCanceled, cts.Token);
        Assert.True(await seen);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.SpawnCpu(static _ => { }, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.SpawnBlocking(1, static (_, _) => { }, cts.Token));
    }

    [Fact]
    public async Task An_exception_of_the_delegate_fails_the_task()
    {
        await using var runtime = TestSupport.NewRuntime();
        await Assert.ThrowsAsync<FormatException>(async () => await runtime.SpawnBlocking(static _ => throw new FormatException()));
        await Assert.ThrowsAsync<FormatException>(async () => await runtime.SpawnCpu(0, static (_, _) => throw new FormatException()));
    }

    [Fact]
    public async Task A_null_delegate_throws_ArgumentNullException_naming_the_parameter()
    {
        await using var runtime = TestSupport.NewRuntime();
        Action<int, CancellationToken> withState = null!;
        Func<CancellationToken, int> func = null!;
        Action<CancellationToken> action = null!;

        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(1, withState)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(func)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(action)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(1, withState)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(func)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(action)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(1, withState, WorkPriority.High)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(func, WorkPriority.High)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnBlocking(action, WorkPriority.High)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(1, withState, WorkPriority.High)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(func, WorkPriority.High)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => runtime.SpawnCpu(action, WorkPriority.High)).ParamName);
    }

    private static int Answer(CancellationToken cancellationToken) => 42;

    private static int Double(int value, CancellationToken cancellationToken) => value * 2;

    private static void Store(StrongBox<int> box, CancellationToken cancellationToken) => box.Value = 7;

    private static void DoNothing(CancellationToken cancellationToken)
    {
    }
}
