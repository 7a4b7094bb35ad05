using System.Collections.Concurrent;

namespace Blitz;

/// <summary>
/// A pool of Blitz threads: the blocking pool (bucket 3: threads started as blocked work needs them, up to 512; idle
/// ones exit after a keep-alive; bounded queue) and the CPU pool (bucket 5: processor-count threads kept for life,
/// unbounded queue) are two instances. Its threads never belong to the .NET ThreadPool.
/// </summary>
/// <remarks>
/// <para>
/// The common path takes no lock. Ready work waits in two lock-free FIFO lanes (high and normal priority) of
/// entries that pair an item with its ticket; a pool thread and a cancellation race for a queued item with one
/// compare-and-swap, and the loser's entry is skipped when dequeued, so cancellation is O(1) without unlinking.
/// <see cref="PoolCounters.Queued"/> counts claimable items (and places reserved by submitters about to enqueue); it
/// bounds the blocking queue and tells a thread about to sleep that work arrived.
/// </para>
/// <para>
/// Locks remain off the common path: the room lock orders work held back by a full queue, and the thread lock
/// guards the thread list and the sleepers, taken only when a thread sleeps, wakes, starts or exits.
/// </para>
/// </remarks>
internal sealed partial class WorkerPool
{
    private readonly string _kind;
    private readonly int _capacity;
    private readonly ShutdownMode _shutdownMode;
    private readonly PoolInstruments _instruments;

    // ---- ready work: lock-free ----
    private readonly ConcurrentQueue<QueuedWork> _high = new();
    private readonly ConcurrentQueue<QueuedWork> _normal = new();
    private PoolCounters _counters;
    private long _canceledBeforeStart;
    private long _rejected;

    // ---- work held back by a full queue, guarded by _roomLock ----
    private readonly Lock _roomLock = new();
    private readonly IntrusiveQueue<WorkItem> _waitingForRoom = new();
    private int _waiting;

    // Set once shutdown begins; read on every submission.
    private volatile bool _stopping;

    public WorkerPool(string kind, string threadNamePrefix, int maxThreads, TimeSpan keepAlive, int? capacity, ShutdownMode shutdownMode, PoolInstruments instruments, bool growWhenBlocked)
    {
        _kind = kind;
        _threadNamePrefix = threadNamePrefix;
        _maxThreads = maxThreads;
        _eagerThreads = growWhenBlocked ? Math.Min(maxThreads, Environment.ProcessorCount) : maxThreads;
        _keepAliveMilliseconds = keepAlive == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(int.MaxValue, keepAlive.TotalMilliseconds);
        _capacity = capacity ?? int.MaxValue;
        _shutdownMode = shutdownMode;
        _maxSearching = Environment.ProcessorCount > 1 ? 1 : 0;
        _instruments = instruments;
        _growth = _eagerThreads < maxThreads ? new GrowthCheck(this) : null;
    }

    /// <summary>A ready-queue entry: the item and the ticket it was queued with.</summary>
    private readonly record struct QueuedWork(WorkItem Item, long Ticket);

    // ---------------------------------------------------------------------------------------------------------
    // Submit
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Hands an item to the pool, which from then on owns its outcome: it runs it, completes it as canceled when its
    /// token fired first, or, when it refuses it (full queue without waiting, shutdown), discards it.
    /// </summary>
    /// <param name="item">An item in state <see cref="WorkItemState.Created"/> (or marked canceled on arrival by its token).</param>
    /// <param name="waitForRoom">When the queue is full: <see langword="true"/> holds the item, in order, until there is room; <see langword="false"/> refuses it.</param>
    /// <returns><see langword="true"/> when the item was accepted and will complete exactly once; <see langword="false"/> when it was refused and discarded.</returns>
    public bool Submit(WorkItem item, bool waitForRoom)
    {
        bool reserved = Volatile.Read(ref _waiting) == 0 && TryReserve();
        if (!reserved)
        {
            return waitForRoom ? SubmitWaitingForRoom(item) : Refuse(item);
        }

        if (_stopping)
        {
            ReleaseSlot();
            lock (_threadLock)
            {
                SignalIfAllExitedLocked();
            }

            return Refuse(item);
        }

        long ticket = item.TrySubmitAs(WorkItemState.Queued);
        if (ticket < 0)
        {
            ReleaseSlot();
            CompleteCanceledBeforeStart(item);
            return true;
        }

        item.EnqueuedAt = _instruments.TimestampIfMeasuringQueueWait();
        Enqueue(item, ticket);
        try
        {
            SignalWork();
        }
        catch (Exception) when (TakeBackIfNoThreadCanRunIt(item, ticket))
        {
            // Not even one thread could start, so nothing would ever run the item: it was taken back and discarded,
            // and the failure (out of memory) reaches the submitter.
            throw;
        }

        return true;
    }

    /// <summary>Counts a spawn refused because the runtime was disposed before the item reached the pool.</summary>
    public void CountRejected() => Interlocked.Increment(ref _rejected);

    private bool Refuse(WorkItem item)
    {
        Interlocked.Increment(ref _rejected);
        item.Discard();
        return false;
    }

    private void CompleteCanceledBeforeStart(WorkItem item)
    {
        Interlocked.Increment(ref _canceledBeforeStart);
        item.CompleteCanceled(new OperationCanceledException(item.CancellationToken));
    }

    /// <summary>Puts an item that holds a reserved place into its priority's lane.</summary>
    private void Enqueue(WorkItem item, long ticket)
        => (item.Priority == WorkPriority.High ? _high : _normal).Enqueue(new QueuedWork(item, ticket));

