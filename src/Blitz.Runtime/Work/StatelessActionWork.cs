namespace Blitz;

/// <summary>Adapts a void delegate without state to a struct work item without a result.</summary>
internal readonly struct StatelessActionWork(Action<CancellationToken> work) : IOffloadWork
{
    public void Execute(CancellationToken cancellationToken) => work(cancellationToken);
}
