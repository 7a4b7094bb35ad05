namespace Blitz;

/// <summary>
/// Lets the workers of an ordered stage emit in sequence order: a worker that finished item <c>s</c> waits until
/// every item before <c>s</c> has left, emits, then passes the turn on. No result is buffered apart from the one each
/// worker holds, so the reorder buffer is the workers themselves, bounded by the degree of parallelism.
/// </summary>
/// <remarks>
/// Items are numbered as they are taken from the input, and a worker takes a new item only after its last one left,
/// so the items in flight are exactly the sequence numbers [next, next + workers): slot <c>s % workers</c> is free
/// for a parked worker.
/// </remarks>
internal sealed class OrderedGate
{
    private readonly Lock _lock = new();
    private readonly StageWorker?[] _parked;
    private long _nextToEmit;
    private long _nextToTake;
    private bool _stopped;

    public OrderedGate(int workers) => _parked = new StageWorker?[workers];

    /// <summary>Numbers an item as it is taken; call under the stage's read lock so that numbers follow input order.</summary>
    public long Number() => _nextToTake++;

    /// <summary>Completes with <see langword="true"/> when the worker's item is next; <see langword="false"/> when the stage stopped.</summary>
    public ValueTask<bool> WaitForTurnAsync(StageWorker worker)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return new ValueTask<bool>(false);
            }

            if (worker.Sequence == _nextToEmit)
            {
                return new ValueTask<bool>(true);
            }

            _parked[worker.Sequence % _parked.Length] = worker;
            return worker.ParkForTurn();
        }
    }

    /// <summary>The turn holder is done (its item left or was given up): the next item's worker may emit.</summary>
    public void PassTurn()
    {
        StageWorker? next;
        lock (_lock)
        {
            _nextToEmit++;
            long slot = _nextToEmit % _parked.Length;
            next = _parked[slot];
            if (next is not null && next.Sequence == _nextToEmit)
            {
                _parked[slot] = null;
            }
            else
            {
                next = null;
            }
        }

        next?.GrantTurn(true);
    }

    /// <summary>Releases every parked worker without a turn: the pipeline is stopping and they drop their items.</summary>
    public void Stop()
    {
        List<StageWorker>? parked = null;
        lock (_lock)
        {
            _stopped = true;
            for (int i = 0; i < _parked.Length; i++)
            {
                if (_parked[i] is { } worker)
                {
                    (parked ??= []).Add(worker);
                    _parked[i] = null;
                }
            }
        }

        if (parked is not null)
        {
            foreach (StageWorker worker in parked)
            {
                worker.GrantTurn(false);
            }
        }
    }
}
