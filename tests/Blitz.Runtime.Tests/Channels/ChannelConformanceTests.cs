using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary>
/// The <see cref="ChannelReader{T}"/>/<see cref="ChannelWriter{T}"/> contract, single-threaded, run against the BCL's
/// bounded channel and against Blitz's: both must behave alike, so the BCL is the reference for every assertion.
/// </summary>
public class ChannelConformanceTests
{
    public static TheoryData<string> Kinds => new() { "bcl", "blitz" };

    internal static Channel<int> Create(string kind, int capacity) => kind switch
    {
        "bcl" => Channel.CreateBounded<int>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait }),
        "blitz" => new BoundedChannel<int>(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Awaits a channel operation that must already be able to finish; a hang guard, not a timing assertion.</summary>
    private static Task<T> Finish<T>(ValueTask<T> operation) => operation.AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    private static Task Finish(ValueTask operation) => operation.AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Try_write_fills_to_capacity_then_fails_and_try_read_is_fifo(string kind)
    {
        Channel<int> channel = Create(kind, 3);
        Assert.True(channel.Reader.CanCount);
        Assert.False(channel.Reader.TryRead(out _));
        Assert.True(channel.Writer.TryWrite(1));
        Assert.True(channel.Writer.TryWrite(2));
        Assert.True(channel.Writer.TryWrite(3));
        Assert.False(channel.Writer.TryWrite(4));
        Assert.Equal(3, channel.Reader.Count);
        Assert.True(channel.Reader.TryPeek(out int head));
        Assert.Equal(1, head);

        var read = new List<int>();
        while (channel.Reader.TryRead(out int item))
        {
            read.Add(item);
        }

        Assert.Equal([1, 2, 3], read);
        Assert.Equal(0, channel.Reader.Count);
        Assert.False(channel.Reader.TryPeek(out _));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_read_async_on_an_empty_channel_waits_for_the_next_write(string kind)
    {
        Channel<int> channel = Create(kind, 2);
        ValueTask<int> first = channel.Reader.ReadAsync();
        ValueTask<int> second = channel.Reader.ReadAsync();
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        Assert.True(channel.Writer.TryWrite(10));
        await channel.Writer.WriteAsync(20);

        // Each write went straight to a waiting reader, in the order the readers came.
        Assert.Equal(10, await Finish(first));
        Assert.Equal(20, await Finish(second));
        Assert.Equal(0, channel.Reader.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_write_async_on_a_full_channel_waits_for_room_and_keeps_order(string kind)
    {
        Channel<int> channel = Create(kind, 2);
        await channel.Writer.WriteAsync(1);
        await channel.Writer.WriteAsync(2);
        ValueTask third = channel.Writer.WriteAsync(3);
        ValueTask fourth = channel.Writer.WriteAsync(4);
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, channel.Reader.Count);

        Assert.True(channel.Reader.TryRead(out int item));
        Assert.Equal(1, item);
        await Finish(third);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, await Finish(channel.Reader.ReadAsync()));
        await Finish(fourth);
        Assert.Equal(3, await Finish(channel.Reader.ReadAsync()));
        Assert.Equal(4, await Finish(channel.Reader.ReadAsync()));
        Assert.Equal(0, channel.Reader.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Wait_to_read_and_wait_to_write_wake_when_a_read_or_write_becomes_possible(string kind)
    {
        Channel<int> channel = Create(kind, 1);
        Assert.True(await Finish(channel.Writer.WaitToWriteAsync()));
        ValueTask<bool> canRead1 = channel.Reader.WaitToReadAsync();
        ValueTask<bool> canRead2 = channel.Reader.WaitToReadAsync();
        Assert.False(canRead1.IsCompleted);

        Assert.True(channel.Writer.TryWrite(5));
        Assert.True(await Finish(canRead1));
        Assert.True(await Finish(canRead2));
        Assert.True(await Finish(channel.Reader.WaitToReadAsync()));

        ValueTask<bool> canWrite = channel.Writer.WaitToWriteAsync();
        Assert.False(canWrite.IsCompleted);
        Assert.True(channel.Reader.TryRead(out int item));
        Assert.Equal(5, item);
        Assert.True(await Finish(canWrite));
        Assert.True(channel.Writer.TryWrite(6));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Completing_lets_buffered_items_drain_then_ends(string kind)
    {
        Channel<int> channel = Create(kind, 4);
        channel.Writer.TryWrite(1);
        channel.Writer.TryWrite(2);
        Assert.True(channel.Writer.TryComplete());
        Assert.False(channel.Writer.TryComplete());

        Assert.False(channel.Writer.TryWrite(3));
        await Assert.ThrowsAsync<ChannelClosedException>(() => channel.Writer.WriteAsync(3).AsTask());
        Assert.False(await Finish(channel.Writer.WaitToWriteAsync()));
        Assert.False(channel.Reader.Completion.IsCompleted);

        Assert.True(await Finish(channel.Reader.WaitToReadAsync()));
        Assert.Equal(1, await Finish(channel.Reader.ReadAsync()));
        Assert.True(channel.Reader.TryRead(out int last));
        Assert.Equal(2, last);

        await channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(channel.Reader.Completion.IsCompletedSuccessfully);
        Assert.False(await Finish(channel.Reader.WaitToReadAsync()));
        await Assert.ThrowsAsync<ChannelClosedException>(() => channel.Reader.ReadAsync().AsTask());
        Assert.False(channel.Reader.TryRead(out _));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Completing_with_an_error_faults_completion_and_waits_and_wraps_it_for_reads(string kind)
    {
        Channel<int> channel = Create(kind, 4);
        var error = new InvalidOperationException("producer failed");
        channel.Writer.TryWrite(1);
        Assert.True(channel.Writer.TryComplete(error));

        Assert.Equal(1, await Finish(channel.Reader.ReadAsync()));
        Exception completion = await Assert.ThrowsAsync<InvalidOperationException>(() => channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Same(error, completion);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => channel.Reader.WaitToReadAsync().AsTask()));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => channel.Writer.WaitToWriteAsync().AsTask()));
        ChannelClosedException closed = await Assert.ThrowsAsync<ChannelClosedException>(() => channel.Reader.ReadAsync().AsTask());
        Assert.Same(error, closed.InnerException);
        closed = await Assert.ThrowsAsync<ChannelClosedException>(() => channel.Writer.WriteAsync(2).AsTask());
        Assert.Same(error, closed.InnerException);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Completing_with_a_cancellation_cancels_completion(string kind)
    {
        Channel<int> channel = Create(kind, 4);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        channel.Writer.Complete(new OperationCanceledException(cts.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(channel.Reader.Completion.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Reader.ReadAsync().AsTask());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Completing_releases_every_waiter(string kind)
    {
        Channel<int> empty = Create(kind, 1);
        ValueTask<int> read = empty.Reader.ReadAsync();
        ValueTask<bool> waitToRead = empty.Reader.WaitToReadAsync();
        empty.Writer.Complete();
        await Assert.ThrowsAsync<ChannelClosedException>(() => Finish(read));
        Assert.False(await Finish(waitToRead));
        Assert.True(empty.Reader.Completion.IsCompleted);

        Channel<int> full = Create(kind, 1);
        full.Writer.TryWrite(1);
        ValueTask write = full.Writer.WriteAsync(2);
        ValueTask<bool> waitToWrite = full.Writer.WaitToWriteAsync();
        var error = new TimeoutException();
        full.Writer.Complete(error);
        ChannelClosedException closed = await Assert.ThrowsAsync<ChannelClosedException>(() => Finish(write));
        Assert.Same(error, closed.InnerException);
        Assert.Same(error, await Assert.ThrowsAsync<TimeoutException>(() => Finish(waitToWrite)));

        // The blocked write's item was refused; the buffered one is still read.
        Assert.Equal(1, await Finish(full.Reader.ReadAsync()));
        Assert.False(full.Reader.TryRead(out _));
        await Assert.ThrowsAsync<TimeoutException>(() => full.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_canceled_read_is_removed_and_the_next_item_is_not_lost(string kind)
    {
        Channel<int> channel = Create(kind, 2);
        using var cts = new CancellationTokenSource();
        ValueTask<int> canceled = channel.Reader.ReadAsync(cts.Token);
        ValueTask<int> waiting = channel.Reader.ReadAsync();
        cts.Cancel();
        OperationCanceledException exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Finish(canceled));
        Assert.Equal(cts.Token, exception.CancellationToken);

        Assert.True(channel.Writer.TryWrite(7));
        Assert.True(channel.Writer.TryWrite(8));
        Assert.Equal(7, await Finish(waiting));
        Assert.Equal(1, channel.Reader.Count);
        Assert.Equal(8, await Finish(channel.Reader.ReadAsync()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_canceled_write_is_removed_and_its_item_never_arrives(string kind)
    {
        Channel<int> channel = Create(kind, 1);
        channel.Writer.TryWrite(1);
        using var cts = new CancellationTokenSource();
        ValueTask canceled = channel.Writer.WriteAsync(2, cts.Token);
        ValueTask waiting = channel.Writer.WriteAsync(3);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Finish(canceled));

        Assert.Equal(1, await Finish(channel.Reader.ReadAsync()));
        await Finish(waiting);
        Assert.Equal(3, await Finish(channel.Reader.ReadAsync()));
        Assert.False(channel.Reader.TryRead(out _));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Canceled_waits_throw_and_pre_canceled_tokens_fail_at_once(string kind)
    {
        Channel<int> channel = Create(kind, 1);
        using var cts = new CancellationTokenSource();
        ValueTask<bool> waitToRead = channel.Reader.WaitToReadAsync(cts.Token);
        channel.Writer.TryWrite(1);
        ValueTask<bool> waitToWrite = channel.Writer.WaitToWriteAsync(cts.Token);
        Assert.True(await Finish(waitToRead));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Finish(waitToWrite));

        Assert.True(channel.Reader.ReadAsync(cts.Token).IsCanceled);
        Assert.True(channel.Writer.WriteAsync(2, cts.Token).IsCanceled);
        Assert.True(channel.Reader.WaitToReadAsync(cts.Token).IsCanceled);
        Assert.True(channel.Writer.WaitToWriteAsync(cts.Token).IsCanceled);
        Assert.Equal(1, channel.Reader.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Read_all_async_drains_then_ends_when_completed(string kind)
    {
        Channel<int> channel = Create(kind, 4);
        Task producer = Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await channel.Writer.WriteAsync(i);
            }

            channel.Writer.Complete();
        });

        var read = new List<int>();
        await foreach (int item in channel.Reader.ReadAllAsync())
        {
            read.Add(item);
        }

        await producer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 100), read);
        Assert.True(channel.Reader.Completion.IsCompletedSuccessfully);
    }
}
