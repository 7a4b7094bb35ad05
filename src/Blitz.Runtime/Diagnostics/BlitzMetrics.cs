namespace Blitz;

/// <summary>A snapshot of a <see cref="BlitzRuntime"/>'s counters, from <see cref="BlitzRuntime.GetMetrics"/>.</summary>
/// <param name="Blocking">The blocking pool (bucket 3).</param>
/// <param name="Cpu">The CPU pool (bucket 5).</param>
/// <param name="DedicatedThreads">Dedicated threads (bucket 4) whose loops are still running.</param>
public readonly record struct BlitzMetrics(PoolMetrics Blocking, PoolMetrics Cpu, int DedicatedThreads)
{
    /// <summary>
    /// The name of every runtime's <see cref="System.Diagnostics.Metrics.Meter"/> (<c>Blitz</c>): pass it to
    /// OpenTelemetry's <c>AddMeter</c>, or match it in a <see cref="System.Diagnostics.Metrics.MeterListener"/>.
    /// </summary>
    public const string MeterName = "Blitz";

    /// <summary>
    /// The tag on every measurement of a runtime's meter that holds the runtime's <see cref="BlitzOptions.Name"/>
    /// (<c>blitz.runtime</c>); the meter carries it too.
    /// </summary>
    public const string RuntimeTag = "blitz.runtime";
}
