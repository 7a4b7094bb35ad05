namespace Blitz;

/// <summary>A snapshot of one pipeline stage.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Kind">Where the stage runs its work.</param>
/// <param name="ItemsIn">Items the stage took from its input queue.</param>
/// <param name="ItemsOut">Results the stage emitted (batches, for a batching stage).</param>
/// <param name="Failures">Items whose work still threw after their retries (dead-lettered or failing the pipeline).</param>
/// <param name="DeadLetters">Failed items sent to the dead-letter channel.</param>
/// <param name="Retries">Extra attempts made after a failure.</param>
/// <param name="Dropped">Items the stage discarded because the pipeline was stopping (canceled or failed).</param>
/// <param name="QueueDepth">Items waiting in the stage's input queue.</param>
/// <param name="BusyTime">The workers' busy time, summed.</param>
/// <param name="Workers">Per-worker counters.</param>
public readonly record struct StageMetrics(
    string Name, StageKind Kind, long ItemsIn, long ItemsOut, long Failures, long DeadLetters, long Retries, long Dropped,
    int QueueDepth, TimeSpan BusyTime, IReadOnlyList<WorkerMetrics> Workers);
