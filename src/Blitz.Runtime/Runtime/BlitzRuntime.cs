using System.Diagnostics.CodeAnalysis;

namespace Blitz;

/// <summary>
/// The Blitz runtime: a blocking pool (bucket 3), a CPU pool (bucket 5) and dedicated threads (bucket 4), all
/// separate from the .NET ThreadPool that runs async continuations.
/// </summary>
public sealed partial class BlitzRuntime : IAsyncDisposable, IDisposable
{
    private static readonly Lock s_defaultLock = new();
    private static BlitzRuntime? s_default;
    private static BlitzOptions? s_defaultOptions;

    private readonly WorkerPool _blocking;
    private readonly WorkerPool _cpu;
    private readonly int _cpuThreads;
    private readonly PoolInstruments _instruments;
    private readonly StallMonitor? _stallMonitor;
    private readonly TimeSpan _dedicatedStopTimeout;
    private readonly HashSet<DedicatedThread> _dedicated = [];
    private readonly List<DedicatedThread> _stoppedDedicated = [];
    private Task? _disposal;
    private int _disposed;

    /// <summary>
    /// The process-wide runtime, created with default options on first use unless <see cref="ConfigureDefault"/> ran
    /// first, or the runtime a host set with <see cref="TrySetDefault"/>.
    /// </summary>
    public static BlitzRuntime Default => Volatile.Read(ref s_default) ?? CreateDefault();

    /// <summary>Sets the options of <see cref="Default"/>; call it before the first use of <see cref="Default"/>.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="InvalidOperationException"><see cref="Default"/> was already created.</exception>
    public static void ConfigureDefault(BlitzOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (s_defaultLock)
        {
            if (s_default is not null)
            {
                throw new InvalidOperationException("BlitzRuntime.Default is already in use; call ConfigureDefault before its first use.");
            }

            s_defaultOptions = options.Clone();
        }
    }

    /// <summary>
    /// Makes <paramref name="runtime"/> the <see cref="Default"/>, for a host that creates, configures and disposes
    /// the runtime itself (the generated wrappers use <see cref="Default"/>).
    /// </summary>
    /// <remarks>
    /// A default that is still in use is never replaced, since it may hold queued work: the call succeeds only if
    /// <see cref="Default"/> was not created yet, is <paramref name="runtime"/> already, or was disposed. The caller
    /// keeps ownership: once it disposes <paramref name="runtime"/>, <see cref="Default"/> still returns it (its
    /// spawns throw <see cref="ObjectDisposedException"/>, so late work fails visibly instead of starting a new
    /// runtime) until another runtime is set.
    /// </remarks>
    /// <param name="runtime">The runtime.</param>
    /// <returns>
    /// <see langword="true"/> if <paramref name="runtime"/> is now the default; <see langword="false"/> if another
    /// runtime that was not disposed is.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="runtime"/> was disposed.</exception>
    public static bool TrySetDefault(BlitzRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        runtime.ThrowIfDisposed();
        lock (s_defaultLock)
        {
            if (s_default is { } current && !ReferenceEquals(current, runtime) && Volatile.Read(ref current._disposed) == 0)
            {
                return false;
            }

            Volatile.Write(ref s_default, runtime);
            return true;
        }
    }

    /// <summary>Creates a runtime. Its threads start on demand.</summary>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    public BlitzRuntime(BlitzOptions? options = null)
    {
        BlitzOptions settings = options?.Clone() ?? new BlitzOptions();
        _dedicatedStopTimeout = settings.DedicatedStopTimeout;
        _instruments = new PoolInstruments(settings.Name, settings.MeterFactory);
        _blocking = new WorkerPool("blocking", settings.ThreadNamePrefix, settings.MaxBlockingThreads, settings.BlockingKeepAlive, settings.BlockingQueueCapacity, settings.ShutdownMode, _instruments, growWhenBlocked: true);
        _cpuThreads = settings.CpuThreads;
        _cpu = new WorkerPool("cpu", settings.ThreadNamePrefix, settings.CpuThreads, Timeout.InfiniteTimeSpan, capacity: null, settings.ShutdownMode, _instruments, growWhenBlocked: false);
        _instruments.Observe(GetMetrics);
        if (settings.StallThreshold is TimeSpan threshold)
        {
            _stallMonitor = new StallMonitor(settings.ThreadNamePrefix, threshold, settings.StallProbeInterval, _instruments.Meter, _instruments.RuntimeTag, OnStall);
        }
    }

