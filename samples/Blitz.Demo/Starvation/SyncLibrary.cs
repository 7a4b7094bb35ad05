namespace Blitz.Demo;

/// <summary>
/// Stands in for a sync-only library call (a legacy SDK, a native driver, a sync database client): it blocks its
/// thread for the whole call.
/// </summary>
internal static class SyncLibrary
{
    public static int Call(int requestId, int blockMs)
    {
        Thread.Sleep(blockMs);
        return ExpectedResult(requestId);
    }

    /// <summary>Each request gets its own answer, so the self-check can see no completion went to the wrong request.</summary>
    public static int ExpectedResult(int requestId) => unchecked((requestId * 31) + 7);
}
