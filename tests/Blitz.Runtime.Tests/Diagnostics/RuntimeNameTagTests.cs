using System.Diagnostics.Metrics;

namespace Blitz.Runtime.Tests;

/// <summary>Each runtime's name tags its series, and a host's meter factory creates its meter.</summary>
public sealed class RuntimeNameTagTests
{
    [Fact]
    public async Task Two_runtimes_with_different_names_publish_two_distinct_tagged_series()
    {
        string alpha = "alpha-" + TestSupport.UniquePrefix();
        string beta = "beta-" + TestSupport.UniquePrefix();
        await using BlitzRuntime first = TestSupport.NewRuntime(o => o.Name = alpha);
        await using BlitzRuntime second = TestSupport.NewRuntime(o => o.Name = beta);
        var completed = new List<(string? Runtime, long Value)>();
        var untagged = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BlitzMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? runtime = TagValue(tags, BlitzMetrics.RuntimeTag);
            lock (completed)
            {
                if (runtime is null)
                {
                    untagged.Add(instrument.Name);
                }
                else if (instrument.Name == "blitz.pool.completed" && TagValue(tags, "blitz.pool") == "blocking")
                {
                    completed.Add((runtime, value));
                }
            }
        });
        listener.Start();

        for (int i = 0; i < 3; i++)
        {
            await first.SpawnBlocking<AddWork, int>(new AddWork(i, 1));
        }

        await second.SpawnBlocking<AddWork, int>(new AddWork(1, 1));
        listener.RecordObservableInstruments();

        lock (completed)
        {
            Assert.Equal(3, Assert.Single(completed, c => c.Runtime == alpha).Value);
            Assert.Equal(1, Assert.Single(completed, c => c.Runtime == beta).Value);
            Assert.Empty(untagged);
        }
    }

    [Fact]
    public async Task The_meter_comes_from_the_meter_factory_when_one_is_given_and_carries_the_name()
    {
        using var factory = new RecordingMeterFactory();
        string name = "factory-" + TestSupport.UniquePrefix();
        var runtime = TestSupport.NewRuntime(o => { o.Name = name; o.MeterFactory = factory; });

        Meter meter = Assert.Single(factory.Created);
        Assert.Same(meter, runtime.Meter);
        Assert.Equal(BlitzMetrics.MeterName, meter.Name);
        Assert.Contains(new KeyValuePair<string, object?>(BlitzMetrics.RuntimeTag, name), meter.Tags!);

        await runtime.DisposeAsync();
        // The factory owns its meters: the runtime leaves this one to it, so its instruments are still published.
        Assert.Contains(meter, factory.Created);
        Assert.True(IsPublished(meter));
    }

    [Fact]
    public void The_default_name_is_default()
        => Assert.Equal("default", new BlitzOptions().Name);

    private static bool IsPublished(Meter meter)
    {
        bool published = false;
        using var listener = new MeterListener { InstrumentPublished = (instrument, _) => published |= instrument.Meter == meter };
        listener.Start();
        return published;
    }

    private static string? TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    /// <summary>A meter factory that keeps what it created and disposes it, as a host's factory does.</summary>
    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (Meter meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
