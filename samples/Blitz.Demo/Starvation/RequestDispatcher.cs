using System.Diagnostics;

namespace Blitz.Demo;

/// <summary>
/// Plays the web server: queues every request to the ThreadPool at once, as a server does when a burst arrives, runs
/// each as an async method, and counts completions.
/// </summary>
internal sealed class RequestDispatcher
{
    private readonly RequestWorkload _workload;
    private readonly int _requests;
    private readonly int _blockMs;
    private readonly ManualResetEventSlim _allCompleted = new();
    private int _completed;
    private int _wrongResults;
    private int _faulted;
    private long _lastCompletedAt;
    private string? _firstError;

    public RequestDispatcher(RequestWorkload workload, int requests, int blockMs)
    {
        _workload = workload;
        _requests = requests;
        _blockMs = blockMs;
    }

    public int Completed => Volatile.Read(ref _completed);

    public int WrongResults => Volatile.Read(ref _wrongResults);

    public int Faulted => Volatile.Read(ref _faulted);

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>When the last request completed (a <see cref="Stopwatch"/> timestamp), or 0.</summary>
    public long LastCompletedAt => Volatile.Read(ref _lastCompletedAt);

    public void DispatchAll()
    {
        for (int i = 0; i < _requests; i++)
        {
            ThreadPool.QueueUserWorkItem(static state => _ = state.Dispatcher.HandleRequestAsync(state.RequestId), (Dispatcher: this, RequestId: i), preferLocal: false);
        }
    }

    /// <summary>Waits for every request, or the timeout; true if all completed.</summary>
    public bool WaitAll(TimeSpan timeout) => _allCompleted.Wait(timeout);

    private async Task HandleRequestAsync(int requestId)
    {
        try
        {
            int result = await _workload.CallLibraryAsync(requestId, _blockMs);
            if (result != SyncLibrary.ExpectedResult(requestId))
            {
                Interlocked.Increment(ref _wrongResults);
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _faulted);
            Interlocked.CompareExchange(ref _firstError, $"{ex.GetType().Name}: {ex.Message}", null);
        }
        finally
        {
            if (Interlocked.Increment(ref _completed) == _requests)
            {
                Volatile.Write(ref _lastCompletedAt, Stopwatch.GetTimestamp());
                _allCompleted.Set();
            }
        }
    }
}
