using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Blitz.Benchmarks;

/// <summary>
/// The alternative bounded channel design, kept here only to be measured against <see cref="BoundedChannel{T}"/>:
/// a per-slot-sequence ring (Vyukov's bounded MPMC queue) for <c>TryWrite</c>/<c>TryRead</c> without a lock, and
/// Blitz's pooled waiter queues under a lock only for waits. No completion and no cancellation: just enough for
/// the throughput benchmark (a power-of-two capacity).
/// </summary>
/// <remarks>
/// No lost wake-up, by a Dekker pair: a writer claims its slot with a CAS on the enqueue position (a full fence) and
/// then reads the count of waiting readers; a waiting reader increments that count (a full fence) and then reads the
/// positions again. At least one of them sees the other; the same holds for writers waiting for room.
/// </remarks>
internal sealed class ChannelRingPrototype<T> : Channel<T>
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly Lock _lock = new();
    private readonly BoundedChannelWaiterQueue<bool> _waitingReaders;
    private readonly BoundedChannelWaiterQueue<bool> _waitingWriters;
    private RingPositions _positions;
    private int _readerWaiters;
    private int _writerWaiters;

    public ChannelRingPrototype(int capacity)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The prototype needs a power of two.");
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }

        _waitingReaders = new(_lock);
        _waitingWriters = new(_lock);
        Reader = new RingReader(this);
        Writer = new RingWriter(this);
    }

    private bool TryWrite(T item)
    {
        long position = Volatile.Read(ref _positions.Enqueue);
        while (true)
        {
            ref Slot slot = ref _slots[position & _mask];
            long difference = Volatile.Read(ref slot.Sequence) - position;
            if (difference == 0)
            {
                long seen = Interlocked.CompareExchange(ref _positions.Enqueue, position + 1, position);
                if (seen == position)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    break;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _positions.Enqueue);
            }
        }

        if (Volatile.Read(ref _readerWaiters) != 0)
        {
            WakeAll(_waitingReaders, ref _readerWaiters);
        }

        return true;
    }

    private bool TryRead(out T item)
    {
        long position = Volatile.Read(ref _positions.Dequeue);
        while (true)
        {
            ref Slot slot = ref _slots[position & _mask];
            long difference = Volatile.Read(ref slot.Sequence) - (position + 1);
            if (difference == 0)
            {
                long seen = Interlocked.CompareExchange(ref _positions.Dequeue, position + 1, position);
                if (seen == position)
                {
                    item = slot.Item;
                    slot.Item = default!;
                    Volatile.Write(ref slot.Sequence, position + _mask + 1);
                    break;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                item = default!;
                return false;
            }
            else
            {
                position = Volatile.Read(ref _positions.Dequeue);
            }
        }

        if (Volatile.Read(ref _writerWaiters) != 0)
        {
            WakeAll(_waitingWriters, ref _writerWaiters);
        }

        return true;
    }

    private bool CanRead => Volatile.Read(ref _positions.Enqueue) != Volatile.Read(ref _positions.Dequeue);

    private bool CanWrite => Volatile.Read(ref _positions.Enqueue) - Volatile.Read(ref _positions.Dequeue) <= _mask;

    private ValueTask<bool> WaitToReadAsync() => CanRead ? new ValueTask<bool>(true) : Wait(_waitingReaders, ref _readerWaiters, readers: true);

    private ValueTask<bool> WaitToWriteAsync() => CanWrite ? new ValueTask<bool>(true) : Wait(_waitingWriters, ref _writerWaiters, readers: false);

    private ValueTask<bool> Wait(BoundedChannelWaiterQueue<bool> queue, ref int waiters, bool readers)
    {
        lock (_lock)
        {
            var waiter = BoundedChannelWaiter<bool>.Rent(queue);
            short version = queue.Enqueue(waiter, CancellationToken.None);
            Interlocked.Increment(ref waiters);
            if (readers ? CanRead : CanWrite)
            {
                // Lost the race to a write (or a read) that did not see us: do not wait.
                queue.TryRemove(waiter);
                Interlocked.Decrement(ref waiters);
                waiter.Complete(true);
            }

            return new ValueTask<bool>(waiter, version);
        }
    }

    private void WakeAll(BoundedChannelWaiterQueue<bool> queue, ref int waiters)
    {
        BoundedChannelWaiter<bool>? chain;
        lock (_lock)
        {
            chain = queue.DetachAll();
            Volatile.Write(ref waiters, 0);
        }

        BoundedChannelWaiter<bool>.CompleteAll(chain, true);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T> ReadSlowAsync()
    {
        while (true)
        {
            await WaitToReadAsync();
            if (TryRead(out T item))
            {
                return item;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteSlowAsync(T item)
    {
        while (!TryWrite(item))
        {
            await WaitToWriteAsync();
        }
    }

    private struct Slot
    {
        public T Item;
        public long Sequence;
    }

    private sealed class RingReader(ChannelRingPrototype<T> channel) : ChannelReader<T>
    {
        public override bool TryRead(out T item) => channel.TryRead(out item);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => channel.WaitToReadAsync();

        public override ValueTask<T> ReadAsync(CancellationToken cancellationToken = default)
            => channel.TryRead(out T item) ? new ValueTask<T>(item) : channel.ReadSlowAsync();
    }

    private sealed class RingWriter(ChannelRingPrototype<T> channel) : ChannelWriter<T>
    {
        public override bool TryWrite(T item) => channel.TryWrite(item);

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => channel.WaitToWriteAsync();

        public override ValueTask WriteAsync(T item, CancellationToken cancellationToken = default)
            => channel.TryWrite(item) ? default : channel.WriteSlowAsync(item);
    }
}

/// <summary>The ring's two positions on separate cache lines, so writers and readers do not share one (not nested: a generic type cannot have an explicit layout).</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct RingPositions
{
    [FieldOffset(64)]
    public long Enqueue;

    [FieldOffset(128)]
    public long Dequeue;
}
