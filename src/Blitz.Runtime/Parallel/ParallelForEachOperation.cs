namespace Blitz;

/// <summary>Runs a body for every item of a source, in parallel on the CPU pool.</summary>
internal sealed class ParallelForEachOperation<T> : ParallelOperation
{
    private ParallelSource<T> _source;
    private Action<T>? _body;

    public static ValueTask Run(WorkerPool pool, int poolThreads, ParallelSource<T> source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        ParallelForEachOperation<T> operation = CompletionPool<ParallelForEachOperation<T>>.TryRent() ?? new ParallelForEachOperation<T>();
        operation._source = source;
        operation._body = body;
        return operation.Start(pool, poolThreads, source.Count, options, cancellationToken);
    }

    protected override void Process(int start, int end)
    {
        Action<T> body = _body!;
        if (_source.TryGetSpan(out ReadOnlySpan<T> items))
        {
            for (int i = start; i < end; i++)
            {
                body(items[i]);
            }
        }
        else
        {
            IReadOnlyList<T> list = _source.List;
            for (int i = start; i < end; i++)
            {
                body(list[i]);
            }
        }
    }

    protected override void ReturnToPool()
    {
        _source = default;
        _body = null;
        CompletionPool<ParallelForEachOperation<T>>.Return(this);
    }
}
