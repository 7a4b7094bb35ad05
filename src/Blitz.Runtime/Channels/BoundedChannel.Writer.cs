using System.Threading.Channels;

namespace Blitz;

internal sealed partial class BoundedChannel<T>
{
    /// <summary>The channel's writing half.</summary>
    private sealed class BoundedChannelWriter(BoundedChannel<T> channel) : ChannelWriter<T>
    {
        public override bool TryWrite(T item) => channel.TryWrite(item);

        public override ValueTask WriteAsync(T item, CancellationToken cancellationToken = default) => channel.WriteAsync(item, cancellationToken);

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => channel.WaitToWriteAsync(cancellationToken);

        public override bool TryComplete(Exception? error = null) => channel.TryComplete(error);
    }
}
