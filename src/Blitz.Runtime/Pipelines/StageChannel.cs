using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// Creates the channels between pipeline stages, in one place, so the queue implementation is chosen once.
/// </summary>
internal static class StageChannel
{
    // The Blitz bounded channel: pooled waiters for any number of waiting readers and writers (the BCL's allocates
    // for every concurrent wait beyond the first), and continuations always asynchronous, so a writer on a pool
    // completion never runs the downstream stage's code inline.
    public static Channel<T> CreateBounded<T>(int capacity) => BlitzChannel.CreateBounded<T>(capacity);

    public static Channel<T> CreateUnbounded<T>()
        => Channel.CreateUnbounded<T>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
}
