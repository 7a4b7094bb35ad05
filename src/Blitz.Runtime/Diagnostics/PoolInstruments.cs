using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Blitz;

/// <summary>
/// The <c>Blitz</c> meter of one runtime. Counts and gauges are observable: they read the pools' own counters when a
/// listener (dotnet-counters, OpenTelemetry) collects, so the hot path records nothing for them. The two histograms
/// record per item only while a listener has enabled them; otherwise a work item takes no timestamp for them.
/// Every measurement carries the runtime's name (<see cref="BlitzMetrics.RuntimeTag"/>), so runtimes in one process
/// publish distinct series.
/// </summary>
internal sealed class PoolInstruments : IDisposable
{
    public const string PoolTag = "blitz.pool";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly KeyValuePair<string, object?> _blockingPool;
    private readonly KeyValuePair<string, object?> _cpuPool;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _execution;

    /// <param name="runtimeName">The runtime's name, tagged on every measurement and on the meter.</param>
    /// <param name="meterFactory">Creates the meter (and owns it); <see langword="null"/> makes this instance create and dispose its own.</param>
    public PoolInstruments(string runtimeName, IMeterFactory? meterFactory)
    {
        RuntimeTag = new KeyValuePair<string, object?>(BlitzMetrics.RuntimeTag, runtimeName);
        _blockingPool = new KeyValuePair<string, object?>(PoolTag, "blocking");
        _cpuPool = new KeyValuePair<string, object?>(PoolTag, "cpu");

        // The meter's own tag keeps two runtimes apart in an IMeterFactory, which hands out one meter per name,
        // version and tags.
        var meterOptions = new MeterOptions(BlitzMetrics.MeterName)
        {
            Version = typeof(PoolInstruments).Assembly.GetName().Version?.ToString(),
            Tags = [RuntimeTag],
        };
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(meterOptions) ?? new Meter(meterOptions);
        _queueWait = _meter.CreateHistogram<double>("blitz.pool.queue_wait", "s", "Time work items waited in a pool's queue before a thread took them.");
        _execution = _meter.CreateHistogram<double>("blitz.pool.execution_time", "s", "Time work items ran on a pool thread.");
    }

    public Meter Meter => _meter;

    /// <summary>The <see cref="BlitzMetrics.RuntimeTag"/> tag with the runtime's name.</summary>
    public KeyValuePair<string, object?> RuntimeTag { get; }

    /// <summary>Registers the observable instruments; <paramref name="snapshot"/> is called only when a listener collects.</summary>
    public void Observe(Func<BlitzMetrics> snapshot)
    {
        _meter.CreateObservableCounter("blitz.pool.submitted", () => PerPool(snapshot, static m => m.Submitted), "{work_item}", "Work items a pool accepted.");
        _meter.CreateObservableCounter("blitz.pool.completed", () => PerPool(snapshot, static m => m.Completed), "{work_item}", "Work items that returned a result.");
        _meter.CreateObservableCounter("blitz.pool.faulted", () => PerPool(snapshot, static m => m.Faulted), "{work_item}", "Work items that threw.");
        _meter.CreateObservableCounter("blitz.pool.canceled", () => PerPool(snapshot, static m => m.Canceled), "{work_item}", "Work items canceled before or while running.");
        _meter.CreateObservableCounter("blitz.pool.rejected", () => PerPool(snapshot, static m => m.Rejected), "{work_item}", "Work items a pool refused (full queue or disposed runtime).");
        _meter.CreateObservableGauge("blitz.pool.queue_length", () => PerPool(snapshot, static m => (long)m.QueueLength), "{work_item}", "Work items waiting for a pool thread.");
        _meter.CreateObservableGauge("blitz.pool.threads", () => PerPool(snapshot, static m => (long)m.Threads), "{thread}", "Threads a pool has.");
        _meter.CreateObservableGauge("blitz.pool.idle_threads", () => PerPool(snapshot, static m => (long)m.IdleThreads), "{thread}", "Pool threads waiting for work.");
        _meter.CreateObservableCounter("blitz.pool.busy_time", () => PerPool(snapshot, static m => m.BusyTime.TotalSeconds), "s", "Time pool threads spent running work.");
        _meter.CreateObservableGauge("blitz.dedicated.threads", () => new Measurement<int>(snapshot().DedicatedThreads, RuntimeTag), "{thread}", "Dedicated threads whose loops are running.");
    }

    private Measurement<T>[] PerPool<T>(Func<BlitzMetrics> snapshot, Func<PoolMetrics, T> select)
        where T : struct
    {
        BlitzMetrics metrics = snapshot();
        return
        [
            new Measurement<T>(select(metrics.Blocking), RuntimeTag, _blockingPool),
            new Measurement<T>(select(metrics.Cpu), RuntimeTag, _cpuPool),
        ];
    }

    public long TimestampIfMeasuringQueueWait() => _queueWait.Enabled ? Stopwatch.GetTimestamp() : 0;

    public long TimestampIfMeasuringExecution() => _execution.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void RecordQueueWait(long enqueuedAt, string pool)
        => _queueWait.Record(Stopwatch.GetElapsedTime(enqueuedAt).TotalSeconds, RuntimeTag, new KeyValuePair<string, object?>(PoolTag, pool));

    public void RecordExecution(long startedAt, string pool)
        => _execution.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, RuntimeTag, new KeyValuePair<string, object?>(PoolTag, pool));

    /// <summary>Disposes the meter if this instance created it; a factory's meter is the factory's to dispose.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
