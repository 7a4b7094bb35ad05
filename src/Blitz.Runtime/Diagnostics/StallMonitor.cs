using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Blitz;

/// <summary>
/// Watches the .NET ThreadPool from a thread of its own: it queues a probe work item, measures how late the probe
/// starts, and reports a stall when the delay reaches the threshold. One probe is in flight at a time and it is
/// reused, so an idle process pays one probe per interval and no allocation.
/// </summary>
internal sealed class StallMonitor : IThreadPoolWorkItem
{
    private readonly TimeSpan _threshold;
    private readonly int _intervalMilliseconds;
    private readonly Action<StallEventArgs> _report;
    private readonly Histogram<double> _stalls;
    private readonly KeyValuePair<string, object?> _runtimeTag;
    private readonly ManualResetEventSlim _probeRan = new(initialState: false, spinCount: 0);
    private readonly ManualResetEventSlim _stop = new(initialState: false, spinCount: 0);
    private readonly Thread _thread;
    private long _queuedAt;
    private long _startedAt;

    public StallMonitor(string threadNamePrefix, TimeSpan threshold, TimeSpan interval, Meter meter, KeyValuePair<string, object?> runtimeTag, Action<StallEventArgs> report)
    {
        _runtimeTag = runtimeTag;
        _threshold = threshold;
        _intervalMilliseconds = (int)Math.Clamp(interval.TotalMilliseconds, 1, int.MaxValue);
        _report = report;
        _stalls = meter.CreateHistogram<double>("blitz.threadpool.stalls", "s", "How late a probe queued to the .NET ThreadPool started, for each probe later than the stall threshold.");
        _thread = new Thread(static state => ((StallMonitor)state!).Run()) { IsBackground = true, Name = $"{threadNamePrefix}-stall-monitor" };
        _thread.UnsafeStart(this);
    }

    private void Run()
    {
        BlitzThread.MarkCurrent();
        while (!_stop.IsSet)
        {
            _probeRan.Reset();
            Volatile.Write(ref _queuedAt, Stopwatch.GetTimestamp());
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

            // Wait for the probe however long the stall lasts, checking for shutdown now and then.
            while (!_probeRan.Wait(_intervalMilliseconds))
            {
                if (_stop.IsSet)
                {
                    return;
                }
            }

            TimeSpan delay = Stopwatch.GetElapsedTime(Volatile.Read(ref _queuedAt), Volatile.Read(ref _startedAt));
            if (delay >= _threshold)
            {
                Report(delay);
            }

            _stop.Wait(_intervalMilliseconds);
        }
    }

    /// <summary>The probe itself: runs on a ThreadPool thread and notes when it started.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        _probeRan.Set();
    }

    private void Report(TimeSpan delay)
    {
        int threads = ThreadPool.ThreadCount;
        long pending = ThreadPool.PendingWorkItemCount;
        _stalls.Record(delay.TotalSeconds, _runtimeTag);
        BlitzEventSource.Log.ThreadPoolStall(delay.TotalMilliseconds, threads, pending);
        try
        {
            _report(new StallEventArgs(delay, threads, pending));
        }
        catch (Exception exception)
        {
            // A handler's bug must not stop the monitor; it is reported where operators look.
            BlitzEventSource.Log.StallHandlerFailed(exception.ToString());
        }
    }

    /// <summary>Asks the monitor to stop; it notices within one probe interval.</summary>
    public void RequestStop() => _stop.Set();

    /// <summary>Waits for the monitor's thread to exit.</summary>
    public void Join() => _thread.Join();
}