    /// <summary>Takes a place in the ready queue, if the capacity allows.</summary>
    private bool TryReserve()
    {
        if (_capacity == int.MaxValue)
        {
            Interlocked.Increment(ref _counters.Reserved);
            return true;
        }

        long reserved = Volatile.Read(ref _counters.Reserved);
        while (true)
        {
            if (reserved - Volatile.Read(ref _counters.ReleasedSeen) >= _capacity)
            {
                long released = Volatile.Read(ref _counters.Released);
                Volatile.Write(ref _counters.ReleasedSeen, released);
                if (reserved - released >= _capacity)
                {
                    return false;
                }
            }

            long seen = Interlocked.CompareExchange(ref _counters.Reserved, reserved + 1, reserved);
            if (seen == reserved)
            {
                return true;
            }

            reserved = seen;
        }
    }

    /// <summary>Gives a place in the ready queue back (an item was claimed, canceled or refused) and lets held work in.</summary>
    private void ReleaseSlot()
    {
        // Interlocked is a full fence: either this thread sees a holder that just arrived, or that holder sees the room.
        Interlocked.Increment(ref _counters.Released);
        if (Volatile.Read(ref _waiting) > 0)
        {
            PromoteWaiting();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // A full queue: SpawnBlocking's work waits in arrival order for room
    // ---------------------------------------------------------------------------------------------------------

    private bool SubmitWaitingForRoom(WorkItem item)
    {
        bool promoted;
        lock (_roomLock)
        {
            if (_stopping)
            {
                return Refuse(item);
            }

            if (item.TrySubmitAs(WorkItemState.WaitingForRoom) < 0)
            {
                CompleteCanceledBeforeStart(item);
                return true;
            }

            item.EnqueuedAt = _instruments.TimestampIfMeasuringQueueWait();
            _waitingForRoom.Enqueue(item);
            Interlocked.Increment(ref _waiting);

            // Room may have appeared between the failed reservation and the count above.
            promoted = PromoteLocked();
        }

        if (promoted)
        {
            SignalWork();
        }

        return true;
    }

    private void PromoteWaiting()
    {
        bool promoted;
        lock (_roomLock)
        {
            promoted = PromoteLocked();
        }

        if (promoted)
        {
            SignalWork();
        }
    }

    /// <summary>Moves held items, oldest first, into the ready queue while it has room.</summary>
    private bool PromoteLocked()
    {
        bool promoted = false;
        while (_waitingForRoom.Count > 0 && TryReserve())
        {
            WorkItem item = _waitingForRoom.Dequeue()!;
            Interlocked.Decrement(ref _waiting);

            // Under the room lock nobody else moves a held item, so the move cannot fail.
            item.TryMove(item.Ticket, WorkItemState.Queued, out long ticket);
            Enqueue(item, ticket);
            promoted = true;
        }

        return promoted;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancel: a token fired for an item that has not started
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Cancels an item that has not started and completes it as canceled; no-op once it runs.</summary>
    public void Cancel(WorkItem item)
    {
        while (true)
        {
            long ticket = item.Ticket;
            switch (WorkItem.StateOf(ticket))
            {
                case WorkItemState.Created:
                    // Not handed over yet: Submit sees the mark and completes it as canceled instead of queuing it.
                    if (item.TryMove(ticket, WorkItemState.CanceledOnArrival))
                    {
                        return;
                    }

                    continue;
                case WorkItemState.Queued:
                    // Its queue entry stays behind and is skipped: the ticket no longer matches.
                    if (item.TryMove(ticket, WorkItemState.Canceled))
                    {
                        ReleaseSlot();
                        CompleteCanceledBeforeStart(item);
                        return;
                    }

                    continue;
                case WorkItemState.WaitingForRoom:
                    if (CancelWaiting(item))
                    {
                        CompleteCanceledBeforeStart(item);
                        return;
                    }

                    continue;
                default:
                    return;
            }
        }
    }

    private bool CancelWaiting(WorkItem item)
    {
        lock (_roomLock)
        {
            long ticket = item.Ticket;
            if (WorkItem.StateOf(ticket) != WorkItemState.WaitingForRoom || !item.TryMove(ticket, WorkItemState.Canceled))
            {
                return false;
            }

            _waitingForRoom.Remove(item);
            Interlocked.Decrement(ref _waiting);
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Take: a pool thread claims the oldest item, high priority first
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>The most high-priority items one thread takes in a row while normal work waits.</summary>
    public const int HighPriorityBurst = 8;

    /// <summary>
    /// Claims the next item: high priority first, but after <see cref="HighPriorityBurst"/> high items in a row
    /// the thread looks at normal work first once, so normal work is delayed, never starved.
    /// </summary>
    private WorkItem? TryTake(PoolWorker worker)
    {
        bool highFirst = worker.HighStreak < HighPriorityBurst;
        ConcurrentQueue<QueuedWork> first = highFirst ? _high : _normal;
        ConcurrentQueue<QueuedWork> second = highFirst ? _normal : _high;
        while (first.TryDequeue(out QueuedWork entry) || second.TryDequeue(out entry))
        {
            WorkItem item = entry.Item;
            if (item.TryMove(entry.Ticket, WorkItemState.Running))
            {
                worker.HighStreak = item.Priority == WorkPriority.High ? worker.HighStreak + 1 : 0;
                ReleaseSlot();
                return item;
            }

            // A canceled item's stale entry.
        }

        return null;
    }
}
