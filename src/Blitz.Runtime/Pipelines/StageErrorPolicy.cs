namespace Blitz;

/// <summary>What a pipeline stage does with an item whose work threw (after its retries).</summary>
public enum StageErrorPolicy : byte
{
    /// <summary>The pipeline stops: every stage stops, in-flight items are dropped, and <see cref="Pipeline{T}.Completion"/> faults with the exception.</summary>
    FailPipeline,

    /// <summary>The item and its exception go to <see cref="Pipeline{T}.DeadLetters"/> and the stage goes on with the next item.</summary>
    DeadLetter,
}
