using System.Diagnostics;
using System.Net;

namespace Blitz.Demo;

/// <summary>
/// The clients, together: they connect before the run, start at one signal, take request numbers from a shared
/// counter until the run's uploads are all taken or the run is stopped, and record each upload's latency as the
/// client saw it (from sending the header to reading the whole digest).
/// </summary>
internal sealed class LoadGenerator
{
    private readonly IReadOnlyList<UploadPayload> _payloads;
    private readonly int _requests;
    private readonly UploadClient[] _clients;
    private readonly double[] _latenciesMs;
    private readonly ManualResetEventSlim _start = new();
    private readonly ManualResetEventSlim _allFinished = new();
    private int _running;
    private int _nextRequest;
    private int _completed;
    private int _wrongDigests;
    private int _faulted;
    private int _abandoned;
    private string? _firstError;
    private volatile bool _stopping;
    private long _startedAt;
    private long _lastCompletedAt;

    public LoadGenerator(IPEndPoint server, IReadOnlyList<UploadPayload> payloads, int clients, int requests)
    {
        _payloads = payloads;
        _requests = requests;
        _latenciesMs = new double[requests];
        Array.Fill(_latenciesMs, double.NaN);
        _clients = new UploadClient[clients];
        for (int i = 0; i < clients; i++)
        {
            _clients[i] = new UploadClient(this, server, i);
        }

        _running = clients;
    }

    public int Completed => Volatile.Read(ref _completed);

    public int WrongDigests => Volatile.Read(ref _wrongDigests);

    /// <summary>Uploads that failed with an error while the run was still on.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    /// <summary>Uploads in flight when a cut-off run was stopped: neither completed nor counted as errors.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

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

        foreach (var client in _clients)
        {
            client.Abort();
        }

        foreach (var client in _clients)
        {
            client.Join(grace);
        }
    }

    /// <summary>The latencies of the completed uploads, in milliseconds, sorted.</summary>
    public double[] SortedLatenciesMs()
    {
        double[] completed = Array.FindAll(_latenciesMs, ms => !double.IsNaN(ms));
        Array.Sort(completed);
        return completed;
    }

    internal void WaitForStart() => _start.Wait();

    internal bool TryTakeRequest(out int requestId, out UploadPayload payload)
    {
        requestId = _stopping ? _requests : Interlocked.Increment(ref _nextRequest) - 1;
        payload = _payloads[requestId % _payloads.Count];
        return requestId < _requests;
    }

    internal void Complete(int requestId, TimeSpan latency, bool correctDigest)
    {
        _latenciesMs[requestId] = latency.TotalMilliseconds;
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
            Interlocked.Increment(ref _abandoned);
            return;
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
