namespace Blitz;

/// <summary>Where a work item is in its life.</summary>
internal enum WorkItemState : byte
{
    /// <summary>Rented (or reset for another submission), not yet handed to a pool.</summary>
    Created,

    /// <summary>Its token fired before the pool took it; the pool completes it as canceled instead of queuing it.</summary>
    CanceledOnArrival,

    /// <summary>In one of the pool's ready queues.</summary>
    Queued,

    /// <summary>Accepted while the ready queue was full; waits, in order, for room.</summary>
    WaitingForRoom,

    /// <summary>Claimed by a pool thread.</summary>
    Running,

    /// <summary>Claimed by its cancellation (or a shutdown) and completed as canceled without running.</summary>
    Canceled,
}

/// <summary>
/// A unit of work a <see cref="WorkerPool"/> runs. Its state and a generation share one ticket changed only by
/// compare-and-swap, so exactly one party claims a queued item (a pool thread to run it, or its cancellation to
/// cancel it) without a lock, and a queue entry left behind by a canceled item can never claim the item's next life.
/// </summary>
internal abstract class WorkItem : IntrusiveNode<WorkItem>
{
    private const int StateBits = 3;
    private const long StateMask = (1 << StateBits) - 1;

    // generation << StateBits | state. A new generation starts at every submission.
    private long _ticket;

    internal WorkPriority Priority;

    /// <summary>Whether a token may cancel the item before it runs; set by the owner before submission.</summary>
    internal bool Cancelable;

    /// <summary>When the item entered the queue (<see cref="System.Diagnostics.Stopwatch"/> ticks), or 0 when nobody measures queue wait.</summary>
    internal long EnqueuedAt;

    /// <summary>The current state.</summary>
    internal WorkItemState State => StateOf(Volatile.Read(ref _ticket));

    /// <summary>The current ticket: what a queue entry records so that only this life of the item can be claimed through it.</summary>
    internal long Ticket => Volatile.Read(ref _ticket);

    internal static WorkItemState StateOf(long ticket) => (WorkItemState)(ticket & StateMask);

    /// <summary>Makes the item ready for a submission; only its owner calls it, while no pool or token can see the item.</summary>
    internal void ResetForSubmission() => _ticket = (_ticket & ~StateMask) | (long)WorkItemState.Created;

    /// <summary>Moves a created item into a new generation in <paramref name="state"/>; fails when its token already fired.</summary>
    /// <returns>The new ticket, or -1 when the item is <see cref="WorkItemState.CanceledOnArrival"/>.</returns>
    internal long TrySubmitAs(WorkItemState state)
    {
        long current = Volatile.Read(ref _ticket);
        if (StateOf(current) != WorkItemState.Created)
        {
            return -1;
        }

        long next = ((current >> StateBits) + 1) << StateBits | (long)state;
        if (!Cancelable)
        {
            // No token can race the submitter for an item nobody else sees yet.
            Volatile.Write(ref _ticket, next);
            return next;
        }

        return Interlocked.CompareExchange(ref _ticket, next, current) == current ? next : -1;
    }

    /// <summary>Moves the item from exactly <paramref name="ticket"/> to <paramref name="state"/> in the same generation.</summary>
    /// <returns><see langword="true"/> when this caller made the move; <see langword="false"/> when someone else moved the item first.</returns>
    internal bool TryMove(long ticket, WorkItemState state, out long moved)
    {
        moved = (ticket & ~StateMask) | (long)state;
        return Interlocked.CompareExchange(ref _ticket, moved, ticket) == ticket;
    }

    /// <inheritdoc cref="TryMove(long, WorkItemState, out long)"/>
    internal bool TryMove(long ticket, WorkItemState state) => TryMove(ticket, state, out _);

    /// <summary>The token that cancels the item before it runs; <see langword="default"/> for items that cannot be canceled.</summary>
    internal abstract CancellationToken CancellationToken { get; }

    /// <summary>Runs the work on the calling pool thread, counts its outcome on <paramref name="worker"/>, then completes the item; never throws.</summary>
    internal abstract void Run(PoolWorker worker);

    /// <summary>Completes an item that will never run as canceled (its token fired, or the pool shut down).</summary>
    internal abstract void CompleteCanceled(OperationCanceledException exception);

    /// <summary>Stops the item's cancellation callback; when it returns, the callback is not running and never will.</summary>
    internal abstract void ReleaseCancellation();

    /// <summary>Takes back an item the pool refused (full, or shutting down): it never ran and nobody awaits it.</summary>
    internal abstract void Discard();
}

/// <summary>How a work item ended, for the pool's counters.</summary>
internal enum WorkOutcome : byte
{
    Completed,
    Faulted,
    Canceled,
}
