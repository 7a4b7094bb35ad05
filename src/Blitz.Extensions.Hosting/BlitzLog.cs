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
        Message = "The host's shutdown timeout elapsed before the Blitz runtime finished its work ({QueuedBlocking} blocking and {QueuedCpu} CPU work items were still queued); disposing the host waits for the rest.")]
    public static partial void DrainTimedOut(ILogger logger, int queuedBlocking, int queuedCpu);
}
