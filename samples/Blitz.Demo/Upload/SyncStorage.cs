namespace Blitz.Demo;

/// <summary>
/// Stands for the storage client a real upload handler calls after hashing (a sync blob-store SDK, a sync database
/// insert of the digest): the call blocks its thread until the store answers. The demo sleeps for that time rather
/// than write gigabytes to this machine's disk; <c>--store-ms 0</c> leaves the step out.
/// </summary>
internal static class SyncStorage
{
    public static void Write(int blockMs)
    {
        if (blockMs > 0)
        {
            Thread.Sleep(blockMs);
        }
    }
}
