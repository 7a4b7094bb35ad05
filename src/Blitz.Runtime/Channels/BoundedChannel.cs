using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// A bounded multi-producer/multi-consumer channel (full mode: wait) whose waiters are pooled: a ring buffer and four
/// waiter queues under one lock. Unlike the BCL's bounded channel, which has one reusable waiter per reader and
/// writer and allocates for every further concurrent wait, any number of waiting readers and writers allocate
/// nothing in steady state.
/// </summary>
/// <remarks>
/// Invariants (under the lock): blocked reads exist only while the buffer is empty, blocked writes only while it is
/// full; once writing is done no waiter is queued any more. State changes happen under the lock; waiters are
/// completed after it is released, and their continuations always run asynchronously, so no user code ever runs
/// under the lock.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
internal sealed partial class BoundedChannel<T> : Channel<T>
{
    // Marks "completed without an error" in _doneWriting.
    private static readonly Exception s_doneWritingSentinel = new ChannelClosedException();

    private readonly Lock _lock = new();
    private readonly T[] _buffer;
    private readonly BoundedChannelWaiterQueue<T> _blockedReaders;
    private readonly BoundedChannelWaiterQueue<T> _blockedWriters;
    private readonly BoundedChannelWaiterQueue<bool> _waitingReaders;
    private readonly BoundedChannelWaiterQueue<bool> _waitingWriters;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _head;
    private int _count;
    private Exception? _doneWriting;

    public BoundedChannel(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new T[capacity];
        _blockedReaders = new(_lock);
        _blockedWriters = new(_lock);
        _waitingReaders = new(_lock);
        _waitingWriters = new(_lock);
        Reader = new BoundedChannelReader(this);
        Writer = new BoundedChannelWriter(this);
    }

    public int Capacity => _buffer.Length;

    // ---- reading ----

    private bool TryRead([MaybeNullWhen(false)] out T item)
    {
        AfterDequeue after;
        lock (_lock)
        {
            if (_count == 0)
            {
                item = default;
                return false;
            }

            item = DequeueLocked(out after);
        }

        after.Run(this);
        return true;
    }

