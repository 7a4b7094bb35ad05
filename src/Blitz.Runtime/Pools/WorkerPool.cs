using System.Diagnostics;

namespace Blitz;

/// <summary>What <see cref="WorkerPool.Submit"/> did with a work item.</summary>
internal enum SubmitResult : byte
{
    /// <summary>Queued (or held until the queue has room); it will complete exactly once.</summary>
    Accepted,

    /// <summary>Its token fired before it was queued; the caller completes it as canceled.</summary>
    CanceledOnArrival,

    /// <summary>The queue is full and the caller asked not to wait; the caller discards the item.</summary>
    Full,

    /// <summary>The pool is shutting down; the caller discards the item.</summary>
    ShutDown,
}

/// <summary>
/// A pool of Blitz threads with one FIFO queue: the blocking pool (bucket 3: up to 512 threads started on demand,
/// idle ones exit after a keep-alive, bounded queue) and the CPU pool (bucket 5: processor-count threads kept for
/// life, unbounded queue) are two instances. Its threads never belong to the .NET ThreadPool.
/// </summary>
/// <remarks>
/// One lock guards the queues and every count. Threads are woken (or started, when none sleeps) as a chain: a
/// submitter wakes one thread only when no thread is already on its way, and each thread that takes an item wakes
/// the next if work remains. A burst therefore ramps up one wake-up at a time instead of waking every sleeper at
/// once, while a blocking item still never waits behind another that blocks. An idle thread first spins briefly
/// (one at a time, on multi-core machines) so back-to-back work does not pay for a kernel wake-up, then sleeps on
/// its own event with the keep-alive as its timeout, and exits when the keep-alive expires.
/// </remarks>
internal sealed class WorkerPool
{
    // About 10-30 µs of spinning before sleeping: long enough to catch the next item of a request/response loop.
    private const int SpinRounds = 64;
    private const int SpinIterationsPerRound = 20;

    private static readonly ParameterizedThreadStart s_threadStart = static state => ((WorkerPool.StartArguments)state!).Run();

    // ---- configuration ----
    private readonly string _kind;
    private readonly string _threadNamePrefix;
    private readonly int _maxThreads;
    private readonly int _keepAliveMilliseconds;
    private readonly int _capacity;
    private readonly ShutdownMode _shutdownMode;
    private readonly int _maxSpinners;
    private readonly PoolInstruments _instruments;

    // ---- state, guarded by _lock ----
    private readonly object _lock = new();
    private readonly ReadyQueue _ready = new();
    private readonly WorkQueue _waitingForRoom = new();
    private readonly List<PoolWorker> _workers = [];
    private readonly List<Thread> _threadsToJoin = [];
    private readonly IdleWorkerStack _sleepers = new();
    private int _threads;
    private int _idle;
    private int _spinning;
    private int _coming;
    private int _peakThreads;
    private int _nextThreadNumber;
    private bool _shuttingDown;
    private long _submitted;
    private long _rejected;
    private long _canceledBeforeStart;
    private long _retiredCompleted;
    private long _retiredFaulted;
    private long _retiredCanceled;
    private long _retiredBusyTicks;
    private TaskCompletionSource? _allThreadsExited;

    // Read without the lock by spinning threads.
    private volatile int _readyCount;
    private volatile bool _stopping;

    public WorkerPool(string kind, string threadNamePrefix, int maxThreads, TimeSpan keepAlive, int? capacity, ShutdownMode shutdownMode, PoolInstruments instruments)
    {
        _kind = kind;
        _threadNamePrefix = threadNamePrefix;
        _maxThreads = maxThreads;
        _keepAliveMilliseconds = keepAlive == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(int.MaxValue, keepAlive.TotalMilliseconds);
        _capacity = capacity ?? int.MaxValue;
        _shutdownMode = shutdownMode;
        _maxSpinners = Environment.ProcessorCount > 1 ? 1 : 0;
        _instruments = instruments;
    }

    public string Kind => _kind;

    // ---------------------------------------------------------------------------------------------------------
    // Submit: queue the item, wake an idle thread or start a new one.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Queues a work item.</summary>
    /// <param name="item">The item, in state <see cref="WorkItemState.Created"/> or <see cref="WorkItemState.CanceledOnArrival"/>.</param>
    /// <param name="waitForRoom">When the queue is full: <see langword="true"/> holds the item until there is room; <see langword="false"/> refuses it.</param>
    public SubmitResult Submit(WorkItem item, bool waitForRoom)
    {
        bool startThread;
        lock (_lock)
        {
            if (_shuttingDown)
            {
                _rejected++;
                return SubmitResult.ShutDown;
            }

            if (item.State == WorkItemState.CanceledOnArrival)
            {
                _submitted++;
                _canceledBeforeStart++;
                return SubmitResult.CanceledOnArrival;
            }

            if (_ready.Count >= _capacity)
            {
                if (!waitForRoom)
                {
                    _rejected++;
                    return SubmitResult.Full;
                }

                _submitted++;
                item.State = WorkItemState.WaitingForRoom;
                item.EnqueuedAt = _instruments.TimestampIfMeasuringQueueWait();
                _waitingForRoom.Enqueue(item);
                return SubmitResult.Accepted;
            }

            _submitted++;
            item.State = WorkItemState.Queued;
            item.EnqueuedAt = _instruments.TimestampIfMeasuringQueueWait();
            _ready.Enqueue(item);
            _readyCount = _ready.Count;
            startThread = EnsureThreadComingLocked();
        }

        if (startThread)
        {
            StartThread(item);
        }

        return SubmitResult.Accepted;
    }

