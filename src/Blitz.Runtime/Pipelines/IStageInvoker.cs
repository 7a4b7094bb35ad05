namespace Blitz;

/// <summary>
/// Runs a stage's work for one item. Stages are generic over a struct invoker, so the call is direct and the
/// blocking and CPU invokers hand the pools a struct work item: nothing is allocated per item.
/// </summary>
internal interface IStageInvoker<TIn, TOut>
{
    ValueTask<TOut> InvokeAsync(TIn item, CancellationToken cancellationToken);
}

/// <summary>Awaits the user's async delegate on the worker (bucket 1).</summary>
internal readonly struct AsyncStageInvoker<TIn, TOut>(Func<TIn, CancellationToken, ValueTask<TOut>> transform) : IStageInvoker<TIn, TOut>
{
    public ValueTask<TOut> InvokeAsync(TIn item, CancellationToken cancellationToken) => transform(item, cancellationToken);
}

/// <summary>Offloads the user's delegate to the blocking pool (bucket 3).</summary>
internal readonly struct BlockingStageInvoker<TIn, TOut>(BlitzRuntime runtime, Func<TIn, CancellationToken, TOut> transform) : IStageInvoker<TIn, TOut>
{
    public ValueTask<TOut> InvokeAsync(TIn item, CancellationToken cancellationToken)
        => runtime.SpawnBlocking<StageWork<TIn, TOut>, TOut>(new StageWork<TIn, TOut>(transform, item), cancellationToken);
}

/// <summary>Offloads the user's delegate to the CPU pool (bucket 5).</summary>
internal readonly struct CpuStageInvoker<TIn, TOut>(BlitzRuntime runtime, Func<TIn, CancellationToken, TOut> transform) : IStageInvoker<TIn, TOut>
{
    public ValueTask<TOut> InvokeAsync(TIn item, CancellationToken cancellationToken)
        => runtime.SpawnCpu<StageWork<TIn, TOut>, TOut>(new StageWork<TIn, TOut>(transform, item), cancellationToken);
}

/// <summary>One item's work as the pooled struct work item the pools take.</summary>
internal readonly struct StageWork<TIn, TOut>(Func<TIn, CancellationToken, TOut> transform, TIn item) : IOffloadWork<TOut>
{
    public TOut Execute(CancellationToken cancellationToken) => transform(item, cancellationToken);
}
