using System.Runtime.InteropServices;

namespace Blitz;

/// <summary>
/// The counters a pool's submitters and threads both touch on every item, each on its own cache line: submitters
/// write <see cref="Reserved"/>, the threads that claim work write <see cref="Released"/>, and the threads write
/// <see cref="Searching"/> and <see cref="Sleeping"/> only when they run out of work. Kept apart, a submitter never
/// waits for a cache line a pool thread just wrote, and the other way round.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 4 * CacheLine)]
internal struct PoolCounters
{
    private const int CacheLine = 64;

    /// <summary>Places taken in the ready queue, ever (submissions and promotions of held work).</summary>
    [FieldOffset(1 * CacheLine)]
    public long Reserved;

    /// <summary>
    /// A value <see cref="Released"/> had, kept on the submitters' line: a bounded queue checks its capacity against it
    /// and reads <see cref="Released"/> (a line the pool threads write per item) only when it looks full. It is never
    /// ahead of <see cref="Released"/>, so the queue looks at least as full as it is and the bound holds.
    /// </summary>
    [FieldOffset(1 * CacheLine + sizeof(long))]
    public long ReleasedSeen;

    /// <summary>Places given back, ever (items claimed to run, canceled, or refused after reserving).</summary>
    [FieldOffset(2 * CacheLine)]
    public long Released;

    /// <summary>Threads looking for work: spinning, or woken (or started) and not yet holding an item.</summary>
    [FieldOffset(3 * CacheLine)]
    public int Searching;

    /// <summary>Threads asleep in the pool's sleeper stack.</summary>
    [FieldOffset(3 * CacheLine + sizeof(int))]
    public int Sleeping;

    /// <summary>Items in the ready queue, plus places reserved by submitters about to enqueue.</summary>
    public readonly long Queued => Volatile.Read(in Reserved) - Volatile.Read(in Released);
}
