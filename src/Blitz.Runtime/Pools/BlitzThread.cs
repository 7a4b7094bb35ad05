namespace Blitz;

/// <summary>Knows whether the current thread is one Blitz started, to refuse a synchronous dispose that would wait for itself.</summary>
internal static class BlitzThread
{
    [ThreadStatic]
    private static bool t_isBlitzThread;

    public static bool IsCurrent => t_isBlitzThread;

    public static void MarkCurrent() => t_isBlitzThread = true;
}
