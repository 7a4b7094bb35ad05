namespace Blitz;

public sealed partial class BlitzRuntime
{
    /// <summary>Runs blocking work on the blocking pool with a priority: queued high-priority work starts before queued normal work.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TWork, TResult>(TWork work, WorkPriority priority, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult>
        => Spawn<TWork, TResult>(_blocking, work, cancellationToken, priority);

    /// <summary>Runs blocking work without a result on the blocking pool with a priority.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="priority">The work's priority in the queue.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking<TWork>(TWork work, WorkPriority priority, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork
        => SpawnVoid(_blocking, work, cancellationToken, priority);

    /// <summary>Runs a delegate on the blocking pool with a priority; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="priority">The work's priority in the queue.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<DelegateWork<TState, TResult>, TResult>(_blocking, new DelegateWork<TState, TResult>(state, work), cancellationToken, priority);
    }

    /// <summary>Runs CPU-heavy work on the CPU pool with a priority: queued high-priority work starts before queued normal work.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="priority">The work's priority in the queue; normal work is delayed by high work, never starved (see <see cref="WorkPriority.High"/>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TWork, TResult>(TWork work, WorkPriority priority, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult>
        => Spawn<TWork, TResult>(_cpu, work, cancellationToken, priority);

    /// <summary>Runs CPU-heavy work without a result on the CPU pool with a priority.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="priority">The work's priority in the queue.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu<TWork>(TWork work, WorkPriority priority, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork
        => SpawnVoid(_cpu, work, cancellationToken, priority);

    /// <summary>Runs a delegate on the CPU pool with a priority; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="priority">The work's priority in the queue.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work, WorkPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<DelegateWork<TState, TResult>, TResult>(_cpu, new DelegateWork<TState, TResult>(state, work), cancellationToken, priority);
    }
}
