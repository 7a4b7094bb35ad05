namespace Blitz;

/// <summary>
/// Marks a method as bounded blocking work (bucket 3: sync-only libraries, sync file I/O, hashing a big payload).
/// The Blitz source generator emits an async wrapper (<c>HashAsync</c> for <c>Hash</c>) that runs the method on the
/// blocking pool through <see cref="BlitzRuntime.SpawnBlocking{TWork, TResult}(TWork, CancellationToken)"/>.
/// </summary>
/// <remarks>The containing type (and every enclosing type) must be <c>partial</c>.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BlockingAttribute : Attribute
{
    /// <summary>The generated wrapper's name; by default the method's name followed by <c>Async</c>.</summary>
    public string? MethodName { get; init; }
}
