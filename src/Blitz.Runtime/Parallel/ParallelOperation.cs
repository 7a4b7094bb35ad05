using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// A data-parallel operation over the index range [0, count) on the CPU pool (bucket 5): a few runner work items
/// (one per thread it may use) claim chunks of the range from a shared counter until it is exhausted, so a thread
/// that finishes early takes the next chunk instead of idling behind a straggler. The caller awaits the operation
/// itself, which completes when the last runner leaves. Operations are pooled per closed type with their runners,
/// so a call allocates nothing in steady state.
/// </summary>
internal abstract class ParallelOperation : IValueTaskSource, IRecyclable
{
    // Automatic chunks aim at this much work each: long enough to amortize claiming, short enough to balance.
    private static readonly long s_targetChunkTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private AwaitOnceCore<bool> _core;
    private Runner[] _runners = [];
    private int _count;
    private int _next;
    private int _fixedChunkSize;
    private int _degree;
    private int _activeRunners;
    private int _processed;
    private volatile bool _stop;
    private OperationCanceledException? _shutdown;
    private CancellationToken _cancellationToken;
    private ExecutionContext? _executionContext;
    private List<Exception>? _errors;

    /// <summary>Processes the items [start, end) on the calling pool thread.</summary>
    protected abstract void Process(int start, int end);

    /// <summary>Clears the operation's inputs and returns it to its pool.</summary>
    protected abstract void ReturnToPool();

    /// <summary>Starts the runners; the returned task completes when every chunk ran or the operation stopped.</summary>
    protected ValueTask Start(WorkerPool pool, int poolThreads, int count, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        _core.Arm();
        _count = count;
        _next = 0;
        _processed = 0;
        _stop = false;
        _shutdown = null;
        _errors = null;
        _cancellationToken = cancellationToken;
        _executionContext = ExecutionContext.Capture();
        _fixedChunkSize = options?.ChunkSize ?? 0;
        int maxDegree = options is { MaxDegreeOfParallelism: > 0 } ? Math.Min(options.MaxDegreeOfParallelism, poolThreads) : poolThreads;
        int chunks = _fixedChunkSize > 0 ? (int)Math.Min(int.MaxValue, ((long)count + _fixedChunkSize - 1) / _fixedChunkSize) : count;
        _degree = Math.Max(1, Math.Min(maxDegree, chunks));

        var task = new ValueTask(this, _core.Version);
        if (count == 0 || cancellationToken.IsCancellationRequested)
        {
            Finish();
            return task;
        }

        if (_runners.Length < _degree)
        {
            Array.Resize(ref _runners, _degree);
        }

        Volatile.Write(ref _activeRunners, _degree);
        for (int i = 0; i < _degree; i++)
        {
            Runner runner = _runners[i] ??= new Runner(this);
            runner.ResetForSubmission();
            runner.Priority = WorkPriority.Normal;
            if (!pool.Submit(runner, waitForRoom: true))
            {
                // The runtime is shutting down. Runners already accepted finish the whole range between them.
                if (i == 0)
                {
                    // Nobody will await the task this call never returned: make it stale and recycle.
                    _core.Reset();
                    Recycle();
                    throw new ObjectDisposedException(nameof(BlitzRuntime), "The Blitz runtime was disposed; it accepts no more work.");
                }

                if (Interlocked.Add(ref _activeRunners, -(_degree - i)) == 0)
                {
                    Finish();
                }

                break;
            }
        }

        return task;
    }

    private void RunChunks()
    {
        if (_executionContext is { } context)
        {
            ExecutionContext.Restore(context);
        }

        bool automatic = _fixedChunkSize == 0;
        int size = automatic ? 1 : _fixedChunkSize;
        while (!_stop)
        {
            // The only cancellation check, before each claim: once the token reads canceled this runner claims nothing
            // more, so after a cancel each runner finishes at most the one chunk it claimed just before.
            if (_cancellationToken.IsCancellationRequested)
            {
                _stop = true;
                return;
            }

            int start = Interlocked.Add(ref _next, size) - size;
            if (start >= _count || start < 0)
            {
                return;
            }

            int end = (int)Math.Min(_count, (long)start + size);
            long began = automatic ? Stopwatch.GetTimestamp() : 0;
            try
            {
                Process(start, end);
            }
            catch (Exception exception)
            {
                AddError(exception);
                _stop = true;
                return;
            }

            Interlocked.Add(ref _processed, end - start);
            if (automatic)
            {
                size = NextChunkSize(size, end - start, Stopwatch.GetTimestamp() - began);
            }
        }
    }

    /// <summary>Sizes the next chunk to about 50 µs, growing at most 4x per step, and keeps 4 chunks per runner in what is left.</summary>
    private int NextChunkSize(int size, int processed, long elapsedTicks)
    {
        long perItem = Math.Max(1, elapsedTicks / Math.Max(1, processed));
        long wanted = Math.Clamp(s_targetChunkTicks / perItem, 1, (long)size * 4);
        long remaining = _count - (long)Volatile.Read(ref _next);
        long balanced = Math.Max(1, remaining / (_degree * 4L));
        return (int)Math.Max(1, Math.Min(wanted, balanced));
    }

    private void AddError(Exception exception)
    {
        lock (_runners)
        {
            (_errors ??= []).Add(exception);
        }
    }

    private void RunnerFinished(PoolWorker worker)
    {
        worker.Record(WorkOutcome.Completed);
        LeaveRunner();
    }

    /// <summary>A runner canceled by a shutdown before it started: the range may be left unprocessed.</summary>
    private void RunnerSkipped(OperationCanceledException shutdown)
    {
        _shutdown = shutdown;
        _stop = true;
        LeaveRunner();
    }

    private void LeaveRunner()
    {
        if (Interlocked.Decrement(ref _activeRunners) == 0)
        {
            Finish();
        }
    }

    /// <summary>
    /// Completes the operation: one failure is rethrown as it is, several as one <see cref="AggregateException"/>;
    /// failures win over cancellation, and an operation whose every item ran succeeds even if its token fired late.
    /// </summary>
    private void Finish()
    {
        List<Exception>? errors = _errors;
        if (errors is null && Volatile.Read(ref _processed) == _count)
        {
            _core.SetResult(true);
        }
        else if (errors is { Count: 1 })
        {
            _core.SetException(errors[0]);
        }
        else if (errors is { Count: > 1 })
        {
            _core.SetException(new AggregateException(errors));
        }
        else if (_shutdown is not null)
        {
            _core.SetException(_shutdown);
        }
        else
        {
            _core.SetException(new OperationCanceledException(_cancellationToken));
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    public void GetResult(short token) => _core.GetResultAndRecycle(token, this);

    /// <inheritdoc/>
    public void Recycle()
    {
        _cancellationToken = default;
        _executionContext = null;
        _errors = null;
        ReturnToPool();
    }

    /// <summary>One thread's share of the operation, queued on the CPU pool.</summary>
    private sealed class Runner(ParallelOperation operation) : WorkItem
    {
        internal override void Run(PoolWorker worker)
        {
            operation.RunChunks();
            operation.RunnerFinished(worker);
        }

        // Runners register no cancellation: the token is checked between chunks, and the operation must wait for
        // every runner anyway before the caller may touch its buffers again.
        internal override void CompleteCanceled(OperationCanceledException exception) => operation.RunnerSkipped(exception);

        internal override CancellationToken CancellationToken => default;

        internal override void ReleaseCancellation()
        {
        }

        // A refused runner is handled by Start, which sees the refusal.
        internal override void Discard()
        {
        }
    }
}