    /// <summary>
    /// Makes sure a thread is on its way to the queued work: none is needed when one is spinning or already coming;
    /// otherwise wake the most recently idle sleeper, or reserve a new thread (the caller starts it outside the lock).
    /// </summary>
    /// <returns><see langword="true"/> when the caller must start a thread.</returns>
    private bool EnsureThreadComingLocked()
    {
        if (_ready.Count == 0 || _coming > 0 || _spinning > 0)
        {
            return false;
        }

        if (_sleepers.Pop() is { } sleeper)
        {
            sleeper.Notified = true;
            _coming++;
            sleeper.Signal.Set();
            return false;
        }

        if (_threads < _maxThreads)
        {
            _threads++;
            _coming++;
            _peakThreads = Math.Max(_peakThreads, _threads);
            return true;
        }

        return false;
    }

    private void StartThread(WorkItem? submitted)
    {
        int number = Interlocked.Increment(ref _nextThreadNumber);
        try
        {
            var thread = new Thread(s_threadStart) { IsBackground = true, Name = $"{_threadNamePrefix}-{_kind}-{number}" };
            var worker = new PoolWorker(thread);

            // UnsafeStart: the thread must not inherit the submitter's ExecutionContext; items bring their own.
            thread.UnsafeStart(new StartArguments(this, worker));
        }
        catch (Exception) when (!AbandonThreadStart(submitted))
        {
            // Another thread of the pool runs the work; failing to add one more only slows the ramp-up. When no
            // thread is left, the item was taken back and the exception reaches the submitter instead.
        }
    }