    private bool TryPeek([MaybeNullWhen(false)] out T item)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                item = default;
                return false;
            }

            item = _buffer[_head];
            return true;
        }
    }

    private ValueTask<T> ReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        T item;
        AfterDequeue after;
        lock (_lock)
        {
            if (_count == 0)
            {
                if (_doneWriting is not null)
                {
                    return ValueTask.FromException<T>(ClosedError());
                }

                var reader = BoundedChannelWaiter<T>.Rent(_blockedReaders);
                return new ValueTask<T>(reader, _blockedReaders.Enqueue(reader, cancellationToken));
            }

            item = DequeueLocked(out after);
        }

        after.Run(this);
        return new ValueTask<T>(item);
    }

    private ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        lock (_lock)
        {
            if (_count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_doneWriting is not null)
            {
                return DoneWaiting();
            }

            var waiter = BoundedChannelWaiter<bool>.Rent(_waitingReaders);
            return new ValueTask<bool>(waiter, _waitingReaders.Enqueue(waiter, cancellationToken));
        }
    }

    /// <summary>Takes the oldest item and lets the oldest blocked write (or else every wait-to-write) through.</summary>
    private T DequeueLocked(out AfterDequeue after)
    {
        T item = _buffer[_head];
        _buffer[_head] = default!;
        _head = _head + 1 == _buffer.Length ? 0 : _head + 1;
        _count--;

        after = default;
        if (_blockedWriters.TryDequeue() is { } writer)
        {
            EnqueueLocked(writer.PendingItem!);
            after.Writer = writer;
        }
        else
        {
            after.WaitingWriters = _waitingWriters.DetachAll();
        }

        after.CompleteChannel = _doneWriting is not null && _count == 0;
        return item;
    }

    // ---- writing ----

    private bool TryWrite(T item)
    {
        AfterEnqueue after;
        lock (_lock)
        {
            if (_doneWriting is not null || !TryWriteLocked(item, out after))
            {
                return false;
            }
        }

        after.Run(item);
        return true;
    }

    private ValueTask WriteAsync(T item, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        AfterEnqueue after;
        lock (_lock)
        {
            if (_doneWriting is not null)
            {
                return ValueTask.FromException(ClosedError());
            }

            if (!TryWriteLocked(item, out after))
            {
                var writer = BoundedChannelWaiter<T>.Rent(_blockedWriters);
                writer.PendingItem = item;
                return new ValueTask(writer, _blockedWriters.Enqueue(writer, cancellationToken));
            }
        }

        after.Run(item);
        return default;
    }

    private ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        lock (_lock)
        {
            if (_doneWriting is not null)
            {
                return DoneWaiting();
            }

            if (_count < _buffer.Length)
            {
                return new ValueTask<bool>(true);
            }

            var waiter = BoundedChannelWaiter<bool>.Rent(_waitingWriters);
            return new ValueTask<bool>(waiter, _waitingWriters.Enqueue(waiter, cancellationToken));
        }
    }

    /// <summary>Hands the item to the oldest blocked read, or buffers it and wakes every wait-to-read; false when full.</summary>
    private bool TryWriteLocked(T item, out AfterEnqueue after)
    {
        after = default;
        if (_count == 0 && _blockedReaders.TryDequeue() is { } reader)
        {
            after.Reader = reader;
            return true;
        }

        if (_count == _buffer.Length)
        {
            return false;
        }

        EnqueueLocked(item);
        after.WaitingReaders = _waitingReaders.DetachAll();
        return true;
    }

    private void EnqueueLocked(T item)
    {
        int tail = _head + _count;
        _buffer[tail >= _buffer.Length ? tail - _buffer.Length : tail] = item;
        _count++;
    }

    // ---- completion ----

    private bool TryComplete(Exception? error)
    {
        BoundedChannelWaiter<T>? readers, writers;
        BoundedChannelWaiter<bool>? waitingReaders, waitingWriters;
        bool completeChannel;
        lock (_lock)
        {
            if (_doneWriting is not null)
            {
                return false;
            }

            _doneWriting = error ?? s_doneWritingSentinel;
            completeChannel = _count == 0;
            readers = _blockedReaders.DetachAll();
            writers = _blockedWriters.DetachAll();
            waitingReaders = _waitingReaders.DetachAll();
            waitingWriters = _waitingWriters.DetachAll();
        }

        // Complete the channel's task before waking anyone, so that a woken reader already sees it completed.
        if (completeChannel)
        {
            CompleteChannel();
        }

        if (readers is not null || writers is not null)
        {
            Exception closed = ClosedError();
            BoundedChannelWaiter<T>.FailAll(readers, closed);
            BoundedChannelWaiter<T>.FailAll(writers, closed);
        }

        if (error is null)
        {
            BoundedChannelWaiter<bool>.CompleteAll(waitingReaders, false);
            BoundedChannelWaiter<bool>.CompleteAll(waitingWriters, false);
        }
        else
        {
            BoundedChannelWaiter<bool>.FailAll(waitingReaders, error);
            BoundedChannelWaiter<bool>.FailAll(waitingWriters, error);
        }

        return true;
    }

    private void CompleteChannel()
    {
        Exception? error = _doneWriting;
        if (error is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else if (error is not null && error != s_doneWritingSentinel)
        {
            _completion.TrySetException(error);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>What a read or write on a completed channel throws (as the BCL's channels do).</summary>
    private Exception ClosedError() => _doneWriting switch
    {
        OperationCanceledException canceled => canceled,
        { } error when error != s_doneWritingSentinel => new ChannelClosedException(error),
        _ => new ChannelClosedException(),
    };

    /// <summary>What a wait-to-read/-write on a completed channel returns: false, or the completion's error.</summary>
    private ValueTask<bool> DoneWaiting()
        => _doneWriting == s_doneWritingSentinel ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_doneWriting!);

    /// <summary>The waiters a dequeue released, completed after the lock is left.</summary>
    private struct AfterDequeue
    {
        public BoundedChannelWaiter<T>? Writer;
        public BoundedChannelWaiter<bool>? WaitingWriters;
        public bool CompleteChannel;

        public readonly void Run(BoundedChannel<T> channel)
        {
            if (Writer is not null)
            {
                Writer.Complete(default!);
            }
            else if (WaitingWriters is not null)
            {
                BoundedChannelWaiter<bool>.CompleteAll(WaitingWriters, true);
            }

            if (CompleteChannel)
            {
                channel.CompleteChannel();
            }
        }
    }

    /// <summary>The waiters an enqueue released, completed after the lock is left.</summary>
    private struct AfterEnqueue
    {
        public BoundedChannelWaiter<T>? Reader;
        public BoundedChannelWaiter<bool>? WaitingReaders;

        public readonly void Run(T item)
        {
            if (Reader is not null)
            {
                Reader.Complete(item);
            }
            else if (WaitingReaders is not null)
            {
                BoundedChannelWaiter<bool>.CompleteAll(WaitingReaders, true);
            }
        }
    }
}
