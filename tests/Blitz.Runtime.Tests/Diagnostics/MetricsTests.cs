using System.Diagnostics.Metrics;

namespace Blitz.Runtime.Tests;

public class MetricsTests
{
    [Fact]
    public async Task Counters_are_exact_per_pool()
    {
        await using var runtime = TestSupport.NewRuntime();
        for (int i = 0; i < 10; i++)
        {
            await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, 1));
        }

        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<FormatException>(async () => await runtime.SpawnCpu(i, static (_, _) => int.Parse("x")));
        }

        var metrics = runtime.GetMetrics();
        Assert.Equal((10L, 10L, 0L), (metrics.Blocking.Submitted, metrics.Blocking.Completed, metrics.Blocking.Faulted));
        Assert.Equal((4L, 0L, 4L), (metrics.Cpu.Submitted, metrics.Cpu.Completed, metrics.Cpu.Faulted));
        Assert.True(metrics.Blocking.BusyTime > TimeSpan.Zero);
        Assert.True(metrics.Blocking.Threads >= 1 && metrics.Blocking.IdleThreads <= metrics.Blocking.Threads);
    }

    [Fact]
    public async Task The_blitz_meter_publishes_counters_gauges_and_histograms()
    {
        // A name of its own: other tests' runtimes in this process publish on the same meter.
        const string Name = "metrics-publish-test";
        await using var runtime = TestSupport.NewRuntime(o => o.Name = Name);
        var measurements = new List<(string Name, double Value, string? Pool)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Blitz")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? pool = null;
            string? owner = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "blitz.pool")
                {
                    pool = (string?)tag.Value;
                }
                else if (tag.Key == "blitz.runtime")
                {
                    owner = (string?)tag.Value;
                }
            }

            if (owner == Name)
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, value, pool));
                }
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        for (int i = 0; i < 5; i++)
        {
            await runtime.SpawnBlocking<AddWork, int>(new AddWork(i, 1));
        }

        int Count(string instrument)
        {
            lock (measurements)
            {
                return measurements.Count(m => m.Name == instrument && m.Pool == "blocking");
            }
        }

        // A pool thread records an item's execution time after completing it, so the await can return first.
        TestSupport.Eventually(() => Count("blitz.pool.execution_time") == 5, "the fifth execution time is recorded");
        Assert.Equal((5, 5), (Count("blitz.pool.execution_time"), Count("blitz.pool.queue_wait")));

        listener.RecordObservableInstruments();
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Name == "blitz.pool.completed" && m.Pool == "blocking" && m.Value == 5);
            Assert.Contains(measurements, m => m.Name == "blitz.pool.submitted" && m.Pool == "cpu" && m.Value == 0);
            Assert.Contains(measurements, m => m.Name == "blitz.pool.threads" && m.Pool == "blocking");
            Assert.Contains(measurements, m => m.Name == "blitz.pool.queue_length" && m.Pool == "blocking" && m.Value == 0);
            Assert.Contains(measurements, m => m.Name == "blitz.dedicated.threads");
        }
    }
}
