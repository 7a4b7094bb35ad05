namespace Blitz.Demo;

/// <summary>Percentiles the way the report states them: nearest rank, so every figure is a value that was observed.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of values sorted ascending; 0 for no values.</summary>
    /// <param name="sorted">The values, sorted ascending.</param>
    /// <param name="fraction">The percentile as a fraction: 0.99 for p99.</param>
    public static double NearestRank(ReadOnlySpan<double> sorted, double fraction)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