    /// <summary>Undoes a thread reservation; returns true when no thread is left and the submitted item was taken back.</summary>
    private bool AbandonThreadStart(WorkItem? submitted)
    {
        lock (_lock)
        {
            _threads--;
            _coming--;
            if (_threads > 0 || submitted is null || submitted.State != WorkItemState.Queued)
            {
                return false;
            }

            _ready.Remove(submitted);
            _readyCount = _ready.Count;
            _submitted--;
            _rejected++;
            submitted.State = WorkItemState.Created;
            SignalIfAllExitedLocked();
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancel: a token fired for an item that has not started.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Removes a queued item without running it and completes it as canceled; no-op once it runs.</summary>
    public void CancelQueued(WorkItem item, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            switch (item.State)
            {
                case WorkItemState.Created:
                    // Not queued yet: Submit sees the mark and refuses it.
                    item.State = WorkItemState.CanceledOnArrival;
                    return;
                case WorkItemState.Queued:
                    _ready.Remove(item);
                    PromoteWaitingLocked();
                    break;
                case WorkItemState.WaitingForRoom:
                    _waitingForRoom.Remove(item);
                    break;
                default:
                    return;
            }

            item.State = WorkItemState.Canceled;
            _canceledBeforeStart++;
        }

        item.CompleteCanceled(new OperationCanceledException(cancellationToken));
    }

    private void PromoteWaitingLocked()
    {
        if (_waitingForRoom.Count > 0 && _ready.Count < _capacity)
        {
            WorkItem next = _waitingForRoom.Dequeue()!;
            next.State = WorkItemState.Queued;
            _ready.Enqueue(next);
        }

        _readyCount = _ready.Count;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The worker loop: take an item, run it; when there is none, spin, then sleep up to the keep-alive, then exit.
    // ---------------------------------------------------------------------------------------------------------

    private sealed class StartArguments(WorkerPool pool, PoolWorker worker)
    {
        public void Run() => pool.WorkerLoop(worker);
    }

    private void WorkerLoop(PoolWorker worker)
    {
        worker.CleanContext = ExecutionContext.Capture();
        BlitzThread.MarkCurrent();
        lock (_lock)
        {
            _workers.Add(worker);
            _coming--;
        }

        worker.BeginBusy();
        WorkItem? item;
        while ((item = TakeNext(worker)) is not null)
        {
            Execute(item, worker);
        }
    }

    private WorkItem? TakeNext(PoolWorker worker)
    {
        bool spin;
        bool startThread;
        lock (_lock)
        {
            if (TakeLocked(out startThread) is { } next)
            {
                return StartThreadIfNeeded(startThread, next);
            }

            _idle++;
            spin = _spinning < _maxSpinners && !_shuttingDown;
            if (spin)
            {
                _spinning++;
            }
        }

        worker.EndBusy();
        if (spin)
        {
            for (int round = 0; round < SpinRounds && _readyCount == 0 && !_stopping; round++)
            {
                Thread.SpinWait(SpinIterationsPerRound);
            }
        }

        bool keepAliveExpired = false;
        while (true)
        {
            lock (_lock)
            {
                if (spin)
                {
                    _spinning--;
                    spin = false;
                }

                if (worker.Notified)
                {
                    worker.Notified = false;
                    _coming--;
                }
                else if (worker.IsSleeping)
                {
                    // Woke by timeout, nobody chose this thread: take it off the sleepers.
                    _sleepers.Remove(worker);
                }

                if (TakeLocked(out startThread) is { } next)
                {
                    _idle--;
                    worker.BeginBusy();
                    return StartThreadIfNeeded(startThread, next);
                }

                if (_shuttingDown || keepAliveExpired)
                {
                    ExitLocked(worker);
                    return null;
                }

                worker.Signal.Reset();
                _sleepers.Push(worker);
            }

            keepAliveExpired = !worker.Signal.Wait(_keepAliveMilliseconds);
        }
    }

    /// <summary>Takes the next item and, if more remain, passes the wake-up on to another thread.</summary>
    /// <param name="startThread">Set when the chain needs a new thread, which the caller starts outside the lock.</param>
    private WorkItem? TakeLocked(out bool startThread)
    {
        startThread = false;
        WorkItem? item = _ready.Dequeue();
        if (item is null)
        {
            return null;
        }

        item.State = WorkItemState.Running;
        PromoteWaitingLocked();
        if (_ready.Count > 0)
        {
            startThread = EnsureThreadComingLocked();
        }

        return item;
    }

    private WorkItem StartThreadIfNeeded(bool startThread, WorkItem item)
    {
        if (startThread)
        {
            StartThread(null);
        }

        return item;
    }

    private void Execute(WorkItem item, PoolWorker worker)
    {
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
    }

    private void ExitLocked(PoolWorker worker)
    {
        _idle--;
        _threads--;
        _workers.Remove(worker);
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

    private void SignalIfAllExitedLocked()
    {
        if (_shuttingDown && _threads == 0)
        {
            _allThreadsExited!.TrySetResult();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shutdown: refuse new work, drain or cancel what is queued, wait for every thread to exit, join them.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Stops accepting work and, for <see cref="ShutdownMode.CancelQueued"/>, cancels every queued item.</summary>
    public void BeginShutdown()
    {
        List<WorkItem>? canceled = null;
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _stopping = true;
            while (_sleepers.Pop() is { } sleeper)
            {
                sleeper.Notified = true;
                _coming++;
                sleeper.Signal.Set();
            }

            _allThreadsExited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_shutdownMode == ShutdownMode.CancelQueued)
            {
                canceled = [];
                while ((_waitingForRoom.Dequeue() ?? _ready.Dequeue()) is { } item)
                {
                    item.State = WorkItemState.Canceled;
                    _canceledBeforeStart++;
                    canceled.Add(item);
                }

                _readyCount = 0;
            }

            SignalIfAllExitedLocked();
        }

        if (canceled is not null)
        {
            foreach (WorkItem item in canceled)
            {
                item.ReleaseCancellation();
                item.CompleteCanceled(new OperationCanceledException("The Blitz runtime was disposed before this work item started (ShutdownMode.CancelQueued)."));
            }
        }
    }

    /// <summary>Completes when every thread of the pool has exited and been joined.</summary>
    public async Task WaitForThreadsAsync()
    {
        Task exited;
        lock (_lock)
        {
            exited = _allThreadsExited?.Task ?? throw new InvalidOperationException("The pool is not shutting down.");
        }

        await exited.ConfigureAwait(false);
        Thread[] threads;
        lock (_lock)
        {
            threads = [.. _threadsToJoin];
            _threadsToJoin.Clear();
        }

        foreach (Thread thread in threads)
        {
            // The thread has left its loop; Join waits out its last instructions so none outlives disposal.
            thread.Join();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Metrics
    // ---------------------------------------------------------------------------------------------------------

    public PoolMetrics GetMetrics()
    {
        lock (_lock)
        {
            long completed = _retiredCompleted, faulted = _retiredFaulted, canceled = _retiredCanceled + _canceledBeforeStart, busy = _retiredBusyTicks;
            foreach (PoolWorker worker in _workers)
            {
                completed += worker.Completed;
                faulted += worker.Faulted;
                canceled += worker.Canceled;
                busy += worker.BusyTicks;
            }

            return new PoolMetrics(
                _submitted, completed, faulted, canceled, _rejected,
                _ready.Count + _waitingForRoom.Count, _threads, _idle, _peakThreads,
                Stopwatch.GetElapsedTime(0, busy));
        }
    }

    /// <summary>Counts a spawn refused because the runtime is disposed before the item reached the pool.</summary>
    public void CountRejected()
    {
        lock (_lock)
        {
            _rejected++;
        }
    }
}
