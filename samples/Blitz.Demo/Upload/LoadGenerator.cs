using System.Diagnostics;
using System.Net;

namespace Blitz.Demo;

/// <summary>
/// The clients, together: they connect before the run, start at one signal, take request numbers from a shared
/// counter until the run's uploads are all taken or the run is stopped. An upload's latency runs from taking its
/// number (just before its header is sent) to reading the whole digest.
/// </summary>
internal sealed class LoadGenerator
{
    private readonly IReadOnlyList<UploadPayload> _payloads;
    private readonly int _requests;
    private readonly UploadClient[] _clients;
    private readonly long[] _takenAt;
    private readonly double[] _latenciesMs;
    private readonly ManualResetEventSlim _start = new();
    private readonly ManualResetEventSlim _allFinished = new();
    private int _running;
    private int _nextRequest;
    private int _completed;
    private int _wrongDigests;
    private int _faulted;
    private string? _firstError;
    private volatile bool _stopping;
    private long _startedAt;
    private long _lastCompletedAt;
    private long _abortedAt;

    public LoadGenerator(IPEndPoint server, IReadOnlyList<UploadPayload> payloads, int clients, int requests)
    {
        _payloads = payloads;
        _requests = requests;
        _takenAt = new long[requests];
        _latenciesMs = new double[requests];
        Array.Fill(_latenciesMs, double.NaN);
        _clients = new UploadClient[clients];
        for (int i = 0; i < clients; i++)
        {
            _clients[i] = new UploadClient(this, server, i);
        }

        _running = clients;
    }

    /// <summary>Uploads the clients have begun (completed or not).</summary>
    public int Started => Math.Min(Volatile.Read(ref _nextRequest), _requests);

    public int Completed => Volatile.Read(ref _completed);

    public int WrongDigests => Volatile.Read(ref _wrongDigests);

    /// <summary>Uploads that failed with an error while the run was still on (not those a cut-off interrupted).</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>From the start signal to the last completed upload (to now, if none completed).</summary>
    public TimeSpan Elapsed => Volatile.Read(ref _lastCompletedAt) is var last and not 0
        ? Stopwatch.GetElapsedTime(_startedAt, last)
        : Stopwatch.GetElapsedTime(_startedAt);

    /// <summary>The client threads' own allocations over the run.</summary>
    public long ClientAllocatedBytes => _clients.Sum(c => c.AllocatedBytes);

    /// <summary>One upload through the same path, before the run: JIT compilation and first-use setup do not count.</summary>
    public void WarmUp() => _clients[0].UploadOnce(_payloads[0]);

    /// <summary>Starts the client threads, then lets them all go at once.</summary>
    public void Start()
    {
        foreach (var client in _clients)
        {
            client.Start();
        }

        _startedAt = Stopwatch.GetTimestamp();
        _start.Set();
    }

    /// <summary>Waits until every client has finished, or the timeout; true if all finished.</summary>
    public bool WaitAll(TimeSpan timeout) => _allFinished.Wait(timeout);

    /// <summary>
    /// Ends a cut-off run: no client starts another upload; those in flight get <paramref name="grace"/> to finish,
    /// then their connections are closed.
    /// </summary>
    public void Stop(TimeSpan grace)
    {
        _stopping = true;
        if (WaitAll(grace))
        {
            return;
        }

        Volatile.Write(ref _abortedAt, Stopwatch.GetTimestamp());
        foreach (var client in _clients)
        {
            client.Abort();
        }

        foreach (var client in _clients)
        {
            client.Join(grace);
        }
    }

    /// <summary>
    /// The latencies of the completed uploads, and of those a cut-off interrupted, counted until the interruption.
    /// Read after the clients have finished.
    /// </summary>
    public Durations SummarizeLatencies()
    {
        long abortedAt = Volatile.Read(ref _abortedAt);
        var latenciesMs = new List<double>();
        int unfinished = 0;
        for (int i = 0; i < _latenciesMs.Length; i++)
        {
            if (!double.IsNaN(_latenciesMs[i]))
            {
                latenciesMs.Add(_latenciesMs[i]);
            }
            else if (_takenAt[i] != 0 && abortedAt != 0)
            {
                unfinished++;
                latenciesMs.Add(Stopwatch.GetElapsedTime(_takenAt[i], abortedAt).TotalMilliseconds);
            }
        }

        return Durations.From([.. latenciesMs], unfinished);
    }

    internal void WaitForStart() => _start.Wait();

    internal bool TryTakeRequest(out int requestId, out UploadPayload payload)
    {
        requestId = _stopping ? _requests : Interlocked.Increment(ref _nextRequest) - 1;
        payload = _payloads[requestId % _payloads.Count];
        if (requestId >= _requests)
        {
            return false;
        }

        _takenAt[requestId] = Stopwatch.GetTimestamp();
        return true;
    }

    internal void Complete(int requestId, bool correctDigest)
    {
        _latenciesMs[requestId] = Stopwatch.GetElapsedTime(_takenAt[requestId]).TotalMilliseconds;
        if (!correctDigest)
        {
            Interlocked.Increment(ref _wrongDigests);
        }

        Interlocked.Increment(ref _completed);
        Volatile.Write(ref _lastCompletedAt, Stopwatch.GetTimestamp());
    }

    internal void Fail(Exception exception)
    {
        if (_stopping)
        {
            return; // a cut-off closed the connection: the upload counts as unfinished, not as an error
        }

        Interlocked.Increment(ref _faulted);
        Interlocked.CompareExchange(ref _firstError, $"{exception.GetType().Name}: {exception.Message}", null);
    }

    internal void ClientFinished()
    {
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _allFinished.Set();
        }
    }
}
