namespace Blitz;

/// <summary>
/// A FIFO of waiters of one kind (blocked reads, blocked writes, wait-to-read, wait-to-write) of one
/// <see cref="BoundedChannel{T}"/>, in an <see cref="IntrusiveQueue{TNode}"/>: queuing allocates nothing and a
/// canceled waiter is unlinked in O(1). Every member except <see cref="TryRemove"/> runs under the channel's lock.
/// </summary>
/// <typeparam name="TResult">The waiters' result type.</typeparam>
internal sealed class BoundedChannelWaiterQueue<TResult>(Lock channelLock)
{
    private readonly IntrusiveQueue<BoundedChannelWaiter<TResult>> _waiters = new();

    public bool IsEmpty => _waiters.IsEmpty;

    /// <summary>Queues a new waiter for <paramref name="cancellationToken"/> and returns its version.</summary>
    public short Enqueue(BoundedChannelWaiter<TResult> waiter, CancellationToken cancellationToken)
    {
        _waiters.Enqueue(waiter);
        short version = waiter.Version;
        waiter.RegisterCancellation(cancellationToken);
        return version;
    }

    /// <summary>Claims the oldest waiter; the caller completes it after leaving the lock.</summary>
    public BoundedChannelWaiter<TResult>? TryDequeue() => _waiters.Dequeue();

    /// <summary>Claims every waiter as one chain linked by <c>Next</c>; the caller completes them after leaving the lock.</summary>
    public BoundedChannelWaiter<TResult>? DetachAll() => _waiters.DetachAll();

    /// <summary>Removes a waiter whose token fired, unless the channel already claimed it.</summary>
    /// <returns><see langword="true"/> if the caller now owns the waiter's completion.</returns>
    public bool TryRemove(BoundedChannelWaiter<TResult> waiter)
    {
        lock (channelLock)
        {
            if (!waiter.IsLinked)
            {
                return false;
            }

            _waiters.Remove(waiter);
            return true;
        }
    }
}
