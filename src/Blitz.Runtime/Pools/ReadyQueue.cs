namespace Blitz;

/// <summary>
/// A pool's ready work in two FIFO lanes: high-priority items are taken first, but after
/// <see cref="HighPriorityBurst"/> high items in a row while normal work waits, the oldest normal item goes next, so
/// normal work is delayed, never starved. Not thread-safe: guarded by the pool's lock.
/// </summary>
internal sealed class ReadyQueue
{
    /// <summary>The most high-priority items taken in a row while a normal item waits.</summary>
    public const int HighPriorityBurst = 8;

    private readonly WorkQueue _high = new();
    private readonly WorkQueue _normal = new();
    private int _highStreak;

    public int Count => _high.Count + _normal.Count;

    public void Enqueue(WorkItem item) => (item.Priority == WorkPriority.High ? _high : _normal).Enqueue(item);

    public WorkItem? Dequeue()
    {
        if (_high.Count > 0 && (_normal.Count == 0 || _highStreak < HighPriorityBurst))
        {
            _highStreak++;
            return _high.Dequeue();
        }

        _highStreak = 0;
        return _normal.Dequeue();
    }

    public void Remove(WorkItem item) => (item.Priority == WorkPriority.High ? _high : _normal).Remove(item);
}
