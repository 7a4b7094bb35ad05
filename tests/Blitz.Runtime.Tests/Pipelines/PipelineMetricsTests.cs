using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

public class PipelineMetricsTests
{
    [Fact]
    public async Task Per_stage_and_per_worker_counters_are_published_on_the_blitz_meter()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>();
        await using Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader, name: "metered")
            .ThenBlocking("io", static (x, _) => x, new StageOptions { DegreeOfParallelism = 2 })
            .ThenCpu("cpu", static (x, _) => x % 10 == 0 ? throw new InvalidDataException() : x, new StageOptions { ErrorPolicy = StageErrorPolicy.DeadLetter })
            .Build();

        for (int i = 0; i < 50; i++)
        {
            source.Writer.TryWrite(i);
        }

        for (int i = 0; i < 45; i++)
        {
            await pipeline.Output.ReadAsync();
        }

        TestSupport.Eventually(() => pipeline.GetMetrics().Stages[1].DeadLetters == 5, "every failure was dead-lettered");

        var values = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == runtime.Meter && instrument.Name.StartsWith("blitz.pipeline.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };

        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var tagged = tags.ToArray().ToDictionary(static t => t.Key, static t => t.Value);
            Assert.Equal("metered", tagged["blitz.pipeline"]);
            values.AddOrUpdate($"{instrument.Name}/{tagged["blitz.stage"]}", value, (_, sum) => sum + value);
            if (tagged.TryGetValue("blitz.worker", out object? worker))
            {
                values.AddOrUpdate($"{instrument.Name}/{tagged["blitz.stage"]}/{worker}", value, (_, sum) => sum + value);
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(50, values["blitz.pipeline.items_in/io"]);
        Assert.Equal(50, values["blitz.pipeline.items_in/io/0"] + values["blitz.pipeline.items_in/io/1"]);
        Assert.Equal(45, values["blitz.pipeline.items_out/cpu"]);
        Assert.Equal(5, values["blitz.pipeline.failures/cpu"]);
        Assert.Equal(5, values["blitz.pipeline.dead_letters/cpu"]);
        Assert.Equal(0, values["blitz.pipeline.queue_depth/io"]);
        Assert.True(values["blitz.pipeline.busy_time/io"] > 0);

        StageMetrics cpu = pipeline.GetMetrics().Stages[1];
        Assert.Equal(("cpu", StageKind.Cpu, 50L, 45L, 5L), (cpu.Name, cpu.Kind, cpu.ItemsIn, cpu.ItemsOut, cpu.Failures));
    }
}
