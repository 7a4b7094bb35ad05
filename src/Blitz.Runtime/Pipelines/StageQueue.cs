using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Blitz;

/// <summary>Writes into a stage queue the way every pipeline producer does: at once when there is room, otherwise waiting for room.</summary>
internal static class StageQueue
{
    /// <summary>Writes an item; <see langword="false"/> when the queue was completed (the pipeline is stopping) and the item was not taken.</summary>
    public static ValueTask<bool> WriteAsync<T>(ChannelWriter<T> writer, T item)
        => writer.TryWrite(item) ? new ValueTask<bool>(true) : WaitAndWriteAsync(writer, item);

    // Pooled builder: a producer that waits for room allocates nothing in steady state. No token is passed to the
    // channel, so its own pooled waiter is used; a stopping pipeline completes the queue to wake the producer.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> WaitAndWriteAsync<T>(ChannelWriter<T> writer, T item)
    {
        try
        {
            while (await writer.WaitToWriteAsync().ConfigureAwait(false))
            {
                if (writer.TryWrite(item))
                {
                    return true;
                }
            }
        }
        catch (Exception)
        {
            // The pipeline's output is completed with the pipeline's failure when it stops: the item is dropped.
        }

        return false;
    }
}
