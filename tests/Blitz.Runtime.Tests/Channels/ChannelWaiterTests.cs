namespace Blitz.Runtime.Tests;

/// <summary>The pooled waiter and its queue, below the channel: the paths no channel-level test can hit on purpose.</summary>
public class ChannelWaiterTests
{
    [Fact]
    public async Task A_token_canceled_during_registration_cancels_the_waiter_under_the_reentrant_lock()
    {
        // The channel checks the token before queuing; if it fires between that check and the registration, the
        // callback runs inside UnsafeRegister, on the thread that holds the channel's lock.
        var channelLock = new Lock();
        var queue = new BoundedChannelWaiterQueue<int>(channelLock);
        var waiter = BoundedChannelWaiter<int>.Rent(queue);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        short version;
        lock (channelLock)
        {
            version = queue.Enqueue(waiter, cts.Token);
        }

        Assert.True(queue.IsEmpty);
        Assert.False(waiter.IsLinked);
        var wait = new ValueTask<int>(waiter, version);
        Assert.True(wait.IsCanceled);
        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.AsTask());
        Assert.Equal(cts.Token, canceled.CancellationToken);
    }

    [Fact]
    public async Task A_claimed_waiter_ignores_its_token_and_completes_with_the_value()
    {
        var channelLock = new Lock();
        var queue = new BoundedChannelWaiterQueue<int>(channelLock);
        using var cts = new CancellationTokenSource();
        var first = BoundedChannelWaiter<int>.Rent(queue);
        var second = BoundedChannelWaiter<int>.Rent(queue);
        short firstVersion, secondVersion;
        BoundedChannelWaiter<int>? claimed;
        lock (channelLock)
        {
            firstVersion = queue.Enqueue(first, cts.Token);
            secondVersion = queue.Enqueue(second, cts.Token);
            claimed = queue.TryDequeue();
        }

        // Claimed but not yet completed: the token fires now and must leave it alone, but still cancels the other.
        cts.Cancel();
        Assert.Same(first, claimed);
        claimed!.Complete(42);

        Assert.Equal(42, await new ValueTask<int>(first, firstVersion).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ValueTask<int>(second, secondVersion).AsTask());
        Assert.True(queue.IsEmpty);
    }
}
