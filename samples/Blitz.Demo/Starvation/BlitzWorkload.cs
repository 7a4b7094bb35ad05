namespace Blitz.Demo;

/// <summary>
/// The call goes to the Blitz blocking pool, whose threads are not ThreadPool threads; the request's continuation
/// comes back to the ThreadPool only when the call is done.
/// </summary>
internal sealed class BlitzWorkload : RequestWorkload
{
    private readonly BlitzOptions _options = new() { ThreadNamePrefix = "demo" };
    private readonly BlitzRuntime _runtime;

    public BlitzWorkload() => _runtime = new BlitzRuntime(_options);

    public override Mode Mode => Mode.Blitz;

    public override int ThreadLimit => _options.MaxBlockingThreads;

    public override int? PeakOwnPoolThreads => _runtime.GetMetrics().Blocking.PeakThreads;

    public override ValueTask<int> CallLibraryAsync(int requestId, int blockMs) =>
        _runtime.SpawnBlocking<SyncLibraryCall, int>(new SyncLibraryCall(requestId, blockMs));

    public override ValueTask DisposeAsync() => _runtime.DisposeAsync();

    /// <summary>The call's arguments packed in a struct: offloading it allocates nothing.</summary>
    private readonly record struct SyncLibraryCall(int RequestId, int BlockMs) : IOffloadWork<int>
    {
        public int Execute(CancellationToken cancellationToken) => SyncLibrary.Call(RequestId, BlockMs);
    }
}
