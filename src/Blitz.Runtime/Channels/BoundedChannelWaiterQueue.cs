namespace Blitz;

/// <summary>
/// A FIFO of waiters of one kind (blocked reads, blocked writes, wait-to-read, wait-to-write) of one
/// <see cref="BoundedChannel{T}"/>: an intrusive doubly linked list, so queuing allocates nothing and a canceled
/// waiter is unlinked in O(1). Every member except <see cref="TryRemove"/> runs under the channel's lock.
/// </summary>
/// <typeparam name="TResult">The waiters' result type.</typeparam>
internal sealed class BoundedChannelWaiterQueue<TResult>(Lock channelLock)
{
    private BoundedChannelWaiter<TResult>? _head;
    private BoundedChannelWaiter<TResult>? _tail;

    public bool IsEmpty => _head is null;

    /// <summary>Queues a new waiter for <paramref name="cancellationToken"/> and returns its version.</summary>
    public short Enqueue(BoundedChannelWaiter<TResult> waiter, CancellationToken cancellationToken)
    {
        waiter.Previous = _tail;
        if (_tail is null)
        {
            _head = waiter;
        }
        else
        {
            _tail.Next = waiter;
        }

        _tail = waiter;
        waiter.IsQueued = true;
        short version = waiter.Version;
        waiter.RegisterCancellation(cancellationToken);
        return version;
    }

    /// <summary>Claims the oldest waiter; the caller completes it after leaving the lock.</summary>
    public BoundedChannelWaiter<TResult>? TryDequeue()
    {
        BoundedChannelWaiter<TResult>? waiter = _head;
        if (waiter is not null)
        {
            Unlink(waiter);
        }

        return waiter;
    }

    /// <summary>Claims every waiter as one chain linked by <c>Next</c>; the caller completes them after leaving the lock.</summary>
    public BoundedChannelWaiter<TResult>? DetachAll()
    {
        BoundedChannelWaiter<TResult>? chain = _head;
        for (BoundedChannelWaiter<TResult>? waiter = chain; waiter is not null; waiter = waiter.Next)
        {
            waiter.IsQueued = false;
            waiter.Previous = null;
        }

        _head = _tail = null;
        return chain;
    }

    /// <summary>Removes a waiter whose token fired, unless the channel already claimed it.</summary>
    /// <returns><see langword="true"/> if the caller now owns the waiter's completion.</returns>
    public bool TryRemove(BoundedChannelWaiter<TResult> waiter)
    {
        lock (channelLock)
        {
            if (!waiter.IsQueued)
            {
                return false;
            }

            Unlink(waiter);
            return true;
        }
    }

    private void Unlink(BoundedChannelWaiter<TResult> waiter)
    {
        if (waiter.Previous is null)
        {
            _head = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _tail = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Previous = null;
        waiter.Next = null;
        waiter.IsQueued = false;
    }
}
