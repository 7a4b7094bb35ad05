namespace Blitz;

/// <summary>
/// Marks a method as heavy CPU work (bucket 5: batch transforms, ranking, indexing).
/// The Blitz source generator emits an async wrapper (<c>RankAsync</c> for <c>Rank</c>) that runs the method on the
/// CPU pool through <see cref="BlitzRuntime.SpawnCpu{TWork, TResult}(TWork, CancellationToken)"/>.
/// </summary>
/// <remarks>The containing type (and every enclosing type) must be <c>partial</c>.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CpuBoundAttribute : Attribute
{
    /// <summary>The generated wrapper's name; by default the method's name followed by <c>Async</c>.</summary>
    public string? MethodName { get; init; }
}
