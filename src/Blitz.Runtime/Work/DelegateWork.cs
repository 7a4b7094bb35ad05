namespace Blitz;

/// <summary>Adapts a delegate and its state to a struct work item; with a <see langword="static"/> lambda the delegate is cached and nothing is allocated.</summary>
internal readonly struct DelegateWork<TState, TResult>(TState state, Func<TState, CancellationToken, TResult> work) : IOffloadWork<TResult>
{
    public TResult Execute(CancellationToken cancellationToken) => work(state, cancellationToken);
}
