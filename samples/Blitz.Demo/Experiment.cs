namespace Blitz.Demo;

/// <summary>What the demo runs; each experiment runs the three <see cref="Mode"/>s, each in a fresh child process.</summary>
internal enum Experiment
{
    /// <summary>A TCP server hashing uploads, driven by concurrent clients on loopback (the default).</summary>
    Upload,

    /// <summary>A burst of requests that each make a blocking sync call.</summary>
    Starvation,
}

/// <summary>The names an experiment has on the command line.</summary>
internal static class ExperimentNames
{
    public static string CommandLineName(this Experiment experiment) => experiment switch
    {
        Experiment.Upload => "upload",
        Experiment.Starvation => "starvation",
        _ => throw new ArgumentOutOfRangeException(nameof(experiment), experiment, null),
    };

    public static bool TryParse(string text, out Experiment experiment)
    {
        foreach (var candidate in Enum.GetValues<Experiment>())
        {
            if (string.Equals(candidate.CommandLineName(), text, StringComparison.OrdinalIgnoreCase))
            {
                experiment = candidate;
                return true;
            }
        }

        experiment = default;
        return false;
    }
}
