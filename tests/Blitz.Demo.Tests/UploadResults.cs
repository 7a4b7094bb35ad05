namespace Blitz.Demo.Tests;

/// <summary>Results as a child process would report them, with the figures a test cares about.</summary>
internal static class UploadResults
{
    public static UploadResult Sample(Mode mode, double probeP99, double latencyP99) => new()
    {
        Mode = mode,
        Requests = 100,
        Clients = 4,
        AverageUploadBytes = 1000,
        StoreMs = 1,
        Completed = 100,
        WrongDigests = 0,
        ClientErrors = 0,
        ServerErrors = 0,
        CutOff = false,
        TimeCapMs = 10_000,
        WallMs = 1000,
        Latency = new Durations(100, 0, latencyP99 / 2, latencyP99, latencyP99),
        ProbeDelays = new Durations(100, 0, probeP99 / 2, probeP99, probeP99),
        StallsDetected = 0,
        WorstStallMs = 0,
        ThreadPoolThreadsAtStart = 2,
        PeakThreadPoolThreads = 2,
        ServerAllocatedBytes = 0,
    };
}
