using System.Diagnostics;

namespace Blitz;

/// <summary>
/// One thread of a <see cref="WorkerPool"/> and its counters. Only the worker's own thread writes the counters, so
/// counting costs no interlocked operation; <see cref="WorkerPool.GetMetrics"/> and the blocking pool's growth check
/// read them (64-bit reads do not tear).
/// </summary>
internal sealed class PoolWorker : IntrusiveNode<PoolWorker>
{
    private long _taken;
    private long _completed;
    private long _faulted;
    private long _canceled;
    private long _busyTicks;
    private long _busySince;
    private volatile bool _running;

    public PoolWorker(Thread thread) => Thread = thread;

    // Sleeping, guarded by the pool's thread lock: the worker waits on its own event so that a waker can tell
    // exactly which thread it woke (Monitor.Pulse cannot, and a lost wake-up would leave queued work unseen). While
    // it sleeps it is linked in the pool's sleepers (IsLinked).
    internal bool Notified;

    /// <summary>High-priority items taken in a row; only the worker's own thread uses it.</summary>
    internal int HighStreak;

    /// <summary>The <see cref="Taken"/> count the blocking pool's growth check saw last; only the check uses it.</summary>
    internal long TakenAtLastCheck = -1;

    /// <summary>Set by a waker; the worker sleeps on it. No spinning here: the pool's searching thread already spins.</summary>
    public ManualResetEventSlim Signal { get; } = new(initialState: false, spinCount: 0);

    public Thread Thread { get; }

    /// <summary>The clean context the worker restores after each item, captured on the worker's own thread.</summary>
    public ExecutionContext? CleanContext { get; set; }

    /// <summary>How many items the worker has claimed; a running worker whose count stands still is stuck in one item.</summary>
    public long Taken => Volatile.Read(ref _taken);

    /// <summary>Whether the worker is inside an item.</summary>
    public bool IsRunning => _running;

    public long Completed => Volatile.Read(ref _completed);

    public long Faulted => Volatile.Read(ref _faulted);

    public long Canceled => Volatile.Read(ref _canceled);

    public void EnterItem()
    {
        Volatile.Write(ref _taken, _taken + 1);
        _running = true;
    }

    public void LeaveItem() => _running = false;

    public void Record(WorkOutcome outcome)
    {
        switch (outcome)
        {
            case WorkOutcome.Completed:
                Volatile.Write(ref _completed, _completed + 1);
                break;
            case WorkOutcome.Faulted:
                Volatile.Write(ref _faulted, _faulted + 1);
                break;
            default:
                Volatile.Write(ref _canceled, _canceled + 1);
                break;
        }
    }

    /// <summary>Busy time is measured per busy period, not per item: two timestamps however many items run back to back.</summary>
    public void BeginBusy() => Volatile.Write(ref _busySince, Stopwatch.GetTimestamp());

    public void EndBusy()
    {
        long since = _busySince;
        if (since != 0)
        {
            Volatile.Write(ref _busyTicks, _busyTicks + (Stopwatch.GetTimestamp() - since));
            Volatile.Write(ref _busySince, 0);
        }
    }

    /// <summary>The busy time so far, including the current busy period.</summary>
    public long BusyTicks
    {
        get
        {
            long since = Volatile.Read(ref _busySince);
            long total = Volatile.Read(ref _busyTicks);
            return since == 0 ? total : total + Math.Max(0, Stopwatch.GetTimestamp() - since);
        }
    }
}
