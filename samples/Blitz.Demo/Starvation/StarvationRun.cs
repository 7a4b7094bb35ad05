using System.Diagnostics;

namespace Blitz.Demo;

/// <summary>
/// Runs one mode in this process (a child started by the parent, so the ThreadPool starts cold): the probe starts,
/// the burst of requests is dispatched, and the mode ends when all complete or the time cap passes.
/// Everything here runs on the process's main thread and waits synchronously on purpose: an await would move this
/// code to a ThreadPool thread, and the experiment must not occupy the pool it measures.
/// </summary>
internal static class StarvationRun
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long queued probe items may take to start once the requests are done.</summary>
    private static readonly TimeSpan ProbeDrainTimeout = TimeSpan.FromSeconds(2);

    public static StarvationResult Run(Mode mode, int requests, int blockMs, TimeSpan timeCap, Action<ChildProgress> report)
    {
        var workload = RequestWorkload.Create(mode);
        WarmUp(workload);

        using var stallWatch = new StallWatch();
        var probe = new StarvationProbe(ProbeInterval, timeCap + ProbeDrainTimeout);
        var dispatcher = new RequestDispatcher(workload, requests, blockMs);
        int threadsAtStart = ThreadPool.ThreadCount;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        probe.Start();
        long startedAt = Stopwatch.GetTimestamp();
        dispatcher.DispatchAll();

        bool allCompleted;
        do
        {
            allCompleted = dispatcher.WaitAll(ProgressInterval);
            report(new ChildProgress(dispatcher.Completed, ThreadPool.ThreadCount));
        }
        while (!allCompleted && Stopwatch.GetElapsedTime(startedAt) < timeCap);

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double wallMs = allCompleted
            ? Stopwatch.GetElapsedTime(startedAt, dispatcher.LastCompletedAt).TotalMilliseconds
            : Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;

        probe.Stop();
        if (allCompleted)
        {
            probe.WaitForQueuedItems(ProbeDrainTimeout);
        }

        var (stalls, worstStall) = stallWatch.Read();
        var result = new StarvationResult
        {
            Mode = mode,
            Requests = requests,
            BlockMs = blockMs,
            Completed = dispatcher.Completed,
            WrongResults = dispatcher.WrongResults,
            Faulted = dispatcher.Faulted,
            FirstError = dispatcher.FirstError,
            CutOff = !allCompleted,
            TimeCapMs = timeCap.TotalMilliseconds,
            WallMs = wallMs,
            ThreadLimit = workload.ThreadLimit,
            ProbeDelays = probe.Summarize(),
            ThreadPoolThreadsAtStart = threadsAtStart,
            PeakThreadPoolThreads = probe.PeakThreadPoolThreads,
            PeakOwnPoolThreads = workload.PeakOwnPoolThreads,
            AllocatedBytes = allocated,
            StallsDetected = stalls,
            WorstStallMs = worstStall.TotalMilliseconds,
        };

        // A cut-off mode still has calls blocking; disposing would wait for them. The process exits instead.
        if (allCompleted)
        {
            workload.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    /// <summary>
    /// One request with no blocking, through the same path, so JIT compilation and first-use setup (the ThreadPool's
    /// first threads, the mode's pool) do not count as starvation.
    /// </summary>
    private static void WarmUp(RequestWorkload workload)
    {
        var warmUp = new RequestDispatcher(workload, requests: 1, blockMs: 0);
        warmUp.DispatchAll();
        if (!warmUp.WaitAll(TimeSpan.FromSeconds(10)) || warmUp.Faulted > 0 || warmUp.WrongResults > 0)
        {
            throw new InvalidOperationException($"The {workload.Mode.CommandLineName()} warm-up request failed: {warmUp.FirstError ?? "no result"}.");
        }
    }
}
