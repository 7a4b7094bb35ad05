using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;

namespace Blitz.Runtime.Tests;

/// <summary>These tests block or observe the whole .NET ThreadPool, so nothing runs beside them.</summary>
[Collection(nameof(AllocationCollection))]
public class StallMonitorTests
{
    [Fact]
    public async Task Blocking_every_thread_pool_thread_is_reported_as_a_stall()
    {
        var stalls = new List<StallEventArgs>();
        var runtime = TestSupport.NewRuntime(o => { o.StallThreshold = TimeSpan.FromMilliseconds(100); o.StallProbeInterval = TimeSpan.FromMilliseconds(20); });
        runtime.StallDetected += (sender, e) =>
        {
            Assert.Same(runtime, sender);
            lock (stalls)
            {
                stalls.Add(e);
            }
        };

        var histogram = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Blitz" && instrument.Name == "blitz.threadpool.stalls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (histogram) { histogram.Add(value); } });
        listener.Start();

        using var events = new StallEventListener();

        TestSupport.BlockThreadPoolUntil(() => { lock (stalls) { return stalls.Count > 0; } });
        await runtime.DisposeAsync();

        StallEventArgs stall;
        lock (stalls)
        {
            stall = stalls[0];
        }

        Assert.True(stall.Delay >= TimeSpan.FromMilliseconds(100), $"delay {stall.Delay}");
        Assert.True(stall.ThreadPoolThreads > 0);
        lock (histogram)
        {
            Assert.Contains(histogram, seconds => seconds >= 0.1);
        }

        Assert.True(events.Stalls > 0, "the Blitz event source reports the stall");
    }

    [Fact]
    public async Task An_idle_thread_pool_reports_no_stall()
    {
        int stalls = 0;
        var runtime = TestSupport.NewRuntime(o => { o.StallThreshold = TimeSpan.FromSeconds(2); o.StallProbeInterval = TimeSpan.FromMilliseconds(10); });
        runtime.StallDetected += (_, _) => Interlocked.Increment(ref stalls);
        await Task.Delay(1_000);
        await runtime.DisposeAsync();
        Assert.Equal(0, stalls);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_monitor()
    {
        int calls = 0;
        string prefix = TestSupport.UniquePrefix();
        var runtime = TestSupport.NewRuntime(o => { o.ThreadNamePrefix = prefix; o.StallThreshold = TimeSpan.FromMilliseconds(50); o.StallProbeInterval = TimeSpan.FromMilliseconds(10); });
        runtime.StallDetected += (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("handler bug");
        };

        TestSupport.BlockThreadPoolUntil(() => Volatile.Read(ref calls) > 0);

        // An exception escaping the monitor's thread would have ended this process; the thread is still there.
        Assert.Equal(1, TestSupport.CountOsThreadsNamed(prefix + "-stall"));
        await runtime.DisposeAsync();
    }

    private sealed class StallEventListener : EventListener
    {
        private int _stalls;

        public int Stalls => Volatile.Read(ref _stalls);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Blitz")
            {
                EnableEvents(eventSource, EventLevel.Warning);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "ThreadPoolStall")
            {
                Interlocked.Increment(ref _stalls);
            }
        }
    }
}
