using Microsoft.Extensions.Logging;

namespace Blitz.Extensions.Hosting;

/// <summary>The hosting integration's log messages (category <c>Blitz.BlitzRuntime</c>).</summary>
internal static partial class BlitzLog
{
    [LoggerMessage(EventId = 1, EventName = "ThreadPoolStall", Level = LogLevel.Warning,
        Message = "The .NET ThreadPool stalled: a probe started {DelayMilliseconds} ms late ({ThreadPoolThreads} threads, {PendingWorkItems} pending work items). Blocking work in async code starves it: move it to the blocking pool ([Blocking], SpawnBlocking).")]
    public static partial void ThreadPoolStall(ILogger logger, long delayMilliseconds, int threadPoolThreads, long pendingWorkItems);

    [LoggerMessage(EventId = 2, EventName = "DefaultInUse", Level = LogLevel.Warning,
        Message = "BlitzRuntime.Default is another runtime that is still in use (created on first use before the host started, or set by another host); generated wrappers keep using it, and this host's runtime serves only code that resolves it from the services.")]
    public static partial void DefaultInUse(ILogger logger);

    [LoggerMessage(EventId = 3, EventName = "DrainTimedOut", Level = LogLevel.Warning,
        Message = "The host's shutdown timeout elapsed before the Blitz runtime finished its work ({QueuedBlocking} blocking and {QueuedCpu} CPU work items were still queued; dedicated threads still running: {DedicatedThreads}); disposing the host waits for the queued work, and for dedicated threads at most BlitzOptions.DedicatedStopTimeout.")]
    public static partial void DrainTimedOut(ILogger logger, int queuedBlocking, int queuedCpu, string dedicatedThreads);

    [LoggerMessage(EventId = 4, EventName = "DedicatedStopTimedOut", Level = LogLevel.Warning,
        Message = "Dedicated threads still running after BlitzOptions.DedicatedStopTimeout elapsed: {DedicatedThreads}. Their loops ignore their stop token (return when it is canceled); the host stopped waiting for them, and as background threads they do not keep the process alive.")]
    public static partial void DedicatedStopTimedOut(ILogger logger, string dedicatedThreads, Exception exception);
}
