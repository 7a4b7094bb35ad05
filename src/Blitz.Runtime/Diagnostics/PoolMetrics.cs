namespace Blitz;

/// <summary>A snapshot of one Blitz pool's counters.</summary>
/// <param name="Submitted">Work items the pool accepted.</param>
/// <param name="Completed">Work items that returned a result.</param>
/// <param name="Faulted">Work items that threw.</param>
/// <param name="Canceled">Work items canceled before they started, or that stopped with their token's <see cref="OperationCanceledException"/>.</param>
/// <param name="Rejected">Work items the pool refused: a full queue for <c>TrySpawnBlocking</c>, or a disposed runtime.</param>
/// <param name="QueueLength">Work items waiting for a thread, including those held back by a full blocking queue.</param>
/// <param name="Threads">Threads the pool has now.</param>
/// <param name="IdleThreads">Threads that are waiting for work.</param>
/// <param name="PeakThreads">The most threads the pool has had at once.</param>
/// <param name="BusyTime">The total time the pool's threads spent running work.</param>
public readonly record struct PoolMetrics(
    long Submitted, long Completed, long Faulted, long Canceled, long Rejected,
    int QueueLength, int Threads, int IdleThreads, int PeakThreads, TimeSpan BusyTime);
