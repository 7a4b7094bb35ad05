namespace Blitz.Demo;

/// <summary>The call blocks the ThreadPool thread that runs the async request: what happens with no offloading.</summary>
internal sealed class InlineWorkload : RequestWorkload
{
    public override Mode Mode => Mode.Inline;

    public override int ThreadLimit => ThreadPoolLimit;

    // The demo's "before": the blocking call runs on the caller's ThreadPool thread, which BLZ111 exists to report.
#pragma warning disable BLZ111
    public override ValueTask<int> CallLibraryAsync(int requestId, int blockMs) =>
        new(SyncLibrary.Call(requestId, blockMs));
#pragma warning restore BLZ111
}
