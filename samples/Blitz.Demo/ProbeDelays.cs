namespace Blitz.Demo;

/// <summary>How late the probe's ThreadPool work items started, in milliseconds.</summary>
/// <param name="Samples">How many work items the probe queued.</param>
/// <param name="Pending">How many had not started when the probe was read; their waits so far are included, as lower bounds.</param>
/// <param name="P50Ms">The median delay.</param>
/// <param name="P99Ms">The 99th percentile delay (nearest rank).</param>
/// <param name="MaxMs">The longest delay.</param>
internal sealed record ProbeDelays(int Samples, int Pending, double P50Ms, double P99Ms, double MaxMs)
{
    public static ProbeDelays From(double[] delaysMs, int pending)
    {
        if (delaysMs.Length == 0)
        {
            return new ProbeDelays(0, 0, 0, 0, 0);
        }

        Array.Sort(delaysMs);
        return new ProbeDelays(
            delaysMs.Length, pending, Percentiles.NearestRank(delaysMs, 0.50), Percentiles.NearestRank(delaysMs, 0.99), delaysMs[^1]);
    }
}
