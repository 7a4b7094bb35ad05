namespace Blitz.Demo;

/// <summary>How long the completed uploads took, as the clients saw them, in milliseconds.</summary>
/// <param name="Samples">How many uploads completed.</param>
/// <param name="P50Ms">The median latency.</param>
/// <param name="P99Ms">The 99th percentile latency (nearest rank).</param>
/// <param name="MaxMs">The longest latency.</param>
internal sealed record Latencies(int Samples, double P50Ms, double P99Ms, double MaxMs)
{
    public static Latencies From(double[] sortedMs) => sortedMs.Length == 0
        ? new Latencies(0, 0, 0, 0)
        : new Latencies(sortedMs.Length, Percentiles.NearestRank(sortedMs, 0.50), Percentiles.NearestRank(sortedMs, 0.99), sortedMs[^1]);
}
