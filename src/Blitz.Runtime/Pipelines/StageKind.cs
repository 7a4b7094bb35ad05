namespace Blitz;

/// <summary>Where a pipeline stage runs its work, in the product's buckets.</summary>
public enum StageKind : byte
{
    /// <summary>Async work (bucket 1) awaited on the .NET ThreadPool: I/O, or cheap inline transforms (bucket 2).</summary>
    Async,

    /// <summary>Blocking work (bucket 3) offloaded item by item to the runtime's blocking pool.</summary>
    Blocking,

    /// <summary>CPU-heavy work (bucket 5) offloaded item by item to the runtime's CPU pool.</summary>
    Cpu,

    /// <summary>Groups items into arrays of a given size or time window.</summary>
    Batch,
}
