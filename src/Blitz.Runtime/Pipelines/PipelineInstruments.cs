using System.Diagnostics.Metrics;

namespace Blitz;

/// <summary>
/// The pipeline instruments of one runtime's <c>Blitz</c> meter, created once. They are observable: a listener's
/// collection reads the workers' own counters, so a pipeline records nothing per item for them. Per-worker series
/// carry the tags <c>blitz.runtime</c>, <c>blitz.pipeline</c>, <c>blitz.stage</c> and <c>blitz.worker</c>; sum over
/// <c>blitz.worker</c> for a stage.
/// </summary>
internal sealed class PipelineInstruments
{
    public const string PipelineTag = "blitz.pipeline";
    public const string StageTag = "blitz.stage";
    public const string WorkerTag = "blitz.worker";

    private readonly Lock _lock = new();
    private readonly List<PipelineRun> _running = [];
    private readonly KeyValuePair<string, object?> _runtimeTag;

    public PipelineInstruments(Meter meter, KeyValuePair<string, object?> runtimeTag)
    {
        _runtimeTag = runtimeTag;
        meter.CreateObservableCounter("blitz.pipeline.items_in", () => PerWorker(static w => w.ItemsIn), "{item}", "Items a pipeline stage's worker took from its input queue.");
        meter.CreateObservableCounter("blitz.pipeline.items_out", () => PerWorker(static w => w.ItemsOut), "{item}", "Results a pipeline stage's worker emitted.");
        meter.CreateObservableCounter("blitz.pipeline.failures", () => PerWorker(static w => w.Failures), "{item}", "Items whose work still threw after their retries.");
        meter.CreateObservableCounter("blitz.pipeline.busy_time", () => PerWorker(static w => w.BusyTime.TotalSeconds), "s", "Time a pipeline stage's worker was not waiting for input.");
        meter.CreateObservableCounter("blitz.pipeline.dead_letters", () => PerStage(static s => s.DeadLetters), "{item}", "Failed items a pipeline stage sent to the dead-letter channel.");
        meter.CreateObservableCounter("blitz.pipeline.dropped", () => PerStage(static s => s.Dropped), "{item}", "Items a pipeline stage discarded because the pipeline stopped.");
        meter.CreateObservableGauge("blitz.pipeline.queue_depth", () => PerStage(static s => (long)s.QueueDepth), "{item}", "Items waiting in a pipeline stage's input queue.");
    }

    /// <summary>Publishes a pipeline's counters until it completes.</summary>
    public void Track(PipelineRun run)
    {
        lock (_lock)
        {
            _running.Add(run);
        }

        _ = UntrackWhenCompletedAsync(run);
    }

    /// <summary>Stops publishing a pipeline's counters once it completed, however it ended.</summary>
    private async Task UntrackWhenCompletedAsync(PipelineRun run)
    {
        await run.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            _running.Remove(run);
        }
    }

    private List<Measurement<T>> PerWorker<T>(Func<StageWorker, T> select)
        where T : struct
    {
        var measurements = new List<Measurement<T>>();
        foreach (PipelineRun run in Snapshot())
        {
            foreach (PipelineStage stage in run.Stages)
            {
                foreach (StageWorker worker in stage.Workers)
                {
                    measurements.Add(new Measurement<T>(
                        select(worker),
                        _runtimeTag,
                        new KeyValuePair<string, object?>(PipelineTag, run.Name),
                        new KeyValuePair<string, object?>(StageTag, stage.Name),
                        new KeyValuePair<string, object?>(WorkerTag, worker.Index)));
                }
            }
        }

        return measurements;
    }

    private List<Measurement<long>> PerStage(Func<StageMetrics, long> select)
    {
        var measurements = new List<Measurement<long>>();
        foreach (PipelineRun run in Snapshot())
        {
            foreach (PipelineStage stage in run.Stages)
            {
                measurements.Add(new Measurement<long>(
                    select(stage.GetMetrics()),
                    _runtimeTag,
                    new KeyValuePair<string, object?>(PipelineTag, run.Name),
                    new KeyValuePair<string, object?>(StageTag, stage.Name)));
            }
        }

        return measurements;
    }

    private PipelineRun[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _running];
        }
    }
}
