using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// Creates the bounded channels between pipeline stages. One factory, so that a Blitz bounded channel (pooled
/// waiters for many readers and writers) can replace the BCL one in a single place.
/// </summary>
internal static class StageChannel
{
    public static Channel<T> CreateBounded<T>(int capacity)
        => Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,

            // Continuations of a stage's waits run on the ThreadPool, never inline on a writer: a writer on a blocking
            // or CPU pool completion must not run the downstream stage's code.
            AllowSynchronousContinuations = false,
        });

    public static Channel<T> CreateUnbounded<T>()
        => Channel.CreateUnbounded<T>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
}
