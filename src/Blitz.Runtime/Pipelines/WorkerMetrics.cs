namespace Blitz;

/// <summary>A snapshot of one worker of a pipeline stage.</summary>
/// <param name="Index">The worker's index in its stage, from 0.</param>
/// <param name="ItemsIn">Items the worker took from the stage's input queue.</param>
/// <param name="ItemsOut">Results the worker emitted.</param>
/// <param name="Failures">Items whose work still threw after their retries.</param>
/// <param name="BusyTime">
/// Time the worker was not waiting for input: running (or awaiting the offload of) its items' work, waiting for its
/// turn in an ordered stage, or for room downstream. Measured per busy period, so it grows in steps.
/// </param>
public readonly record struct WorkerMetrics(int Index, long ItemsIn, long ItemsOut, long Failures, TimeSpan BusyTime);
