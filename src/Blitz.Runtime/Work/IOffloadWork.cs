namespace Blitz;

/// <summary>
/// A unit of work that produces a result, packed into a struct so that offloading it allocates nothing.
/// </summary>
/// <typeparam name="TResult">The type of the work's result.</typeparam>
public interface IOffloadWork<TResult>
{
    /// <summary>Runs the work on a Blitz thread.</summary>
    /// <param name="cancellationToken">The token passed to the spawn call; the work should observe it.</param>
    /// <returns>The work's result.</returns>
    TResult Execute(CancellationToken cancellationToken);
}

/// <summary>
/// A unit of work without a result, packed into a struct so that offloading it allocates nothing.
/// Generated wrappers of <c>void</c> methods use it.
/// </summary>
public interface IOffloadWork
{
    /// <summary>Runs the work on a Blitz thread.</summary>
    /// <param name="cancellationToken">The token passed to the spawn call; the work should observe it.</param>
    void Execute(CancellationToken cancellationToken);
}
