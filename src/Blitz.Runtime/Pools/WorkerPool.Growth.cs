using System.Diagnostics;

namespace Blitz;

internal sealed partial class WorkerPool
{
    /// <summary>How long a thread must stay inside one item before the blocking pool counts it as blocked.</summary>
    public static readonly TimeSpan BlockedAfter = TimeSpan.FromMilliseconds(1);

    // Only the blocking pool has one: it starts threads beyond the processor count only for work that would
    // otherwise wait behind blocked threads.
    private readonly GrowthCheck? _growth;

    /// <summary>
    /// The blocking pool's growth rule, run by its growth check: when work is queued, no thread is idle, and no
    /// running thread has finished an item since the last check at least <see cref="BlockedAfter"/> ago, every
    /// thread is blocked, so start one thread per queued item, up to the cap. Trivial work keeps finishing items and
    /// never grows the pool past the processor count; blocking work grows it within about a millisecond.
    /// </summary>
    private void GrowIfBlocked()
    {
        int start;
        lock (_threadLock)
        {
            bool progress = false;
            int running = 0;
            foreach (PoolWorker worker in _workers)
            {
                long taken = worker.Taken;
                if (worker.IsRunning)
                {
                    running++;
                    progress |= taken != worker.TakenAtLastCheck;
                }

                worker.TakenAtLastCheck = taken;
            }

            int queued = (int)Math.Min(int.MaxValue, _counters.Queued);
            bool allBlocked = !progress && running == _threads && Volatile.Read(ref _counters.Searching) == 0;
            start = allBlocked ? Math.Min(queued, _maxThreads - _threads) : 0;
            if (start <= 0)
            {
                return;
            }

            ReserveThreadsLocked(start);
        }

        try
        {
            StartThreads(start);
        }
        catch (Exception)
        {
            // Out of threads or memory: the work waits for the threads the pool has; the next check tries again.
        }
    }

    /// <summary>The thread that applies <see cref="GrowIfBlocked"/> while work is queued; it sleeps while none is.</summary>
    private sealed class GrowthCheck(WorkerPool pool)
    {
        private static readonly long s_blockedAfterTicks = (long)(BlockedAfter.TotalSeconds * Stopwatch.Frequency);

        private readonly ManualResetEventSlim _signal = new(initialState: false, spinCount: 0);
        private readonly Lock _threadStart = new();
        private Thread? _thread;
        private int _resting = 1;
        private volatile bool _stopped;
        private long _lastCheckAt;

        /// <summary>Called when queued work found every thread busy: wakes the check if it rests.</summary>
        public void Nudge()
        {
            if (Volatile.Read(ref _resting) != 0 && Interlocked.Exchange(ref _resting, 0) != 0)
            {
                if (_thread is null)
                {
                    lock (_threadStart)
                    {
                        if (_thread is null && !_stopped)
                        {
                            _thread = new Thread(Run) { IsBackground = true, Name = $"{pool._threadNamePrefix}-{pool._kind}-growth" };
                            _thread.UnsafeStart();
                        }
                    }
                }

                _signal.Set();
            }
        }

        public void Stop()
        {
            _stopped = true;
            _signal.Set();
        }

        public void Join()
        {
            Thread? thread;
            lock (_threadStart)
            {
                thread = _thread;
            }

            thread?.Join();
        }

        private void Run()
        {
            while (!_stopped)
            {
                if (pool._counters.Queued == 0)
                {
                    Rest();
                    continue;
                }

                long wait = _lastCheckAt + s_blockedAfterTicks - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    // Whole milliseconds, at least one: a zero timeout would turn the wait into a busy loop.
                    _signal.Wait((int)Math.Max(1, (wait * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
                    _signal.Reset();
                    continue;
                }

                _lastCheckAt = Stopwatch.GetTimestamp();
                pool.GrowIfBlocked();
            }
        }

        private void Rest()
        {
            _signal.Reset();

            // A full fence, then a last look: a submitter reserves its place before it reads _resting.
            Interlocked.Exchange(ref _resting, 1);
            if (pool._counters.Queued == 0 && !_stopped)
            {
                _signal.Wait();
            }

            Interlocked.Exchange(ref _resting, 0);
        }
    }
}
