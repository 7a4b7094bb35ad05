namespace Blitz;

/// <summary>What <see cref="BlitzRuntime.DisposeAsync"/> does with work that was accepted but has not started.</summary>
public enum ShutdownMode
{
    /// <summary>Run every accepted work item to completion before the pools' threads exit (the default).</summary>
    Drain,

    /// <summary>
    /// Complete every queued work item as canceled without running it. Work that is already running is never
    /// interrupted; disposal waits for it.
    /// </summary>
    CancelQueued,
}
