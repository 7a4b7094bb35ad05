namespace Blitz;

/// <summary>The priority of a work item in its pool's queue.</summary>
public enum WorkPriority : byte
{
    /// <summary>Queued in arrival order (the default).</summary>
    Normal,

    /// <summary>
    /// Starts before queued normal work. Normal work is never starved: the oldest queued normal item waits behind at
    /// most 8 high-priority items before it is taken.
    /// </summary>
    High,
}
