namespace Blitz.Demo;

/// <summary>Where a request runs its blocking library call.</summary>
internal enum Mode
{
    /// <summary>Blocking directly inside the async request: the ThreadPool thread that runs the request blocks.</summary>
    Inline,

    /// <summary><c>await Task.Run(...)</c>: the call moves to another ThreadPool thread, which blocks instead.</summary>
    TaskRun,

    /// <summary><c>await SpawnBlocking(...)</c>: the call moves to the Blitz blocking pool, off the ThreadPool.</summary>
    Blitz,
}

/// <summary>The names a mode has on the command line and in the report.</summary>
internal static class ModeNames
{
    public static readonly Mode[] All = [Mode.Inline, Mode.TaskRun, Mode.Blitz];

    public static string CommandLineName(this Mode mode) => mode switch
    {
        Mode.Inline => "inline",
        Mode.TaskRun => "taskrun",
        Mode.Blitz => "blitz",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string DisplayName(this Mode mode) => mode switch
    {
        Mode.Inline => "inline",
        Mode.TaskRun => "Task.Run",
        Mode.Blitz => "Blitz",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool TryParse(string text, out Mode mode)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.CommandLineName(), text, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
