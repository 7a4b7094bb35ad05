using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>What kind of work holds the thread, which decides the bucket it belongs to.</summary>
internal enum BlockingKind
{
    /// <summary><c>Thread.Sleep</c>: waiting, bucket 1.</summary>
    Sleep,
    /// <summary>Synchronous I/O with an async counterpart: bucket 1.</summary>
    SyncIo,
    /// <summary>A blocking wait on a task or a synchronization primitive: bucket 1.</summary>
    Wait,
    /// <summary>A known CPU-heavy API: bucket 3.</summary>
    HeavyCpu,
    /// <summary>A loop whose work grows with the input: bucket 3.</summary>
    HeavyLoop,
    /// <summary>A loop that runs for the life of the app (it has no exit, or only a cancellation one): bucket 4.</summary>
    ForeverLoop,
}

/// <summary>One piece of blocking or heavy work found in code: the API (or loop) and what it is.</summary>
internal readonly struct BlockingWork
{
    public BlockingWork(ISymbol? api, string name, string what, BlockingKind kind)
    {
        Api = api;
        Name = name;
        What = what;
        Kind = kind;
    }

    /// <summary>The API called, for <c>blitz.nonblocking_methods</c>; null for a loop.</summary>
    public ISymbol? Api { get; }

    /// <summary>How the work appears in a chain: <c>ManualResetEvent.WaitOne</c>, <c>while (true)</c>.</summary>
    public string Name { get; }

    /// <summary>A short description: "a sleep", "sync I/O", "hashing a whole stream".</summary>
    public string What { get; }

    public BlockingKind Kind { get; }

    /// <summary>Waiting and I/O are bucket 1 (await them), heavy work bucket 3, a forever loop bucket 4.</summary>
    public int Bucket => Kind switch
    {
        BlockingKind.HeavyCpu or BlockingKind.HeavyLoop => 3,
        BlockingKind.ForeverLoop => 4,
        _ => 1,
    };
}
