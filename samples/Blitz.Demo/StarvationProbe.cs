using System.Diagnostics;

namespace Blitz.Demo;

/// <summary>
/// Measures how starved the .NET ThreadPool is: a dedicated thread (never a pool thread, so starvation cannot delay
/// the probe itself) queues an ordinary ThreadPool work item every interval and each item records how late it
/// started. That lateness is what every await continuation in the process suffers. A <c>Task.Delay</c> heartbeat
/// would under-report it, because timer callbacks run at high priority.
/// </summary>
internal sealed class StarvationProbe
{
    private readonly ProbeItem[] _items;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private int _queued;
    private int _peakThreadPoolThreads;

    /// <param name="interval">How often a work item is queued.</param>
    /// <param name="duration">The longest the probe will run; its work items are allocated up front, so the probe
    /// allocates nothing while it measures and does not distort the allocation figure.</param>
    public StarvationProbe(TimeSpan interval, TimeSpan duration)
    {
        _interval = interval;
        _items = new ProbeItem[(int)(duration / interval) + 1];
        for (int i = 0; i < _items.Length; i++)
        {
            _items[i] = new ProbeItem();
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "starvation-probe" };
    }

    /// <summary>The most ThreadPool threads seen while the probe ran.</summary>
    public int PeakThreadPoolThreads => Volatile.Read(ref _peakThreadPoolThreads);

    public void Start() => _thread.Start();

    /// <summary>Stops queuing work items; those already queued still record when they start.</summary>
    public void Stop()
    {
        _stop.Set();
        _thread.Join();
    }

    /// <summary>Waits until every queued work item has started, or the timeout passes.</summary>
    public bool WaitForQueuedItems(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (CountPending() == 0)
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return CountPending() == 0;
    }

    /// <summary>
    /// Summarizes the delays. A work item that never started counts with the time it has waited so far, a lower
    /// bound, so a starved pool is never reported as healthier than it was.
    /// </summary>
    public Durations Summarize()
    {
        long now = Stopwatch.GetTimestamp();
        int queued = Volatile.Read(ref _queued);
        var delaysMs = new double[queued];
        int pending = 0;
        for (int i = 0; i < queued; i++)
        {
            long started = Volatile.Read(ref _items[i].StartedAt);
            if (started == 0)
            {
                pending++;
                started = now;
            }

            delaysMs[i] = Stopwatch.GetElapsedTime(_items[i].QueuedAt, started).TotalMilliseconds;
        }

        return Durations.From(delaysMs, pending);
    }

    private int CountPending()
    {
        int queued = Volatile.Read(ref _queued);
        int pending = 0;
        for (int i = 0; i < queued; i++)
        {
            if (Volatile.Read(ref _items[i].StartedAt) == 0)
            {
                pending++;
            }
        }

        return pending;
    }

    private void Run()
    {
        long next = Stopwatch.GetTimestamp();
        long intervalTicks = (long)(_interval.TotalSeconds * Stopwatch.Frequency);
        while (_queued < _items.Length)
        {
            _peakThreadPoolThreads = Math.Max(_peakThreadPoolThreads, ThreadPool.ThreadCount);

            var item = _items[_queued];
            item.QueuedAt = Stopwatch.GetTimestamp();
            // Publish QueuedAt before the count that makes the item visible to Summarize.
            Volatile.Write(ref _queued, _queued + 1);
            ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);

            // A fixed schedule, not "sleep an interval": a late wake-up does not stretch the next interval.
            next = Math.Max(next + intervalTicks, Stopwatch.GetTimestamp());
            var untilNext = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (_stop.Wait(untilNext > TimeSpan.Zero ? untilNext : TimeSpan.Zero))
            {
                break;
            }
        }

        _peakThreadPoolThreads = Math.Max(_peakThreadPoolThreads, ThreadPool.ThreadCount);
    }

    /// <summary>One probe: queued by the probe thread, stamped by the ThreadPool thread that runs it.</summary>
    private sealed class ProbeItem : IThreadPoolWorkItem
    {
        public long QueuedAt;
        public long StartedAt;

        public void Execute() => Volatile.Write(ref StartedAt, Stopwatch.GetTimestamp());
    }
}
