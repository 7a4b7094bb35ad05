using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// A running pipeline: read its results from <see cref="Output"/>, its given-up items from <see cref="DeadLetters"/>,
/// and await <see cref="Completion"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Completion.</b> When the source ends, each stage finishes the items it holds, drains its queue, and completes
/// the next stage's queue; <see cref="Output"/> completes last. No item is lost and no reader is left waiting.
/// </para>
/// <para>
/// <b>Exactly once.</b> Every item read from the source ends in exactly one place: <see cref="Output"/> (as a
/// result), <see cref="DeadLetters"/>, or dropped because the pipeline stopped (counted in
/// <see cref="PipelineMetrics.Dropped"/>; the item whose failure stopped the pipeline is counted in
/// <see cref="StageMetrics.Failures"/>).
/// </para>
/// <para>
/// <b>Stopping.</b> On cancellation, or when an item fails a stage whose policy is
/// <see cref="StageErrorPolicy.FailPipeline"/>, the source is no longer read; work already running sees the
/// pipeline's stop token and finishes (nothing is interrupted), but its result is dropped; queued items are dropped
/// without running. Results already in <see cref="Output"/> stay readable; then <see cref="Output"/> completes with
/// the failure (or an <see cref="OperationCanceledException"/>), and <see cref="Completion"/> faults with the first
/// failure (or is canceled).
/// </para>
/// </remarks>
/// <typeparam name="T">The pipeline's results.</typeparam>
public sealed class Pipeline<T> : IAsyncDisposable
{
    private readonly PipelineRun _run;

    internal Pipeline(PipelineRun run, ChannelReader<T> output)
    {
        _run = run;
        Output = output;
    }

    /// <summary>The pipeline's name in metrics.</summary>
    public string Name => _run.Name;

    /// <summary>The last stage's results, bounded by its capacity: read them, or the pipeline waits for room.</summary>
    public ChannelReader<T> Output { get; }

    /// <summary>
    /// Items a stage with <see cref="StageErrorPolicy.DeadLetter"/> gave up on, with their exceptions, in the order
    /// they failed. Unbounded, so that an unread dead-letter channel never stalls the pipeline; completes with the
    /// pipeline.
    /// </summary>
    public ChannelReader<DeadLetter> DeadLetters => _run.DeadLetters;

    /// <summary>
    /// Completes when every stage has drained: successfully, faulted with the first failure of a
    /// <see cref="StageErrorPolicy.FailPipeline"/> stage (or of the source), or canceled.
    /// </summary>
    public Task Completion => _run.Completion;

    /// <summary>Takes a snapshot of the pipeline's counters.</summary>
    /// <returns>The snapshot.</returns>
    public PipelineMetrics GetMetrics() => _run.GetMetrics();

    /// <summary>Stops the pipeline (see the remarks of <see cref="Pipeline{T}"/>) and waits until every stage has stopped.</summary>
    /// <returns>A task that completes when the pipeline has stopped; it does not throw the pipeline's outcome (see <see cref="Completion"/>).</returns>
    public async Task CancelAsync()
    {
        _run.Stop(failure: null);
        await _run.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Stops the pipeline if it is still running and waits until every stage has stopped.</summary>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    public ValueTask DisposeAsync() => new(CancelAsync());
}
