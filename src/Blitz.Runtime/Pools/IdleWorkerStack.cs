namespace Blitz;

/// <summary>
/// The sleeping threads of a pool, most recently idle on top. Waking the most recent one keeps warm threads busy and
/// lets the coldest reach their keep-alive and exit. Intrusive (no allocation) with O(1) removal for a thread whose
/// keep-alive expired. Not thread-safe: guarded by the pool's thread lock.
/// </summary>
internal sealed class IdleWorkerStack
{
    private PoolWorker? _top;

    public void Push(PoolWorker worker)
    {
        worker.NextSleeper = _top;
        worker.PreviousSleeper = null;
        if (_top is not null)
        {
            _top.PreviousSleeper = worker;
        }

        _top = worker;
        worker.IsSleeping = true;
    }

    public PoolWorker? Pop()
    {
        PoolWorker? top = _top;
        if (top is not null)
        {
            Remove(top);
        }

        return top;
    }

    public void Remove(PoolWorker worker)
    {
        if (worker.PreviousSleeper is null)
        {
            _top = worker.NextSleeper;
        }
        else
        {
            worker.PreviousSleeper.NextSleeper = worker.NextSleeper;
        }

        if (worker.NextSleeper is not null)
        {
            worker.NextSleeper.PreviousSleeper = worker.PreviousSleeper;
        }

        worker.NextSleeper = null;
        worker.PreviousSleeper = null;
        worker.IsSleeping = false;
    }
}
