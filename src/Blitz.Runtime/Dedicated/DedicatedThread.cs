namespace Blitz;

/// <summary>
/// A long-lived loop (bucket 4: a consumer thread, a sync event loop) running on a thread of its own, from
/// <see cref="BlitzRuntime.SpawnDedicated"/>. The loop receives a token that <see cref="RequestStop"/> cancels.
/// </summary>
/// <remarks>
/// The thread is a background thread (it does not keep the process alive) and inherits the spawner's
/// <see cref="ExecutionContext"/>, as <see cref="Task.Run(Action)"/> would. A loop that ends by throwing the
/// <see cref="OperationCanceledException"/> of its own token after a stop request has stopped normally.
/// </remarks>
public sealed class DedicatedThread : IAsyncDisposable
{
    private readonly Action<CancellationToken> _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DedicatedThread> _onExit;

    internal DedicatedThread(string name, Action<CancellationToken> loop, Action<DedicatedThread> onExit)
    {
        Name = name;
        _loop = loop;
        _onExit = onExit;
        Thread = new Thread(static state => ((DedicatedThread)state!).Run()) { IsBackground = true, Name = name };
    }

    /// <summary>The thread's name.</summary>
    public string Name { get; }

    /// <summary>Completes when the loop returns; faults with the loop's exception if it threw.</summary>
    public Task Completion => _completion.Task;

    internal Thread Thread { get; }

    /// <summary>Cancels the loop's token. The loop decides when to return; nothing is interrupted.</summary>
    public void RequestStop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered on the loop's token threw; the stop request itself took effect.
        }
    }

    /// <summary>Requests a stop, then waits for the loop to return.</summary>
    /// <returns>A task that completes as <see cref="Completion"/> does, rethrowing the loop's exception if it threw.</returns>
    public async ValueTask DisposeAsync()
    {
        RequestStop();
        await Completion.ConfigureAwait(false);
    }

    internal void Start() => Thread.Start(this);

    private void Run()
    {
        Exception? failure = null;
        try
        {
            _loop(_stop.Token);
        }
        catch (OperationCanceledException exception) when (exception.CancellationToken == _stop.Token)
        {
            // Stopped on request.
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // Leave the runtime's count before completing, so an awaiter of Completion sees the thread gone.
        _onExit(this);
        if (failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }
}
