using System.Diagnostics.Tracing;

namespace Blitz;

/// <summary>The <c>Blitz</c> event source: stalls of the .NET ThreadPool, for dotnet-trace and other EventListeners.</summary>
[EventSource(Name = "Blitz")]
internal sealed class BlitzEventSource : EventSource
{
    public static readonly BlitzEventSource Log = new();

    private BlitzEventSource()
    {
    }

    [Event(1, Level = EventLevel.Warning, Message = "The .NET ThreadPool stalled: a probe started {0} ms late ({1} ThreadPool threads, {2} work items pending).")]
    public void ThreadPoolStall(double delayMilliseconds, int threadPoolThreads, long pendingWorkItems)
    {
        if (IsEnabled())
        {
            WriteEvent(1, delayMilliseconds, threadPoolThreads, pendingWorkItems);
        }
    }

    [Event(2, Level = EventLevel.Error, Message = "A StallDetected handler threw: {0}")]
    public void StallHandlerFailed(string exception)
    {
        if (IsEnabled())
        {
            WriteEvent(2, exception);
        }
    }
}
