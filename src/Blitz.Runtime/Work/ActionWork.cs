namespace Blitz;

/// <summary>Adapts a void delegate and its state to a struct work item without a result.</summary>
internal readonly struct ActionWork<TState>(TState state, Action<TState, CancellationToken> work) : IOffloadWork
{
    public void Execute(CancellationToken cancellationToken) => work(state, cancellationToken);
}
