namespace Blitz.Demo;

/// <summary>
/// How long things took, in milliseconds: the probe's delays, the uploads' latencies. Something still unfinished when
/// the figures were taken counts with its time so far, a lower bound, so a starved pool or server is never reported
/// as healthier than it was.
/// </summary>
/// <param name="Samples">How many durations the figures cover.</param>
/// <param name="Unfinished">How many of them had not finished: their time so far is included.</param>
/// <param name="P50Ms">The median.</param>
/// <param name="P99Ms">The 99th percentile (nearest rank).</param>
/// <param name="MaxMs">The longest.</param>
internal sealed record Durations(int Samples, int Unfinished, double P50Ms, double P99Ms, double MaxMs)
{
    public static Durations From(double[] durationsMs, int unfinished)
    {
        if (durationsMs.Length == 0)
        {
            return new Durations(0, 0, 0, 0, 0);
        }

        Array.Sort(durationsMs);
        return new Durations(
            durationsMs.Length, unfinished, Percentiles.NearestRank(durationsMs, 0.50), Percentiles.NearestRank(durationsMs, 0.99), durationsMs[^1]);
    }
}
