using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// Creates channels that speak <see cref="System.Threading.Channels"/> (<see cref="ChannelReader{T}"/>,
/// <see cref="ChannelWriter{T}"/>), so they interoperate with any code written against the BCL's channels.
/// </summary>
public static class BlitzChannel
{
    /// <summary>
    /// Creates a bounded multi-producer/multi-consumer channel: a write waits while <paramref name="capacity"/> items
    /// are buffered. Any number of waiting readers and writers allocate nothing in steady state, and continuations
    /// always run asynchronously (never inline on the thread that wrote or read).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="capacity">The most items buffered; the buffer is allocated up front.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public static Channel<T> CreateBounded<T>(int capacity) => new BoundedChannel<T>(capacity);

    /// <summary>
    /// Creates a bounded channel from BCL options: with <see cref="BoundedChannelFullMode.Wait"/> it is the channel of
    /// <see cref="CreateBounded{T}(int)"/> (<see cref="ChannelOptions.SingleReader"/>,
    /// <see cref="ChannelOptions.SingleWriter"/> and <see cref="ChannelOptions.AllowSynchronousContinuations"/> are
    /// hints it does not need); any other full mode is served by <see cref="Channel.CreateBounded{T}(BoundedChannelOptions)"/>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="options">The options.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static Channel<T> CreateBounded<T>(BoundedChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FullMode == BoundedChannelFullMode.Wait
            ? new BoundedChannel<T>(options.Capacity)
            : Channel.CreateBounded<T>(options);
    }
}
