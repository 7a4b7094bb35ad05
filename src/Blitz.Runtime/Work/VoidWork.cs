namespace Blitz;

/// <summary>The result of work that has none.</summary>
internal readonly struct VoidResult;

/// <summary>Adapts a work item without a result to the completion machinery, which always carries one.</summary>
internal readonly struct VoidWork<TWork>(TWork work) : IOffloadWork<VoidResult>
    where TWork : struct, IOffloadWork
{
    public VoidResult Execute(CancellationToken cancellationToken)
    {
        work.Execute(cancellationToken);
        return default;
    }
}
