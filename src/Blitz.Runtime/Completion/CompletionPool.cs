using System.Runtime.CompilerServices;

namespace Blitz;

/// <summary>
/// A bounded pool of completion items of one closed generic type. Each thread keeps up to <see cref="ThreadDepth"/>
/// items of its own (a node is usually rented and returned by the same thread, so most calls touch nothing shared);
/// only when that cache runs empty or full does the thread move a batch of <see cref="BatchSize"/> items from or to a
/// shared depot under a lock, so a burst takes the lock once per <see cref="BatchSize"/> calls at most, and the next
/// boundary is always <see cref="BatchSize"/> calls away. The depot keeps at most <see cref="MaxRetained"/> items,
/// enough to keep 10,000 items in flight allocation-free; items beyond it are left to the GC, so a burst's memory is
/// not kept forever.
/// </summary>
/// <remarks>
/// The per-thread depth is small on purpose: items an awaiter returns on another thread stay in that thread's cache,
/// so a deep cache would strand many items across the ThreadPool's threads, each allocated before the pool reaches its
/// steady state (and again for every thread the ThreadPool adds).
/// </remarks>
/// <typeparam name="T">The pooled type.</typeparam>
internal static class CompletionPool<T>
    where T : class
{
    /// <summary>Items a thread keeps for itself.</summary>
    public const int ThreadDepth = 2 * BatchSize;

    /// <summary>Items moved between a thread and the depot at once.</summary>
    public const int BatchSize = 4;

    /// <summary>The most items the shared depot keeps.</summary>
    public const int MaxRetained = 16_384;

    private const int MaxBatches = MaxRetained / BatchSize;

    // A slot in every thread's cache table (a thread-static of a generic type costs a runtime helper call on every
    // access; a non-generic one is a few instructions).
    private static readonly int s_slot = ThreadCaches.NewSlot();

    private static readonly Lock s_lock = new();
    private static readonly Stack<T[]> s_full = new();
    private static readonly Stack<T[]> s_empty = new();

    public static T? TryRent()
    {
        ThreadCache cache = Cache();
        if (cache.Count == 0 && !cache.TryRefill())
        {
            return null;
        }

        T?[] items = cache.Items;
        T? item = items[--cache.Count];
        items[cache.Count] = null;
        return item;
    }

    public static void Return(T item)
    {
        ThreadCache cache = Cache();
        if (cache.Count == ThreadDepth)
        {
            cache.Spill();
        }

        cache.Items[cache.Count++] = item;
    }

    private static ThreadCache Cache()
    {
        object?[] table = ThreadCaches.Table(s_slot);
        object? cache = table[s_slot];
        return cache is null ? CreateCache(table) : Unsafe.As<ThreadCache>(cache);
    }

    private static ThreadCache CreateCache(object?[] table)
    {
        var cache = new ThreadCache();
        table[s_slot] = cache;
        return cache;
    }

    private sealed class ThreadCache
    {
        public readonly T?[] Items = new T?[ThreadDepth];
        public int Count;

        /// <summary>Takes a batch from the depot into the empty cache.</summary>
        public bool TryRefill()
        {
            lock (s_lock)
            {
                if (s_full.Count == 0)
                {
                    return false;
                }

                T[] batch = s_full.Pop();
                batch.CopyTo(Items, 0);
                Array.Clear(batch);
                s_empty.Push(batch);
            }

            Count = BatchSize;
            return true;
        }

        /// <summary>Moves the older half of the full cache to the depot, or drops it when the depot is full.</summary>
        public void Spill()
        {
            lock (s_lock)
            {
                if (s_full.Count < MaxBatches)
                {
                    T[] batch = s_empty.Count > 0 ? s_empty.Pop() : new T[BatchSize];
                    Array.Copy(Items, batch, BatchSize);
                    s_full.Push(batch);
                }
            }

            // Keep the newer half, which is warmer in this thread's cache.
            Array.Copy(Items, BatchSize, Items, 0, BatchSize);
            Array.Clear(Items, BatchSize, BatchSize);
            Count = BatchSize;
        }
    }
}
