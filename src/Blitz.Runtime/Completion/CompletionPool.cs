namespace Blitz;

/// <summary>
/// A bounded pool of completion items of one closed generic type, built as magazines: each thread keeps two small
/// arrays of items (a node is usually rented and returned by the same thread, so most calls touch nothing shared),
/// and only when both are empty (or both full) does it swap a whole array with a shared depot under a lock, once per
/// <see cref="MagazineSize"/> calls at most. The depot keeps at most <see cref="MaxRetained"/> items, enough to keep
/// 10,000 items in flight allocation-free; items beyond it are left to the GC, so a burst's memory is not kept forever.
/// </summary>
/// <typeparam name="T">The pooled type.</typeparam>
internal static class CompletionPool<T>
    where T : class
{
    /// <summary>Items per magazine.</summary>
    public const int MagazineSize = 64;

    /// <summary>The most items the shared depot keeps.</summary>
    public const int MaxRetained = 16_384;

    // Empty magazines are kept too (as many as full ones), so a burst that drains the depot and refills it
    // allocates no arrays the second time.
    private const int MaxFullMagazines = MaxRetained / MagazineSize;
    private const int MaxEmptyMagazines = MaxFullMagazines;

    [ThreadStatic]
    private static ThreadCache? t_cache;

    private static readonly Lock s_lock = new();
    private static readonly Stack<T?[]> s_full = new();
    private static readonly Stack<T?[]> s_empty = new();

    public static T? TryRent()
    {
        ThreadCache cache = t_cache ??= new ThreadCache();
        if (cache.LoadedCount == 0 && !cache.TryReload())
        {
            return null;
        }

        T?[] loaded = cache.Loaded;
        T? item = loaded[--cache.LoadedCount];
        loaded[cache.LoadedCount] = null;
        return item;
    }

    public static void Return(T item)
    {
        ThreadCache cache = t_cache ??= new ThreadCache();
        if (cache.LoadedCount == MagazineSize && !cache.TryMakeRoom())
        {
            return;
        }

        cache.Loaded[cache.LoadedCount++] = item;
    }

    /// <summary>A thread's two magazines: the one in use, and the previous one, which absorbs back-and-forth at a boundary.</summary>
    private sealed class ThreadCache
    {
        public T?[] Loaded = new T?[MagazineSize];
        public int LoadedCount;
        private T?[] _previous = new T?[MagazineSize];
        private int _previousCount;

        /// <summary>Makes the loaded magazine non-empty: the previous one if it has items, else a full one from the depot.</summary>
        public bool TryReload()
        {
            if (_previousCount > 0)
            {
                Swap();
                return true;
            }

            lock (s_lock)
            {
                if (s_full.Count == 0)
                {
                    return false;
                }

                if (s_empty.Count < MaxEmptyMagazines)
                {
                    s_empty.Push(_previous);
                }

                _previous = Loaded;
                _previousCount = 0;
                Loaded = s_full.Pop();
                LoadedCount = MagazineSize;
                return true;
            }
        }

        /// <summary>Makes the loaded magazine non-full: the previous one if it has room, else hands a full one to the depot.</summary>
        public bool TryMakeRoom()
        {
            if (_previousCount < MagazineSize)
            {
                Swap();
                return true;
            }

            lock (s_lock)
            {
                if (s_full.Count == MaxFullMagazines)
                {
                    return false;
                }

                s_full.Push(_previous);
                _previous = Loaded;
                _previousCount = MagazineSize;
                Loaded = s_empty.Count > 0 ? s_empty.Pop() : new T?[MagazineSize];
                LoadedCount = 0;
                return true;
            }
        }

        private void Swap()
        {
            (Loaded, _previous) = (_previous, Loaded);
            (LoadedCount, _previousCount) = (_previousCount, LoadedCount);
        }
    }
}
