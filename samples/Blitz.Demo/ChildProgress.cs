using System.Globalization;

namespace Blitz.Demo;

/// <summary>
/// The progress line a child process writes to stderr while its mode runs (stdout carries only the final JSON):
/// <c>progress &lt;completed&gt; &lt;threadpool-threads&gt;</c>.
/// </summary>
internal readonly record struct ChildProgress(int Completed, int ThreadPoolThreads)
{
    private const string Prefix = "progress ";

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Completed} {ThreadPoolThreads}");

    public static bool TryParse(string? line, out ChildProgress progress)
    {
        progress = default;
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = line[Prefix.Length..].Split(' ');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int completed)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int threads))
        {
            return false;
        }

        progress = new ChildProgress(completed, threads);
        return true;
    }
}
