using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// A two-lane input for a pipeline (<see cref="Pipeline.Create{T}(BlitzRuntime, PriorityInput{T}, string?)"/>):
/// items written with <see cref="WorkPriority.High"/> are read before normal ones, and a waiting normal item is
/// read after at most <see cref="MaxHighBeforeNormal"/> high items, so the normal lane is never starved.
/// </summary>
/// <remarks>
/// Each lane is a bounded queue of its own: a full high lane never blocks normal writers, and the other way round.
/// Call <see cref="Complete"/> when no more items will be written; the reader drains both lanes, then completes.
/// The input has one reader: the pipeline built on it.
/// </remarks>
/// <typeparam name="T">The items.</typeparam>
public sealed class PriorityInput<T>
{
    /// <summary>The most high-priority items read in a row while a normal item waits.</summary>
    public const int MaxHighBeforeNormal = 8;

    private readonly Channel<T> _high;
    private readonly Channel<T> _normal;
    private readonly LaneReader _reader;

    // Wakes the reader when it waits on both lanes: set to 1 by a waiting reader, exchanged to 0 by the writer that
    // rings, so at most one release per wait reaches the semaphore.
    private readonly SemaphoreSlim _bell = new(0);
    private int _readerWaiting;

    /// <summary>Creates the input.</summary>
    /// <param name="capacityPerLane">The bound of each lane; a writer that finds its lane full waits.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacityPerLane"/> is less than 1.</exception>
    public PriorityInput(int capacityPerLane = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerLane, 1);
        _high = StageChannel.CreateBounded<T>(capacityPerLane);
        _normal = StageChannel.CreateBounded<T>(capacityPerLane);
        _reader = new LaneReader(this);
    }

    /// <summary>The reader that takes high items first; pass the input itself to <see cref="Pipeline"/>.</summary>
    public ChannelReader<T> Reader => _reader;

    /// <summary>Writes an item into its lane, waiting while that lane is full.</summary>
    /// <param name="item">The item.</param>
    /// <param name="priority">The lane.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <returns>A task that completes when the item is queued.</returns>
    /// <exception cref="ChannelClosedException">(When awaited) <see cref="Complete"/> was called.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is not defined.</exception>
    public async ValueTask WriteAsync(T item, WorkPriority priority = WorkPriority.Normal, CancellationToken cancellationToken = default)
    {
        await Lane(priority).Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        Ring();
    }

    /// <summary>Writes an item into its lane if the lane has room.</summary>
    /// <param name="item">The item.</param>
    /// <param name="priority">The lane.</param>
    /// <returns><see langword="true"/> if the item was queued; <see langword="false"/> if the lane is full or the input completed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is not defined.</exception>
    public bool TryWrite(T item, WorkPriority priority = WorkPriority.Normal)
    {
        if (!Lane(priority).Writer.TryWrite(item))
        {
            return false;
        }

        Ring();
        return true;
    }

    /// <summary>Ends the input: writes fail from now on; the reader drains both lanes, then completes.</summary>
    public void Complete()
    {
        _high.Writer.TryComplete();
        _normal.Writer.TryComplete();
        Ring();
    }

    private Channel<T> Lane(WorkPriority priority) => priority switch
    {
        WorkPriority.High => _high,
        WorkPriority.Normal => _normal,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority."),
    };

    private void Ring()
    {
        if (Volatile.Read(ref _readerWaiting) == 1 && Interlocked.Exchange(ref _readerWaiting, 0) == 1)
        {
            _bell.Release();
        }
    }

    /// <summary>Reads high first; counts high reads while a normal item waits, to bound its delay.</summary>
    private sealed class LaneReader(PriorityInput<T> input) : ChannelReader<T>
    {
        private readonly Lock _lock = new();
        private int _highInARow;

        public override Task Completion => Task.WhenAll(input._high.Reader.Completion, input._normal.Reader.Completion);

        public override bool CanCount => true;

        public override int Count => input._high.Reader.Count + input._normal.Reader.Count;

        public override bool TryRead(out T item)
        {
            ChannelReader<T> high = input._high.Reader, normal = input._normal.Reader;
            lock (_lock)
            {
                if (_highInARow < MaxHighBeforeNormal && high.TryRead(out item!))
                {
                    // Only a high read that overtakes a waiting normal item counts against the bound.
                    _highInARow = normal.Count > 0 ? _highInARow + 1 : 0;
                    return true;
                }

                if (normal.TryRead(out item!))
                {
                    _highInARow = 0;
                    return true;
                }

                // The bound was reached but the normal lane emptied meanwhile: high goes on.
                _highInARow = 0;
                return high.TryRead(out item!);
            }
        }

        public override bool TryPeek(out T item)
        {
            lock (_lock)
            {
                return input._high.Reader.TryPeek(out item!) || input._normal.Reader.TryPeek(out item!);
            }
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
        {
            if (HasItems)
            {
                return new ValueTask<bool>(true);
            }

            return IsDone ? new ValueTask<bool>(false) : WaitForItemAsync(cancellationToken);
        }

        private bool HasItems => input._high.Reader.Count > 0 || input._normal.Reader.Count > 0;

        private bool IsDone => input._high.Reader.Completion.IsCompleted && input._normal.Reader.Completion.IsCompleted;

        private async ValueTask<bool> WaitForItemAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                // Announce the wait before looking again: a writer that queued after the look sees the flag and rings.
                Interlocked.Exchange(ref input._readerWaiting, 1);
                if (HasItems)
                {
                    return true;
                }

                if (IsDone)
                {
                    return false;
                }

                await input._bell.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
