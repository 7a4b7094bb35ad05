namespace Blitz;

/// <summary>A snapshot of a <see cref="BlitzRuntime"/>'s counters, from <see cref="BlitzRuntime.GetMetrics"/>.</summary>
/// <param name="Blocking">The blocking pool (bucket 3).</param>
/// <param name="Cpu">The CPU pool (bucket 5).</param>
/// <param name="DedicatedThreads">Dedicated threads (bucket 4) whose loops are still running.</param>
public readonly record struct BlitzMetrics(PoolMetrics Blocking, PoolMetrics Cpu, int DedicatedThreads);
