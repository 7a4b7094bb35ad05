namespace Blitz;

internal sealed partial class WorkerPool
{
    // About 10-40 µs of spinning before sleeping: long enough to catch the next item of a request/response loop.
    private const int SpinRounds = 1024;
    private const int SpinIterationsPerRound = 1;

    private static readonly ParameterizedThreadStart s_threadStart = static state => ((StartArguments)state!).Run();

    private readonly string _threadNamePrefix;
    private readonly int _maxThreads;
    private readonly int _eagerThreads;
    private readonly int _keepAliveMilliseconds;
    private readonly int _maxSearching;

    // ---- threads, guarded by _threadLock ----
    private readonly Lock _threadLock = new();
    private readonly List<PoolWorker> _workers = [];
    private readonly List<Thread> _threadsToJoin = [];
    // Sleeping threads, the most recently idle taken first: warm threads stay busy and the coldest reach their
    // keep-alive and exit.
    private readonly IntrusiveQueue<PoolWorker> _sleepers = new();
    private int _threads;
    private int _peakThreads;
    private int _nextThreadNumber;
    private long _retiredTaken;
    private long _retiredCompleted;
    private long _retiredFaulted;
    private long _retiredCanceled;
    private long _retiredBusyTicks;

    // ---------------------------------------------------------------------------------------------------------
    // Waking: after work is queued, make sure a thread is on its way
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Called after work was queued: when no thread is searching, wake the most recently idle sleeper, or start a
    /// thread if the growth rule allows one, or ask the blocking pool's growth check to look.
    /// </summary>
    private void SignalWork()
    {
        // The reservation was a full fence before this read; a thread that stops searching lowers Searching with a
        // full fence before it reads Queued. One of the two sees the other, so no work is left unseen. While one
        // thread searches, a submitter wakes nobody: that keeps a steady stream free of kernel wake-ups.
        if (Volatile.Read(ref _counters.Searching) == 0)
        {
            WakeOrNudge(wanted: 1);
        }
    }

    /// <summary>Wakes sleepers or starts a thread when that is possible without the lock; otherwise nudges the growth check.</summary>
    private void WakeOrNudge(int wanted)
    {
        if (Volatile.Read(ref _counters.Sleeping) == 0 && !MayStartThread())
        {
            // Every thread is busy. The CPU pool is at its size; the blocking pool asks whether they are blocked.
            _growth?.Nudge();
            return;
        }

        WakeOrStart(wanted);
    }

    private bool MayStartThread() => Volatile.Read(ref _threads) < _eagerThreads;

    /// <summary>
    /// Wakes up to <paramref name="wanted"/> sleepers (most recently idle first), or starts one thread if the growth
    /// rule allows; nothing when a thread already searches or no work is queued.
    /// </summary>
    private void WakeOrStart(int wanted)
    {
        PoolWorker? first = null;
        PoolWorker? second = null;
        lock (_threadLock)
        {
            if (Volatile.Read(ref _counters.Searching) != 0 || _counters.Queued == 0)
            {
                return;
            }

            first = PopSleeperLocked();
            if (first is not null)
            {
                second = wanted > 1 ? PopSleeperLocked() : null;
            }
            else if (_threads < _eagerThreads)
            {
                ReserveThreadsLocked(1);
            }
            else
            {
                _growth?.Nudge();
                return;
            }
        }

        if (first is null)
        {
            StartThreads(1);
            return;
        }

        first.Signal.Set();
        second?.Signal.Set();
    }

    /// <summary>Takes the most recently idle sleeper and counts it as searching.</summary>
    private PoolWorker? PopSleeperLocked()
    {
        PoolWorker? sleeper = _sleepers.DequeueNewest();
        if (sleeper is not null)
        {
            Interlocked.Decrement(ref _counters.Sleeping);
            sleeper.Notified = true;
            Interlocked.Increment(ref _counters.Searching);
        }

        return sleeper;
    }

    /// <summary>Counts threads about to start; each counts as searching until it holds an item.</summary>
    private void ReserveThreadsLocked(int count)
    {
        _threads += count;
        Interlocked.Add(ref _counters.Searching, count);
        _peakThreads = Math.Max(_peakThreads, _threads);
    }

