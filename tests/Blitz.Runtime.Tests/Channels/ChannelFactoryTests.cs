using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary><see cref="BlitzChannel"/>'s factory and what Blitz's channel adds to the contract (pooled, await-once waiters).</summary>
public class ChannelFactoryTests
{
    [Fact]
    public void The_factory_returns_a_bounded_channel_with_the_given_capacity()
    {
        Channel<int> channel = BlitzChannel.CreateBounded<int>(2);
        Assert.True(channel.Writer.TryWrite(1));
        Assert.True(channel.Writer.TryWrite(2));
        Assert.False(channel.Writer.TryWrite(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlitzChannel.CreateBounded<int>(0));
    }

    [Fact]
    public void Options_with_wait_give_blitzs_channel_and_other_full_modes_the_bcls()
    {
        Channel<int> wait = BlitzChannel.CreateBounded<int>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        Assert.IsType<BoundedChannel<int>>(wait);

        Channel<int> dropOldest = BlitzChannel.CreateBounded<int>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        Assert.IsNotType<BoundedChannel<int>>(dropOldest);
        Assert.True(dropOldest.Writer.TryWrite(1));
        Assert.True(dropOldest.Writer.TryWrite(2));
        Assert.True(dropOldest.Reader.TryRead(out int item));
        Assert.Equal(2, item);
    }

    [Fact]
    public async Task A_waiter_awaited_twice_throws_instead_of_reading_another_wait()
    {
        var channel = new BoundedChannel<int>(1);
        ValueTask<int> read = channel.Reader.ReadAsync();
        channel.Writer.TryWrite(1);
        Assert.Equal(1, await read.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        // The node went back to the pool; the next wait on this thread reuses it.
        ValueTask<int> next = channel.Reader.ReadAsync();
        Assert.Throws<InvalidOperationException>(() => read.GetAwaiter().GetResult());
        channel.Writer.TryWrite(2);
        Assert.Equal(2, await next.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Continuations_never_run_inline_on_the_writing_thread()
    {
        var channel = new BoundedChannel<int>(1);
        ValueTask<int> read = channel.Reader.ReadAsync();
        Task<int> continuationThread = read.AsTask().ContinueWith(
            static _ => Environment.CurrentManagedThreadId, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int writerThread = -1;
        var writer = new Thread(() =>
        {
            writerThread = Environment.CurrentManagedThreadId;
            Assert.True(channel.Writer.TryWrite(1));
        });
        writer.Start();
        writer.Join();
        Assert.NotEqual(writerThread, await continuationThread.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
