namespace Blitz;

/// <summary>Where a work item is in its life; every change happens under the owning pool's lock.</summary>
internal enum WorkItemState : byte
{
    /// <summary>Rented, not yet handed to a pool.</summary>
    Created,

    /// <summary>Its token fired before the pool took it; the spawn call completes it as canceled.</summary>
    CanceledOnArrival,

    /// <summary>In the pool's ready queue.</summary>
    Queued,

    /// <summary>Accepted while the ready queue was full; waits, in order, for room.</summary>
    WaitingForRoom,

    /// <summary>Taken by a pool thread.</summary>
    Running,

    /// <summary>Removed from a queue and completed as canceled without running.</summary>
    Canceled,
}

/// <summary>
/// A queued unit of work: an intrusive node of a pool's <see cref="WorkQueue"/>, so that queuing allocates nothing
/// and a canceled item can be unlinked in O(1).
/// </summary>
internal abstract class WorkItem
{
    internal WorkItem? Next;
    internal WorkItem? Previous;
    internal WorkItemState State;
    internal WorkPriority Priority;

    /// <summary>When the item entered the queue (<see cref="System.Diagnostics.Stopwatch"/> ticks), or 0 when nobody measures queue wait.</summary>
    internal long EnqueuedAt;

    /// <summary>The pool that owns the item while it is queued or running.</summary>
    internal WorkerPool? Pool;

    /// <summary>Runs the work on the calling pool thread, counts its outcome on <paramref name="worker"/>, then completes the item; never throws.</summary>
    internal abstract void Run(PoolWorker worker);

    /// <summary>Completes an item that will never run as canceled (its token fired, or the pool shut down).</summary>
    internal abstract void CompleteCanceled(OperationCanceledException exception);

    /// <summary>Stops the item's cancellation callback; when it returns, the callback is not running and never will.</summary>
    internal abstract void ReleaseCancellation();
}

/// <summary>How a work item ended, for the pool's counters.</summary>
internal enum WorkOutcome : byte
{
    Completed,
    Faulted,
    Canceled,
}
