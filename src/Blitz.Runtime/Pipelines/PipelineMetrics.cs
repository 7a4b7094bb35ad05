namespace Blitz;

/// <summary>A snapshot of a pipeline's counters.</summary>
/// <param name="Name">The pipeline's name.</param>
/// <param name="SourceItems">Items read from the source.</param>
/// <param name="SourceDropped">Items read from the source but discarded because the pipeline was stopping before the first stage's queue took them.</param>
/// <param name="Stages">Per-stage counters, in pipeline order.</param>
/// <remarks>
/// Once <see cref="Pipeline{T}.Completion"/> has completed, every item read from the source is accounted for exactly
/// once: for stages that map one item to one result, <c>SourceItems == SourceDropped + Σ(Failures + Dropped) + last ItemsOut</c>.
/// </remarks>
public readonly record struct PipelineMetrics(string Name, long SourceItems, long SourceDropped, IReadOnlyList<StageMetrics> Stages)
{
    /// <summary>Items discarded because the pipeline stopped, over the source and every stage.</summary>
    public long Dropped
    {
        get
        {
            long dropped = SourceDropped;
            foreach (StageMetrics stage in Stages)
            {
                dropped += stage.Dropped;
            }

            return dropped;
        }
    }
}