    /// <summary>
    /// Starts <paramref name="count"/> reserved threads as a tree: each new thread starts part of the rest before it
    /// looks for work. <c>Thread.Start</c> waits for the new thread to come up, so 200 threads started one after the
    /// other take tens of milliseconds on a small virtual machine; fanned out, the waits overlap.
    /// </summary>
    private void StartThreads(int count)
    {
        if (count > 0)
        {
            StartThread(carry: count - 1);
        }
    }

    /// <summary>Starts one reserved thread that will start <paramref name="carry"/> more; undoes all of them if it fails.</summary>
    private void StartThread(int carry)
    {
        int number = Interlocked.Increment(ref _nextThreadNumber);
        try
        {
            var thread = new Thread(s_threadStart) { IsBackground = true, Name = $"{_threadNamePrefix}-{_kind}-{number}" };

            // UnsafeStart: the thread must not inherit the submitter's ExecutionContext; items bring their own.
            thread.UnsafeStart(new StartArguments(this, new PoolWorker(thread), carry));
        }
        catch (Exception)
        {
            UndoReservations(1 + carry);
            throw;
        }
    }

    /// <summary>Run by a new thread first: starts the threads it carries, half of the rest in each child.</summary>
    private void FanOut(int carry)
    {
        while (carry > 0)
        {
            int child = (carry - 1) / 2;
            try
            {
                StartThread(child);
            }
            catch (Exception)
            {
                // The failed child undid itself and its carry; the threads this one still carries are not started.
                UndoReservations(carry - 1 - child);
                return;
            }

            carry -= 1 + child;
        }
    }

    private void UndoReservations(int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (_threadLock)
        {
            _threads -= count;
            Interlocked.Add(ref _counters.Searching, -count);
            SignalIfAllExitedLocked();
        }
    }