    /// <summary>Raised on a monitor thread when a ThreadPool probe starts later than <see cref="BlitzOptions.StallThreshold"/>.</summary>
    /// <remarks>
    /// The event is raised once per late probe, when the probe finally starts, with its full delay. Each stall is
    /// also recorded on the <c>blitz.threadpool.stalls</c> histogram and written as an event of the <c>Blitz</c>
    /// event source. A handler that throws does not stop the monitor.
    /// </remarks>
    public event EventHandler<StallEventArgs>? StallDetected;

    /// <summary>Runs blocking work on the blocking pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnBlocking<TWork, TResult>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult>
        => Spawn<TWork, TResult>(_blocking, work, cancellationToken);

    /// <summary>Runs blocking work without a result on the blocking pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnBlocking<TWork>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork
        => SpawnVoid(_blocking, work, cancellationToken);

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
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<DelegateWork<TState, TResult>, TResult>(_blocking, new DelegateWork<TState, TResult>(state, work), cancellationToken);
    }

    /// <summary>Runs blocking work on the blocking pool if its queue has room.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="completion">The work's result when accepted; <see langword="default"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns><see langword="true"/> if the work was accepted; <see langword="false"/> if the queue is full or the runtime was disposed.</returns>
    public bool TrySpawnBlocking<TWork, TResult>(TWork work, out ValueTask<TResult> completion, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult>
    {
        OffloadCompletion<TWork, TResult>? item = TrySubmitBlocking<TWork, TResult>(work, cancellationToken);
        completion = item is null ? default : new ValueTask<TResult>(item, item.Version);
        return item is not null;
    }

    /// <summary>Runs CPU-heavy work on the CPU pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>The work's result. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TResult> SpawnCpu<TWork, TResult>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork<TResult>
        => Spawn<TWork, TResult>(_cpu, work, cancellationToken);

    /// <summary>Runs CPU-heavy work without a result on the CPU pool.</summary>
    /// <typeparam name="TWork">The struct that holds the work's inputs.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started; passed to the work once it runs.</param>
    /// <returns>A task that completes when the work did. Await it once.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask SpawnCpu<TWork>(TWork work, CancellationToken cancellationToken = default)
        where TWork : struct, IOffloadWork
        => SpawnVoid(_cpu, work, cancellationToken);

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
    {
        ArgumentNullException.ThrowIfNull(work);
        return Spawn<DelegateWork<TState, TResult>, TResult>(_cpu, new DelegateWork<TState, TResult>(state, work), cancellationToken);
    }

    /// <summary>Starts a long-lived loop (bucket 4) on a thread of its own.</summary>
    /// <param name="name">The thread's name.</param>
    /// <param name="loop">The loop; it should return when its token is canceled.</param>
    /// <returns>The dedicated thread.</returns>
    public DedicatedThread SpawnDedicated(string name, Action<CancellationToken> loop)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(loop);
        var thread = new DedicatedThread(name, loop, OnDedicatedExit);
        lock (_dedicated)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _dedicated.Add(thread);
        }

        thread.Start();
        return thread;
    }

    /// <summary>The runtime's <c>Blitz</c> meter, for instruments of other Blitz components (pipelines).</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _instruments.Meter;

    /// <summary>The tag that names this runtime on every measurement of its meter (<see cref="BlitzOptions.Name"/>).</summary>
    internal KeyValuePair<string, object?> RuntimeTag => _instruments.RuntimeTag;

    /// <summary>Takes a snapshot of the dedicated threads whose loops are still running.</summary>
    /// <returns>The threads, in no particular order.</returns>
    /// <remarks>After disposal stopped waiting for them, these are the threads that ignore their stop token.</remarks>
    public IReadOnlyList<DedicatedThread> GetDedicatedThreads()
    {
        lock (_dedicated)
        {
            return [.. _dedicated];
        }
    }

    private void OnStall(StallEventArgs stall) => StallDetected?.Invoke(this, stall);

    private void OnDedicatedExit(DedicatedThread thread)
    {
        lock (_dedicated)
        {
            _dedicated.Remove(thread);
            if (_disposed != 0)
            {
                _stoppedDedicated.Add(thread);
            }
        }
    }

    /// <summary>Takes a snapshot of the runtime's counters.</summary>
    /// <returns>The snapshot.</returns>
    public BlitzMetrics GetMetrics()
    {
        int dedicated;
        lock (_dedicated)
        {
            dedicated = _dedicated.Count;
        }

        return new BlitzMetrics(_blocking.GetMetrics(), _cpu.GetMetrics(), dedicated);
    }

    /// <summary>
    /// Stops accepting work, drains or cancels queued work (by <see cref="BlitzOptions.ShutdownMode"/>), asks
    /// dedicated threads to stop, and joins every thread it started.
    /// </summary>
    /// <remarks>
    /// Accepted work is never abandoned: disposal waits for it however long it runs. Dedicated loops are waited for at
    /// most <see cref="BlitzOptions.DedicatedStopTimeout"/> after they were asked to stop; a loop that ignores its
    /// token is left running (on a background thread) and reported by a
    /// <see cref="DedicatedThreadTimeoutException"/> that names it, thrown once everything else has shut down. Only
    /// the call that begins disposal throws it; a later call waits for the same shutdown and returns.
    /// </remarks>
    /// <returns>A task that completes when every thread the runtime started has exited, or was given up on.</returns>
    /// <exception cref="DedicatedThreadTimeoutException">
    /// Dedicated threads did not return within <see cref="BlitzOptions.DedicatedStopTimeout"/>.
    /// </exception>
    public ValueTask DisposeAsync()
    {
        lock (_dedicated)
        {
            if (_disposal is null)
            {
                Volatile.Write(ref _disposed, 1);
                _disposal = ShutdownAsync();
                return new ValueTask(_disposal);
            }
        }

        return AwaitShutdownAsync(_disposal);

        static async ValueTask AwaitShutdownAsync(Task disposal)
        {
            await disposal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = disposal.Exception; // Observed: the first caller was told; no UnobservedTaskException later.
        }
    }

    /// <summary>Disposes the runtime synchronously; see <see cref="DisposeAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Called on a thread of this runtime's pools, which would wait for itself.</exception>
    /// <exception cref="DedicatedThreadTimeoutException">
    /// Dedicated threads did not return within <see cref="BlitzOptions.DedicatedStopTimeout"/>.
    /// </exception>
    public void Dispose()
    {
        if (BlitzThread.IsCurrent)
        {
            throw new InvalidOperationException("A Blitz runtime cannot be disposed synchronously from one of its own threads, which disposal joins; use DisposeAsync.");
        }

        DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static BlitzRuntime CreateDefault()
    {
        lock (s_defaultLock)
        {
            return s_default ??= new BlitzRuntime(s_defaultOptions);
        }
    }

    private ValueTask<TResult> Spawn<TWork, TResult>(WorkerPool pool, in TWork work, CancellationToken cancellationToken, WorkPriority priority = WorkPriority.Normal)
        where TWork : struct, IOffloadWork<TResult>
    {
        OffloadCompletion<TWork, TResult> item = OffloadCompletion<TWork, TResult>.Rent(pool, work, cancellationToken, priority);
        if (!Submit(pool, item, waitForRoom: true))
        {
            ThrowDisposed();
        }

        return new ValueTask<TResult>(item, item.Version);
    }

    private ValueTask SpawnVoid<TWork>(WorkerPool pool, in TWork work, CancellationToken cancellationToken, WorkPriority priority = WorkPriority.Normal)
        where TWork : struct, IOffloadWork
    {
        var item = OffloadCompletion<VoidWork<TWork>, VoidResult>.Rent(pool, new VoidWork<TWork>(work), cancellationToken, priority);
        if (!Submit(pool, item, waitForRoom: true))
        {
            ThrowDisposed();
        }

        return new ValueTask(item, item.Version);
    }

    /// <summary>
    /// The one path of every Try form: hands the work to the blocking pool without waiting for room; the submitted item,
    /// or null when it was refused (a full queue or a disposed runtime, counted as rejected).
    /// </summary>
    private OffloadCompletion<TWork, TResult>? TrySubmitBlocking<TWork, TResult>(in TWork work, CancellationToken cancellationToken)
        where TWork : struct, IOffloadWork<TResult>
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            _blocking.CountRejected();
            return null;
        }

        OffloadCompletion<TWork, TResult> item = OffloadCompletion<TWork, TResult>.Rent(_blocking, work, cancellationToken);
        return Submit(_blocking, item, waitForRoom: false) ? item : null;
    }

    /// <summary>Hands a rented item to a pool, which owns it from then on; false when the pool refused (and discarded) it.</summary>
    private static bool Submit<TWork, TResult>(WorkerPool pool, OffloadCompletion<TWork, TResult> item, bool waitForRoom)
        where TWork : struct, IOffloadWork<TResult>
    {
        item.RegisterCancellation();
        return pool.Submit(item, waitForRoom);
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once disposal has begun.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    [DoesNotReturn]
    private void ThrowDisposed() => throw new ObjectDisposedException(nameof(BlitzRuntime), "The Blitz runtime was disposed; it accepts no more work.");

    private async Task ShutdownAsync()
    {
        // Stop accepting, then drain (or cancel) queued work while dedicated loops are asked to stop.
        _stallMonitor?.RequestStop();
        _blocking.BeginShutdown();
        _cpu.BeginShutdown();

        DedicatedThread[] loops;
        lock (_dedicated)
        {
            loops = [.. _dedicated];
        }

        foreach (DedicatedThread loop in loops)
        {
            loop.RequestStop();
        }

        // Wait for the loops, but not forever: a loop that ignores its token would otherwise hang disposal (and a
        // host's shutdown) for good. A loop that faulted is reported through its own Completion, so the wait is on
        // tasks that never fault, and the timeout is read below: nothing here is left unobserved.
        Task waited = Task.WhenAll(Array.ConvertAll(loops, static loop => ReturnedAsync(loop.Completion))).WaitAsync(_dedicatedStopTimeout);
        await waited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = waited.Exception;

        await _blocking.WaitForThreadsAsync().ConfigureAwait(false);
        await _cpu.WaitForThreadsAsync().ConfigureAwait(false);

        DedicatedThread[] stopped;
        lock (_dedicated)
        {
            stopped = [.. _stoppedDedicated];
            _stoppedDedicated.Clear();
        }

        foreach (DedicatedThread loop in stopped)
        {
            loop.Thread.Join();
        }

        _stallMonitor?.Join();
        _instruments.Dispose();

        string[] stillRunning = [.. loops.Where(static loop => !loop.Completion.IsCompleted).Select(static loop => loop.Name)];
        if (stillRunning.Length > 0)
        {
            throw new DedicatedThreadTimeoutException(stillRunning, _dedicatedStopTimeout);
        }

        static async Task ReturnedAsync(Task completion) => await completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
