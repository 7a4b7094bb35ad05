using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Every member of a pooled ValueTask source (GetResult, GetStatus behind IsCompleted, OnCompleted) says what
/// happened and what to do once the ValueTask was awaited, instead of the BCL's message about the object's state.
/// </summary>
public class AwaitOnceTests
{
    private const string Message = AwaitOnceCore<bool>.AlreadyAwaitedMessage;

    [Fact]
    public async Task A_double_await_says_what_happened_and_what_to_do()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> task = runtime.SpawnBlocking(static _ => 1);
        await task;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await task);
        Assert.Equal(Message, error.Message);
    }

    [Fact]
    public async Task IsCompleted_after_the_await_says_what_happened_and_what_to_do()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask task = runtime.SpawnCpu(static _ => { });
        await task;
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => task.IsCompleted).Message);
    }

    [Fact]
    public async Task OnCompleted_after_the_await_says_what_happened_and_what_to_do()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask<int> task = runtime.SpawnBlocking(static _ => 1);
        await task;
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => task.GetAwaiter().OnCompleted(static () => { })).Message);
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(static () => { })).Message);
    }

    [Fact]
    public async Task A_second_await_of_a_parallel_operation_says_what_happened_and_what_to_do()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask task = runtime.ParallelForAsync(0, 100, static _ => { });
        await task;
        Assert.Equal(Message, (await Assert.ThrowsAsync<InvalidOperationException>(async () => await task)).Message);
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => task.IsCompleted).Message);
    }

    [Fact]
    public async Task A_second_await_of_a_oneshot_says_what_happened_and_what_to_do()
    {
        var oneshot = Oneshot<int>.Create();
        oneshot.Complete(5);
        ValueTask<int> receive = oneshot.WaitAsync();
        Assert.Equal(5, await receive);
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => receive.IsCompleted).Message);
        Assert.Equal(Message, (await Assert.ThrowsAsync<InvalidOperationException>(async () => await receive)).Message);
    }

    [Fact]
    public async Task A_second_await_of_a_channel_wait_says_what_happened_and_what_to_do()
    {
        Channel<int> channel = BlitzChannel.CreateBounded<int>(1);
        ValueTask<int> read = channel.Reader.ReadAsync();
        Assert.False(read.IsCompleted);
        Assert.True(channel.Writer.TryWrite(3));
        Assert.Equal(3, await read);
        Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => read.IsCompleted).Message);
        Assert.Equal(Message, (await Assert.ThrowsAsync<InvalidOperationException>(async () => await read)).Message);
    }

    [Fact]
    public async Task AsTask_awaits_as_often_as_needed()
    {
        await using var runtime = TestSupport.NewRuntime();
        Task<int> task = runtime.SpawnBlocking(static _ => 9).AsTask();
        Assert.Equal(9, await task);
        Assert.Equal(9, await task);
    }
}
