namespace Blitz.Demo;

/// <summary>The call blocks the ThreadPool thread that runs the async request: what happens with no offloading.</summary>
internal sealed class InlineWorkload : RequestWorkload
{
    public override Mode Mode => Mode.Inline;

    public override int ThreadLimit => ThreadPoolLimit;

    public override ValueTask<int> CallLibraryAsync(int requestId, int blockMs) =>
        new(SyncLibrary.Call(requestId, blockMs));
}
