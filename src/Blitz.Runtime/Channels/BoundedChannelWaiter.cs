using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// A pooled waiter of a <see cref="BoundedChannel{T}"/>: a blocked read (result: the item), a blocked write (result
/// ignored, <see cref="PendingItem"/> holds the item to write) or a wait-to-read/-write (result: a bool). Awaited
/// once, then recycled.
/// </summary>
/// <remarks>
/// Who completes a waiter is decided under the channel's lock: a waiter leaves its queue exactly once, either
/// claimed by the channel (an item, room, completion) or removed by its cancellation callback, and only the one who
/// took it out completes it. The claimer disposes the cancellation registration before completing, which waits for a
/// callback already running, so no callback can touch the node after it was recycled for another wait.
/// </remarks>
/// <typeparam name="TResult">The waiter's result type.</typeparam>
internal sealed class BoundedChannelWaiter<TResult> : IntrusiveNode<BoundedChannelWaiter<TResult>>, IValueTaskSource<TResult>, IValueTaskSource, IRecyclable
{
    private static readonly Action<object?, CancellationToken> s_onCanceled
        = static (state, token) => ((BoundedChannelWaiter<TResult>)state!).OnCanceled(token);

    private AwaitOnceCore<TResult> _core;
    private CancellationTokenRegistration _registration;

    private BoundedChannelWaiter()
    {
    }

    /// <summary>The queue this waiter waits in during the current wait.</summary>
    internal BoundedChannelWaiterQueue<TResult>? Queue { get; private set; }

    /// <summary>A blocked write's item, moved into the channel when the write is let through.</summary>
    internal TResult? PendingItem { get; set; }

    public short Version => _core.Version;

    public static BoundedChannelWaiter<TResult> Rent(BoundedChannelWaiterQueue<TResult> queue)
    {
        BoundedChannelWaiter<TResult> waiter = CompletionPool<BoundedChannelWaiter<TResult>>.TryRent() ?? new BoundedChannelWaiter<TResult>();
        waiter.Queue = queue;
        waiter._core.Arm();
        return waiter;
    }

    /// <summary>Registers the wait's token; called under the channel's lock once the waiter is queued.</summary>
    /// <remarks>A token canceled meanwhile runs the callback here, on this thread; the lock is reentrant.</remarks>
    internal void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(s_onCanceled, this);
        }
    }

    /// <summary>Completes a waiter claimed from its queue; call it outside the channel's lock.</summary>
    internal void Complete(TResult result)
    {
        DropRegistration();
        _core.SetResult(result);
    }

    /// <summary>Fails a waiter claimed from its queue; call it outside the channel's lock.</summary>
    internal void Fail(Exception error)
    {
        DropRegistration();
        _core.SetException(error);
    }

    /// <summary>Completes every waiter of a detached chain with <paramref name="result"/>.</summary>
    internal static void CompleteAll(BoundedChannelWaiter<TResult>? chain, TResult result)
    {
        while (chain is not null)
        {
            // Read the link first: once completed, the waiter may be recycled by its awaiter at any moment.
            BoundedChannelWaiter<TResult>? next = chain.Next;
            chain.Next = null;
            chain.Complete(result);
            chain = next;
        }
    }

    /// <summary>Fails every waiter of a detached chain with <paramref name="error"/>.</summary>
    internal static void FailAll(BoundedChannelWaiter<TResult>? chain, Exception error)
    {
        while (chain is not null)
        {
            BoundedChannelWaiter<TResult>? next = chain.Next;
            chain.Next = null;
            chain.Fail(error);
            chain = next;
        }
    }

    private void DropRegistration()
    {
        // Waits for a cancellation callback that is running right now; it finds the waiter already claimed.
        _registration.Dispose();
        _registration = default;
    }

    private void OnCanceled(CancellationToken token)
    {
        if (Queue is { } queue && queue.TryRemove(this))
        {
            // The registration fired: nothing is left to dispose.
            _registration = default;
            _core.SetException(new OperationCanceledException(token));
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    public TResult GetResult(short token) => _core.GetResultAndRecycle(token, this);

    /// <inheritdoc/>
    public void Recycle()
    {
        // A token canceled during registration ran the callback inside UnsafeRegister, whose result was then stored.
        _registration = default;
        Queue = null;
        PendingItem = default;
        CompletionPool<BoundedChannelWaiter<TResult>>.Return(this);
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);
}
