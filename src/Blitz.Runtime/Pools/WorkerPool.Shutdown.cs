using System.Diagnostics;

namespace Blitz;

internal sealed partial class WorkerPool
{
    private TaskCompletionSource? _allThreadsExited;

    /// <summary>Stops accepting work and, for <see cref="ShutdownMode.CancelQueued"/>, cancels every queued item.</summary>
    public void BeginShutdown()
    {
        lock (_threadLock)
        {
            if (_allThreadsExited is not null)
            {
                return;
            }

            _allThreadsExited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopping = true;
            Interlocked.MemoryBarrier();
            while (PopSleeperLocked() is { } sleeper)
            {
                sleeper.Signal.Set();
            }
        }

        List<WorkItem>? canceled = _shutdownMode == ShutdownMode.CancelQueued ? CancelEverythingQueued() : null;
        lock (_threadLock)
        {
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

    private List<WorkItem> CancelEverythingQueued()
    {
        List<WorkItem> canceled = [];
        lock (_roomLock)
        {
            while (_waitingForRoom.Dequeue() is { } item)
            {
                item.TryMove(item.Ticket, WorkItemState.Canceled);
                Interlocked.Decrement(ref _waiting);
                canceled.Add(item);
            }
        }

        foreach (var lane in (ReadOnlySpan<System.Collections.Concurrent.ConcurrentQueue<QueuedWork>>)[_high, _normal])
        {
            while (lane.TryDequeue(out QueuedWork entry))
            {
                if (entry.Item.TryMove(entry.Ticket, WorkItemState.Canceled))
                {
                    Interlocked.Increment(ref _counters.Released);
                    canceled.Add(entry.Item);
                }
            }
        }

        Interlocked.Add(ref _canceledBeforeStart, canceled.Count);
        return canceled;
    }

    private void SignalIfAllExitedLocked()
    {
        // Work a submitter reserved just before shutdown began still gets a thread, which signals when it leaves.
        if (_stopping && _threads == 0 && _counters.Queued == 0 && Volatile.Read(ref _waiting) == 0)
        {
            _growth?.Stop();
            _allThreadsExited!.TrySetResult();
        }
    }

    /// <summary>Completes when every thread of the pool has exited and been joined.</summary>
    public async Task WaitForThreadsAsync()
    {
        Task exited;
        lock (_threadLock)
        {
            exited = _allThreadsExited?.Task ?? throw new InvalidOperationException("The pool is not shutting down.");
        }

        await exited.ConfigureAwait(false);
        Thread[] threads;
        lock (_threadLock)
        {
            threads = [.. _threadsToJoin];
            _threadsToJoin.Clear();
        }

        foreach (Thread thread in threads)
        {
            // The thread has left its loop; Join waits out its last instructions so none outlives disposal.
            thread.Join();
        }

        _growth?.Join();
    }

    /// <summary>Takes a snapshot of the pool's counters.</summary>
    public PoolMetrics GetMetrics()
    {
        lock (_threadLock)
        {
            long taken = _retiredTaken, completed = _retiredCompleted, faulted = _retiredFaulted, busy = _retiredBusyTicks;
            long canceledBeforeStart = Volatile.Read(ref _canceledBeforeStart);
            long canceled = _retiredCanceled + canceledBeforeStart;
            int running = 0;
            foreach (PoolWorker worker in _workers)
            {
                taken += worker.Taken;
                completed += worker.Completed;
                faulted += worker.Faulted;
                canceled += worker.Canceled;
                busy += worker.BusyTicks;
                running += worker.IsRunning ? 1 : 0;
            }

            int queueLength = (int)Math.Max(0, _counters.Queued) + Volatile.Read(ref _waiting);
            return new PoolMetrics(
                taken + canceledBeforeStart + queueLength, completed, faulted, canceled, Volatile.Read(ref _rejected),
                queueLength, _threads, Math.Max(0, _threads - running), _peakThreads,
                Stopwatch.GetElapsedTime(0, busy));
        }
    }
}