    /// <summary>After a failed thread start: when the pool has no thread at all, takes the just-queued item back.</summary>
    private bool TakeBackIfNoThreadCanRunIt(WorkItem item, long ticket)
    {
        lock (_threadLock)
        {
            if (_threads > 0 || !item.TryMove(ticket, WorkItemState.Created))
            {
                return false;
            }
        }

        // The stale queue entry is skipped; the item's next submission starts a new generation.
        ReleaseSlot();
        Refuse(item);
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The worker loop: take an item and run it; when there is none, search (spin) for a while, then sleep up to the
    // keep-alive, then exit.
    // ---------------------------------------------------------------------------------------------------------

    private sealed class StartArguments(WorkerPool pool, PoolWorker worker, int carry)
    {
        public void Run() => pool.WorkerLoop(worker, carry);
    }

    private void WorkerLoop(PoolWorker worker, int carry)
    {
        worker.CleanContext = ExecutionContext.Capture();
        BlitzThread.MarkCurrent();
        lock (_threadLock)
        {
            _workers.Add(worker);
        }

        FanOut(carry);

        // A new thread arrives searching (its starter counted it).
        bool searching = true;
        worker.BeginBusy();
        while (true)
        {
            if (TryTake(worker) is { } item)
            {
                if (searching)
                {
                    searching = false;
                    StopSearchingAndPassOn();
                }

                Execute(item, worker);
                continue;
            }

            if (!FindWork(worker, ref searching))
            {
                return;
            }
        }
    }

    /// <summary>
    /// A searching thread found work. If it was the last one searching and more work waits, it wakes up to two
    /// sleepers, so a burst wakes the sleepers it needs in a tree (waking blocked-work threads one at a time costs a
    /// kernel wake-up each, in sequence) without waking a sleeper per queued item.
    /// </summary>
    private void StopSearchingAndPassOn()
    {
        long queued;
        if (Interlocked.Decrement(ref _counters.Searching) == 0 && (queued = _counters.Queued) > 0)
        {
            WakeOrNudge(wanted: queued > 1 ? 2 : 1);
        }
    }

    /// <summary>
    /// Waits until work may be there: spins first (one thread at a time), then sleeps until woken or the keep-alive
    /// expires. Returns <see langword="false"/> when the thread must exit.
    /// </summary>
    private bool FindWork(PoolWorker worker, ref bool searching)
    {
        if (searching || TryBecomeSearcher())
        {
            searching = true;
            if (Spin())
            {
                return true;
            }

            // Stop searching, then look once more: a submitter that saw this thread searching woke nobody.
            searching = false;
            Interlocked.Decrement(ref _counters.Searching);
            if (_counters.Queued > 0)
            {
                Interlocked.Increment(ref _counters.Searching);
                searching = true;
                return true;
            }
        }

        // Busy time is counted per busy period (brief spins included), not per item: no timestamps in a stream.
        worker.EndBusy();
        bool keepAliveExpired = false;
        while (true)
        {
            lock (_threadLock)
            {
                if (worker.Notified)
                {
                    // Woken by a submitter, which counted this thread as searching.
                    worker.Notified = false;
                    searching = true;
                    worker.BeginBusy();
                    return true;
                }

                if (worker.IsLinked)
                {
                    // The keep-alive expired and nobody chose this thread.
                    _sleepers.Remove(worker);
                    Interlocked.Decrement(ref _counters.Sleeping);
                }

                if (_counters.Queued > 0)
                {
                    Interlocked.Increment(ref _counters.Searching);
                    searching = true;
                    worker.BeginBusy();
                    return true;
                }

                if ((_stopping && Volatile.Read(ref _waiting) == 0) || keepAliveExpired)
                {
                    ExitLocked(worker);
                    return false;
                }

                worker.Signal.Reset();
                _sleepers.Enqueue(worker);

                // A full fence, then a last look: a submitter reserves its place before it reads Sleeping.
                Interlocked.Increment(ref _counters.Sleeping);
                if (_counters.Queued > 0 || _stopping)
                {
                    _sleepers.Remove(worker);
                    Interlocked.Decrement(ref _counters.Sleeping);
                    continue;
                }
            }

            keepAliveExpired = !worker.Signal.Wait(_keepAliveMilliseconds);
        }
    }

    private bool TryBecomeSearcher()
    {
        int searching = Volatile.Read(ref _counters.Searching);
        while (searching < _maxSearching)
        {
            int seen = Interlocked.CompareExchange(ref _counters.Searching, searching + 1, searching);
            if (seen == searching)
            {
                return true;
            }

            searching = seen;
        }

        return false;
    }

    /// <summary>Spins until work is queued or the spin budget is spent; true when work may be there.</summary>
    private bool Spin()
    {
        for (int round = 0; round < SpinRounds; round++)
        {
            if (_counters.Queued > 0)
            {
                return true;
            }

            if (_stopping)
            {
                return false;
            }

            Thread.SpinWait(SpinIterationsPerRound);
        }

        return _counters.Queued > 0;
    }

    private void Execute(WorkItem item, PoolWorker worker)
    {
        worker.EnterItem();
        long started = _instruments.TimestampIfMeasuringExecution();
        if (item.EnqueuedAt != 0)
        {
            _instruments.RecordQueueWait(item.EnqueuedAt, _kind);
        }

        item.Run(worker);

        // Whatever AsyncLocal state the work left behind stays with it, not with the next item.
        if (worker.CleanContext is { } clean)
        {
            ExecutionContext.Restore(clean);
        }

        if (started != 0)
        {
            _instruments.RecordExecution(started, _kind);
        }

        worker.LeaveItem();
    }

    private void ExitLocked(PoolWorker worker)
    {
        _threads--;
        _workers.Remove(worker);
        _retiredTaken += worker.Taken;
        _retiredCompleted += worker.Completed;
        _retiredFaulted += worker.Faulted;
        _retiredCanceled += worker.Canceled;
        _retiredBusyTicks += worker.BusyTicks;

        // Disposal joins every thread the pool started, including those that left on their keep-alive a moment
        // ago and may still be finishing; threads already dead are dropped, so the list stays short.
        _threadsToJoin.RemoveAll(static thread => !thread.IsAlive);
        _threadsToJoin.Add(worker.Thread);
        SignalIfAllExitedLocked();
    }
}
