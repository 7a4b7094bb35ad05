namespace Blitz;

// The delegate shapes of Task.Run next to the state-taking one of BlitzRuntime.cs: a void delegate with state, and
// delegates without state, with and without a result. Each wraps its delegate in a struct work item, so a call with a
// static lambda allocates nothing.
public sealed partial class BlitzRuntime
{
    /// <summary>Runs a delegate without a result on the blocking pool; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking<TState>(TState state, Action<TState, CancellationToken> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_blocking, new ActionWork<TState>(state, work), cancellationToken);
    }

    /// <summary>Runs a delegate on the blocking pool, like <see cref="Task.Run{TResult}(Func{TResult})"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TResult>(Func<CancellationToken, TResult> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<StatelessDelegateWork<TResult>, TResult>(_blocking, new StatelessDelegateWork<TResult>(work), cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the blocking pool, like <see cref="Task.Run(Action)"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking(Action<CancellationToken> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_blocking, new StatelessActionWork(work), cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the CPU pool; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu<TState>(TState state, Action<TState, CancellationToken> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_cpu, new ActionWork<TState>(state, work), cancellationToken);
    }

    /// <summary>Runs a delegate on the CPU pool, like <see cref="Task.Run{TResult}(Func{TResult})"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TResult>(Func<CancellationToken, TResult> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<StatelessDelegateWork<TResult>, TResult>(_cpu, new StatelessDelegateWork<TResult>(work), cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the CPU pool, like <see cref="Task.Run(Action)"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu(Action<CancellationToken> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_cpu, new StatelessActionWork(work), cancellationToken);
    }

    /// <summary>Runs a delegate without a result on the blocking pool with a priority; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking<TState>(TState state, Action<TState, CancellationToken> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_blocking, new ActionWork<TState>(state, work), cancellationToken, priority);
    }

    /// <summary>Runs a delegate on the blocking pool with a priority, like <see cref="Task.Run{TResult}(Func{TResult})"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TResult>(Func<CancellationToken, TResult> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<StatelessDelegateWork<TResult>, TResult>(_blocking, new StatelessDelegateWork<TResult>(work), cancellationToken, priority);
    }

    /// <summary>Runs a delegate without a result on the blocking pool with a priority, like <see cref="Task.Run(Action)"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking(Action<CancellationToken> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_blocking, new StatelessActionWork(work), cancellationToken, priority);
    }

    /// <summary>Runs a delegate without a result on the CPU pool with a priority; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu<TState>(TState state, Action<TState, CancellationToken> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_cpu, new ActionWork<TState>(state, work), cancellationToken, priority);
    }

    /// <summary>Runs a delegate on the CPU pool with a priority, like <see cref="Task.Run{TResult}(Func{TResult})"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TResult>(Func<CancellationToken, TResult> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<StatelessDelegateWork<TResult>, TResult>(_cpu, new StatelessDelegateWork<TResult>(work), cancellationToken, priority);
    }

    /// <summary>Runs a delegate without a result on the CPU pool with a priority, like <see cref="Task.Run(Action)"/>; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <param name="work">The delegate; pass state through the overload that takes it rather than capturing it, which allocates.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>A task that completes when the delegate did. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu(Action<CancellationToken> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SpawnVoid(_cpu, new StatelessActionWork(work), cancellationToken, priority);
    }
}
