namespace Blitz;

/// <summary>
/// The Blitz runtime: a blocking pool (bucket 3), a CPU pool (bucket 5) and dedicated threads (bucket 4), all
/// separate from the .NET ThreadPool that runs async continuations.
/// </summary>
public sealed class BlitzRuntime : IAsyncDisposable, IDisposable
{
    /// <summary>The process-wide runtime, created with default options on first use unless <see cref="ConfigureDefault"/> ran first.</summary>
    public static BlitzRuntime Default => throw new NotImplementedException();

    /// <summary>Sets the options of <see cref="Default"/>; call it before the first use of <see cref="Default"/>.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="InvalidOperationException"><see cref="Default"/> was already created.</exception>
    public static void ConfigureDefault(BlitzOptions options) => throw new NotImplementedException();

    /// <summary>Creates a runtime. Its threads start on demand.</summary>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    public BlitzRuntime(BlitzOptions? options = null) => throw new NotImplementedException();

    /// <summary>Raised on a monitor thread when a ThreadPool probe starts later than <see cref="BlitzOptions.StallThreshold"/>.</summary>
#pragma warning disable CS0067 // raised by the stall monitor
    public event EventHandler<StallEventArgs>? StallDetected;
#pragma warning restore CS0067

    /// <summary>Runs blocking work on the blocking pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TWork, TResult>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult> => throw new NotImplementedException();

    /// <summary>Runs blocking work without a result on the blocking pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking<TWork>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork => throw new NotImplementedException();

    /// <summary>Runs a delegate on the blocking pool; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Runs blocking work on the blocking pool if its queue has room.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="completion">The work's result when accepted; <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    public bool TrySpawnBlocking<TWork, TResult>(TWork work, out ValueTask<TResult> completion, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult> => throw new NotImplementedException();

    /// <summary>Runs CPU-heavy work on the CPU pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TWork, TResult>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult> => throw new NotImplementedException();

    /// <summary>Runs CPU-heavy work without a result on the CPU pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu<TWork>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork => throw new NotImplementedException();

    /// <summary>Runs a delegate on the CPU pool; with a <see langword="static"/> lambda nothing is allocated.</summary>
    /// <typeparam name="TState">The state passed to the delegate.</typeparam>
    /// <typeparam name="TResult">The delegate's result.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="work">The delegate.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the delegate once it runs.</param>
    /// <returns>The delegate's result. Await it once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Starts a long-lived loop (bucket 4) on a thread of its own.</summary>
    /// <param name="name">The thread's name.</param>
    /// <param name="loop">The loop; it should return when its token is canceled.</param>
    /// <returns>The dedicated thread.</returns>
    public DedicatedThread SpawnDedicated(string name, Action<CancellationToken> loop) => throw new NotImplementedException();

    /// <summary>Takes a snapshot of the runtime's counters.</summary>
    /// <returns>The snapshot.</returns>
    public BlitzMetrics GetMetrics() => throw new NotImplementedException();

    /// <summary>Stops accepting work, drains or cancels queued work, stops dedicated threads and joins every thread.</summary>
    /// <returns>A task that completes when every thread the runtime started has exited.</returns>
    public ValueTask DisposeAsync() => throw new NotImplementedException();

    /// <summary>Disposes the runtime synchronously; see <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => throw new NotImplementedException();
}
