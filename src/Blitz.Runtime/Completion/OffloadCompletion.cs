using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// A pooled work item that is also the <see cref="IValueTaskSource{TResult}"/> behind the <see cref="ValueTask{TResult}"/>
/// a spawn call returns. It is rented at spawn, completed on a pool thread, and returned to its pool only by the one
/// <see cref="GetResult"/> whose token matches, so a second await (or an await after reuse) throws instead of
/// reading another caller's result.
/// </summary>
/// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
/// <typeparam name="TResult">The work's result.</typeparam>
internal sealed class OffloadCompletion<TWork, TResult> : WorkItem, IValueTaskSource<TResult>, IValueTaskSource, IRecyclable
    where TWork : struct, IOffloadWork<TResult>
{
    private static readonly Action<object?> s_onTokenCanceled = static state =>
    {
        var item = (OffloadCompletion<TWork, TResult>)state!;
        item._pool!.Cancel(item);
    };

    // Continuations always run on the .NET ThreadPool (or the awaiter's captured context), never inline on a Blitz
    // thread: a blocking pool thread must not be hijacked by the caller's async code.
    private AwaitOnceCore<TResult> _core;
    private TWork _work;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellationRegistration;
    private ExecutionContext? _executionContext;

    // Cancellation needs the pool the item was handed to.
    private WorkerPool? _pool;

    private OffloadCompletion()
    {
    }

    public short Version => _core.Version;

    /// <summary>Rents an item and loads the work into it.</summary>
    public static OffloadCompletion<TWork, TResult> Rent(WorkerPool pool, in TWork work, CancellationToken cancellationToken, WorkPriority priority = WorkPriority.Normal)
    {
        OffloadCompletion<TWork, TResult> item = CompletionPool<OffloadCompletion<TWork, TResult>>.TryRent() ?? new OffloadCompletion<TWork, TResult>();
        item._pool = pool;
        item._work = work;
        item._cancellationToken = cancellationToken;
        item.Cancelable = cancellationToken.CanBeCanceled;
        item._executionContext = ExecutionContext.Capture();
        item.ResetForSubmission();
        item.Priority = priority;
        item._core.Arm();
        return item;
    }

    internal override CancellationToken CancellationToken => _cancellationToken;

    /// <summary>
    /// Registers for cancellation before the item is queued. If the token fires first, the callback marks the item
    /// <see cref="WorkItemState.CanceledOnArrival"/> and the pool refuses to queue it.
    /// </summary>
    public void RegisterCancellation()
    {
        if (Cancelable)
        {
            _cancellationRegistration = _cancellationToken.UnsafeRegister(s_onTokenCanceled, this);
        }
    }

    internal override void ReleaseCancellation()
    {
        // Dispose (not Unregister) waits for a callback that is already running, so that callback can never act on
        // this item after it has been recycled for another caller.
        _cancellationRegistration.Dispose();
        _cancellationRegistration = default;
    }

    internal override void Run(PoolWorker worker)
    {
        if (Cancelable)
        {
            ReleaseCancellation();
        }

        // The caller's ExecutionContext (AsyncLocal, Activity.Current) flows in as with Task.Run; the worker restores
        // its own clean context after every item, so nothing leaks from one item to the next.
        ExecutionContext? context = _executionContext;
        if (context is not null)
        {
            ExecutionContext.Restore(context);
        }

        TResult result;
        try
        {
            result = _work.Execute(_cancellationToken);
        }
        catch (OperationCanceledException exception) when (exception.CancellationToken == _cancellationToken && _cancellationToken.IsCancellationRequested)
        {
            Fail(worker, WorkOutcome.Canceled, exception);
            return;
        }
        catch (Exception exception)
        {
            Fail(worker, WorkOutcome.Faulted, exception);
            return;
        }

        // Count before completing: once completed, the awaiter may recycle this item at any moment.
        _work = default;
        worker.Record(WorkOutcome.Completed);
        _core.SetResult(result);
    }

    private void Fail(PoolWorker worker, WorkOutcome outcome, Exception exception)
    {
        _work = default;
        worker.Record(outcome);
        _core.SetException(exception);
    }

    internal override void CompleteCanceled(OperationCanceledException exception)
    {
        _work = default;
        _core.SetException(exception);
    }

    internal override void Discard()
    {
        ReleaseCancellation();
        _core.Reset();
        Recycle();
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    public TResult GetResult(short token) => _core.GetResultAndRecycle(token, this);

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    /// <inheritdoc/>
    public void Recycle()
    {
        _work = default;
        _cancellationToken = default;
        _cancellationRegistration = default;
        _executionContext = null;
        _pool = null;
        EnqueuedAt = 0;
        CompletionPool<OffloadCompletion<TWork, TResult>>.Return(this);
    }
}
