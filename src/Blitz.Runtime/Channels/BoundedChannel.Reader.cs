using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Blitz;

internal sealed partial class BoundedChannel<T>
{
    /// <summary>The channel's reading half; <see cref="ChannelReader{T}.ReadAllAsync"/> is the base class's.</summary>
    private sealed class BoundedChannelReader(BoundedChannel<T> channel) : ChannelReader<T>
    {
        public override Task Completion => channel._completion.Task;

        public override bool CanCount => true;

        public override int Count => Volatile.Read(ref channel._count);

        public override bool CanPeek => true;

        public override bool TryRead([MaybeNullWhen(false)] out T item) => channel.TryRead(out item);

        public override bool TryPeek([MaybeNullWhen(false)] out T item) => channel.TryPeek(out item);

        public override ValueTask<T> ReadAsync(CancellationToken cancellationToken = default) => channel.ReadAsync(cancellationToken);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => channel.WaitToReadAsync(cancellationToken);
    }
}
