namespace Blitz;

/// <summary>Runs a body for every index of [from, to), in parallel on the CPU pool.</summary>
internal sealed class ParallelForOperation : ParallelOperation
{
    private int _from;
    private Action<int>? _body;

    public static ValueTask Run(WorkerPool pool, int poolThreads, int fromInclusive, int toExclusive, Action<int> body, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        ParallelForOperation operation = CompletionPool<ParallelForOperation>.TryRent() ?? new ParallelForOperation();
        operation._from = fromInclusive;
        operation._body = body;
        int count = (int)Math.Max(0, (long)toExclusive - fromInclusive);
        return operation.Start(pool, poolThreads, count, options, cancellationToken);
    }

    protected override void Process(int start, int end)
    {
        Action<int> body = _body!;
        for (int i = start; i < end; i++)
        {
            body(_from + i);
        }
    }

    protected override void ReturnToPool()
    {
        _body = null;
        CompletionPool<ParallelForOperation>.Return(this);
    }
}
