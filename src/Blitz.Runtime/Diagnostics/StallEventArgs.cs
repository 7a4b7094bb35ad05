namespace Blitz;

/// <summary>Describes a stall of the .NET ThreadPool: a probe work item started later than the configured threshold.</summary>
public sealed class StallEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="delay">How late the probe started.</param>
    /// <param name="threadPoolThreads">The ThreadPool's thread count when the stall was seen.</param>
    /// <param name="pendingWorkItems">Work items queued to the ThreadPool when the stall was seen.</param>
    public StallEventArgs(TimeSpan delay, int threadPoolThreads, long pendingWorkItems)
    {
        Delay = delay;
        ThreadPoolThreads = threadPoolThreads;
        PendingWorkItems = pendingWorkItems;
    }

    /// <summary>How late the probe started.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The ThreadPool's thread count when the stall was seen.</summary>
    public int ThreadPoolThreads { get; }

    /// <summary>Work items queued to the ThreadPool when the stall was seen.</summary>
    public long PendingWorkItems { get; }
}
