using System.Collections.Immutable;

namespace Blitz.Analyzers.Common;

/// <summary>
/// What a sync method or property getter declared in source does when called, as far as the search depth sees:
/// the first blocking or heavy work it reaches and the first forever loop it runs, each with the chain of calls that
/// leads there. Immutable and shared between threads.
/// </summary>
internal sealed class BlockingSummary
{
    public static readonly BlockingSummary None = new(null, null);

    public BlockingSummary(BlockingFinding? blocking, BlockingFinding? foreverLoop)
    {
        Blocking = blocking;
        ForeverLoop = foreverLoop;
    }

    /// <summary>Blocking or heavy work (buckets 1 and 3), or null.</summary>
    public BlockingFinding? Blocking { get; }

    /// <summary>A loop that only ends on cancellation (bucket 4), or null.</summary>
    public BlockingFinding? ForeverLoop { get; }

    public bool IsNone => Blocking is null && ForeverLoop is null;
}

/// <summary>One finding of a summary: the work, and the chain from the summarized method down to it.</summary>
internal sealed class BlockingFinding
{
    private const string Arrow = " → ";

    public BlockingFinding(ImmutableArray<string> chain, BlockingWork work)
    {
        Chain = chain;
        Work = work;
    }

    /// <summary>The summarized method first, the blocking API (or loop) last: <c>IsConnected.get</c>, <c>Thread.Sleep</c>.</summary>
    public ImmutableArray<string> Chain { get; }

    public BlockingWork Work { get; }

    /// <summary>The same finding reached through <paramref name="caller"/>.</summary>
    public BlockingFinding Through(string caller) => new(Chain.Insert(0, caller), Work);

    /// <summary>The chain as the messages show it, from <paramref name="origin"/>: <c>Connect → IsConnected.get → Thread.Sleep</c>.</summary>
    public string ChainFrom(string origin) => origin + Arrow + string.Join(Arrow, Chain);
}
