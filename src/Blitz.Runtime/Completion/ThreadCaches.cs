namespace Blitz;

/// <summary>
/// Every thread's table of <see cref="CompletionPool{T}"/> caches, one slot per pooled type: one non-generic
/// thread-static, which the JIT reads inline, instead of a thread-static per generic instantiation.
/// </summary>
internal static class ThreadCaches
{
    private static int s_slots;

    [ThreadStatic]
    private static object?[]? t_table;

    /// <summary>Reserves a slot for one pooled type.</summary>
    public static int NewSlot() => Interlocked.Increment(ref s_slots) - 1;

    /// <summary>The calling thread's table, long enough for <paramref name="slot"/>.</summary>
    public static object?[] Table(int slot)
    {
        object?[]? table = t_table;
        return table is not null && slot < table.Length ? table : Grow(slot);
    }

    private static object?[] Grow(int slot)
    {
        object?[] table = t_table ?? [];
        Array.Resize(ref table, Math.Max(slot + 1, Math.Max(8, table.Length * 2)));
        t_table = table;
        return table;
    }
}
