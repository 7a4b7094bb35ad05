namespace Blitz.Demo;

/// <summary>
/// Blitz's own stall monitor, switched on in every mode: a runtime used for nothing but its monitor (its pools start
/// lazily, so it starts no other thread), counting the stalls it reports. It shows what an operator would see in
/// production, next to the demo's finer-grained probe.
/// </summary>
internal sealed class StallWatch : IDisposable
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(50);

    // The monitor's default probe interval (100 ms) plus a margin.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(150);

    private readonly BlitzRuntime _runtime;
    private readonly object _lock = new();
    private int _stalls;
    private TimeSpan _worst;

    public StallWatch()
    {
        _runtime = new BlitzRuntime(new BlitzOptions { StallThreshold = Threshold, ThreadNamePrefix = "watch" });
        _runtime.StallDetected += OnStall;
    }

    /// <summary>
    /// Reads the stalls reported so far, after giving the monitor time to report the probe it had in flight: that
    /// probe runs as soon as the pool frees up, but the report comes from the monitor's thread a moment later.
    /// </summary>
    public (int Stalls, TimeSpan Worst) Read()
    {
        Thread.Sleep(SettleTime);

        lock (_lock)
        {
            return (_stalls, _worst);
        }
    }

    public void Dispose() => _runtime.Dispose();

    private void OnStall(object? sender, StallEventArgs e)
    {
        lock (_lock)
        {
            _stalls++;
            _worst = e.Delay > _worst ? e.Delay : _worst;
        }
    }
}
