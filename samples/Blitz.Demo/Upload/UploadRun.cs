using System.Diagnostics;

namespace Blitz.Demo;

/// <summary>
/// Runs one mode of the upload-hashing experiment in this process (a child started by the parent, so the ThreadPool
/// starts cold): server and clients are set up and warmed with one upload, then the probe starts, the clients go,
/// and the mode ends when every upload is done or the time cap passes. Like the clients, this code runs on a thread
/// of its own and waits synchronously on purpose: it must not occupy the pool it measures.
/// </summary>
internal static class UploadRun
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the uploads in flight at a cut-off may take to finish before their connections are closed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long queued probe items may take to start once the uploads are over.</summary>
    private static readonly TimeSpan ProbeDrainTimeout = TimeSpan.FromSeconds(2);

    public static UploadResult Run(Mode mode, UploadSettings settings, TimeSpan timeCap, Action<ChildProgress> report)
    {
        var payloads = UploadPayloads.Create(settings);
        using var server = new UploadServer(mode, settings);
        server.Start();
        var load = new LoadGenerator(server.EndPoint, payloads, settings.Clients, settings.Requests);
        load.WarmUp();

        using var stallWatch = new StallWatch();
        var probe = new StarvationProbe(ProbeInterval, timeCap + ProbeDrainTimeout);
        int threadsAtStart = ThreadPool.ThreadCount;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        probe.Start();
        load.Start();
        bool allCompleted;
        var cap = Stopwatch.StartNew();
        do
        {
            allCompleted = load.WaitAll(ProgressInterval);
            report(new ChildProgress(load.Completed, ThreadPool.ThreadCount));
        }
        while (!allCompleted && cap.Elapsed < timeCap);

        // The probe stops at the cap: the grace given to the uploads in flight is not part of the run.
        probe.Stop();
        if (!allCompleted)
        {
            load.Stop(StopGrace);
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        probe.WaitForQueuedItems(ProbeDrainTimeout);
        var (stalls, worstStall) = stallWatch.Read();

        return new UploadResult
        {
            Mode = mode,
            Requests = settings.Requests,
            Clients = settings.Clients,
            AverageUploadBytes = UploadPayloads.AverageBytes(payloads),
            StoreMs = settings.StoreMs,
            Completed = load.Completed,
            WrongDigests = load.WrongDigests,
            ClientErrors = load.Faulted,
            ServerErrors = server.Faulted,
            FirstError = load.FirstError ?? server.FirstError,
            CutOff = !allCompleted,
            TimeCapMs = timeCap.TotalMilliseconds,
            WallMs = load.Elapsed.TotalMilliseconds,
            Latency = load.SummarizeLatencies(),
            ProbeDelays = probe.Summarize(),
            StallsDetected = stalls,
            WorstStallMs = worstStall.TotalMilliseconds,
            ThreadPoolThreadsAtStart = threadsAtStart,
            PeakThreadPoolThreads = probe.PeakThreadPoolThreads,
            PeakBlitzThreads = mode == Mode.Blitz ? BlitzRuntime.Default.GetMetrics().Blocking.PeakThreads : null,
            ServerAllocatedBytes = allocated - load.ClientAllocatedBytes,
        };
    }
}
