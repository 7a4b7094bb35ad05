using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// One worker of a pipeline stage: its counters (written only by the worker, read by metrics without a lock) and the
/// reusable signal an ordered stage parks it on while an earlier item still has to leave.
/// </summary>
internal sealed class StageWorker : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _turn = new() { RunContinuationsAsynchronously = true };
    private long _itemsIn;
    private long _itemsOut;
    private long _failures;
    private long _busyTicks;

    public StageWorker(int index) => Index = index;

    public int Index { get; }

    /// <summary>The sequence number of the item the worker holds (ordered stages).</summary>
    public long Sequence { get; set; }

    public long ItemsIn => Volatile.Read(ref _itemsIn);

    public long ItemsOut => Volatile.Read(ref _itemsOut);

    public long Failures => Volatile.Read(ref _failures);

    public TimeSpan BusyTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _busyTicks));

    public void CountIn() => Volatile.Write(ref _itemsIn, _itemsIn + 1);

    public void CountOut() => Volatile.Write(ref _itemsOut, _itemsOut + 1);

    public void CountFailure() => Volatile.Write(ref _failures, _failures + 1);

    public void AddBusy(long startTimestamp) => Volatile.Write(ref _busyTicks, _busyTicks + (Stopwatch.GetTimestamp() - startTimestamp));

    public WorkerMetrics GetMetrics() => new(Index, ItemsIn, ItemsOut, Failures, BusyTime);

    // ---- the turn signal: armed by the worker under the gate's lock, set once by whoever passes the turn on ----

    public ValueTask<bool> ParkForTurn()
    {
        _turn.Reset();
        return new ValueTask<bool>(this, _turn.Version);
    }

    public void GrantTurn(bool granted) => _turn.SetResult(granted);

    bool IValueTaskSource<bool>.GetResult(short token) => _turn.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _turn.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _turn.OnCompleted(continuation, state, token, flags);
}
