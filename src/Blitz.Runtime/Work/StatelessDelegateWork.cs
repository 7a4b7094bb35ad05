namespace Blitz;

/// <summary>Adapts a delegate without state to a struct work item; with a <see langword="static"/> lambda the delegate is cached and nothing is allocated.</summary>
internal readonly struct StatelessDelegateWork<TResult>(Func<CancellationToken, TResult> work) : IOffloadWork<TResult>
{
    public TResult Execute(CancellationToken cancellationToken) => work(cancellationToken);
}
