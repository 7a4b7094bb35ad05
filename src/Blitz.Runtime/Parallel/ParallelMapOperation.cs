namespace Blitz;

/// <summary>Maps <c>source[i]</c> to <c>destination[i]</c> for every index, in parallel on the CPU pool; results keep the input order.</summary>
internal sealed class ParallelMapOperation<TIn, TOut> : ParallelOperation
{
    private ParallelSource<TIn> _source;
    private Memory<TOut> _destination;
    private Func<TIn, TOut>? _map;

    public static ValueTask Run(WorkerPool pool, int poolThreads, ParallelSource<TIn> source, Memory<TOut> destination, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        ParallelMapOperation<TIn, TOut> operation = CompletionPool<ParallelMapOperation<TIn, TOut>>.TryRent() ?? new ParallelMapOperation<TIn, TOut>();
        operation._source = source;
        operation._destination = destination;
        operation._map = map;
        return operation.Start(pool, poolThreads, source.Count, options, cancellationToken);
    }

    protected override void Process(int start, int end)
    {
        Span<TOut> destination = _destination.Span;
        Func<TIn, TOut> map = _map!;
        if (_source.TryGetSpan(out ReadOnlySpan<TIn> items))
        {
            for (int i = start; i < end; i++)
            {
                destination[i] = map(items[i]);
            }
        }
        else
        {
            IReadOnlyList<TIn> list = _source.List;
            for (int i = start; i < end; i++)
            {
                destination[i] = map(list[i]);
            }
        }
    }

    protected override void ReturnToPool()
    {
        _source = default;
        _destination = default;
        _map = null;
        CompletionPool<ParallelMapOperation<TIn, TOut>>.Return(this);
    }
}
