namespace Blitz.Analyzers.Common;

/// <summary>
/// What a sync method or property getter declared in source does when called, as far as the search depth sees:
/// the first blocking or heavy work it reaches and the first forever loop it runs, each with the chain of calls that
/// leads there, and for an iterator (or a member that returns one) the blocking that runs only when the sequence is
/// enumerated. Immutable and shared between threads.
/// </summary>
internal sealed class BlockingSummary
{
    public static readonly BlockingSummary None = new(null, null);

    public BlockingSummary(BlockingFinding? blocking, BlockingFinding? foreverLoop, BlockingFinding? whenEnumerated = null)
    {
        Blocking = blocking;
        ForeverLoop = foreverLoop;
        WhenEnumerated = whenEnumerated;
    }

    /// <summary>Blocking or heavy work (buckets 1 and 3) done by the call itself, or null.</summary>
    public BlockingFinding? Blocking { get; }

    /// <summary>A loop that runs for the life of the app (bucket 4), or null.</summary>
    public BlockingFinding? ForeverLoop { get; }

    /// <summary>
    /// Blocking work of an iterator, which runs only when the returned sequence is enumerated (the call itself does
    /// nothing), or null.
    /// </summary>
    public BlockingFinding? WhenEnumerated { get; }

    public bool IsNone => Blocking is null && ForeverLoop is null && WhenEnumerated is null;
}
