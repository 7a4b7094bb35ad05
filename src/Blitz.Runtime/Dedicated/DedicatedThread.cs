namespace Blitz;

/// <summary>A long-lived loop (bucket 4) running on a thread of its own, from <see cref="BlitzRuntime.SpawnDedicated"/>.</summary>
public sealed class DedicatedThread : IAsyncDisposable
{
    private DedicatedThread() => throw new NotImplementedException();

    /// <summary>The thread's name.</summary>
    public string Name => throw new NotImplementedException();

    /// <summary>Completes when the loop returns; faults if it threw.</summary>
    public Task Completion => throw new NotImplementedException();

    /// <summary>Cancels the loop's token.</summary>
    public void RequestStop() => throw new NotImplementedException();

    /// <summary>Requests a stop, then waits for the loop to return.</summary>
    /// <returns>A task that completes with <see cref="Completion"/>.</returns>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
