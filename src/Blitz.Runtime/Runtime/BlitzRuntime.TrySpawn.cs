namespace Blitz;

// The Try forms of SpawnBlocking for the other work shapes: work without a result, and the delegate shapes of
// BlitzRuntime.Delegates.cs. Like the struct form, they never wait for room in a full queue, so a caller can shed
// load instead of queueing behind the bound, and they allocate nothing per call with a static lambda.
public sealed partial class BlitzRuntime
{
    /// <summary>Runs blocking work without a result on the blocking pool if its queue has room.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="completion">Completes when the work did, when accepted (await it once); <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    public bool TrySpawnBlocking<TWork>(TWork work, out ValueTask completion, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork
        => TrySpawnVoid(work, out completion, cancellationToken);

    /// <summary>Runs a delegate on the blocking pool if its queue has room; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="completion">The delegate's result when accepted (await it once); <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    public bool TrySpawnBlocking<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work, out ValueTask<TResult> completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TrySpawnBlocking<DelegateWork<TState, TResult>, TResult>(new DelegateWork<TState, TResult>(state, work), out completion, cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the blocking pool if its queue has room; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="completion">Completes when the delegate did, when accepted (await it once); <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    public bool TrySpawnBlocking<TState>(TState state, Action<TState, CancellationToken> work, out ValueTask completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TrySpawnVoid(new ActionWork<TState>(state, work), out completion, cancellationToken);
    }

    /// <summary>Runs a delegate on the blocking pool if its queue has room; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="completion">The delegate's result when accepted (await it once); <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    public bool TrySpawnBlocking<TResult>(Func<CancellationToken, TResult> work, out ValueTask<TResult> completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TrySpawnBlocking<StatelessDelegateWork<TResult>, TResult>(new StatelessDelegateWork<TResult>(work), out completion, cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the blocking pool if its queue has room; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="completion">Completes when the delegate did, when accepted (await it once); <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    public bool TrySpawnBlocking(Action<CancellationToken> work, out ValueTask completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TrySpawnVoid(new StatelessActionWork(work), out completion, cancellationToken);
    }

    private bool TrySpawnVoid<TWork>(in TWork work, out ValueTask completion, CancellationToken cancellationToken)
        where TWork : struct, IOffloadWork
    {
        var item = TrySubmitBlocking<VoidWork<TWork>, VoidResult>(new VoidWork<TWork>(work), cancellationToken);
        completion = item is null ? default : new ValueTask(item, item.Version);
        return item is not null;
    }
}
