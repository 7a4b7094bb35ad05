using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Blitz.Extensions.Hosting;

/// <summary>
/// Reads <see cref="BlitzOptions"/> from a configuration section, key by key, so that a typo or a bad value is an
/// error that names its path instead of a silently ignored setting.
/// </summary>
internal static class BlitzConfiguration
{
    /// <summary>Each option's key and how its text is applied; the setters validate the parsed values.</summary>
    private static readonly Dictionary<string, Action<BlitzOptions, string>> s_options = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(BlitzOptions.MaxBlockingThreads)] = static (o, text) => o.MaxBlockingThreads = ParseCount(text),
        [nameof(BlitzOptions.BlockingKeepAlive)] = static (o, text) => o.BlockingKeepAlive = IsWord(text, "Infinite") ? Timeout.InfiniteTimeSpan : ParseTimeSpan(text),
        [nameof(BlitzOptions.BlockingQueueCapacity)] = static (o, text) => o.BlockingQueueCapacity = IsWord(text, "Unbounded") ? null : ParseCount(text),
        [nameof(BlitzOptions.CpuThreads)] = static (o, text) => o.CpuThreads = ParseCount(text),
        [nameof(BlitzOptions.ThreadNamePrefix)] = static (o, text) => o.ThreadNamePrefix = text,
        [nameof(BlitzOptions.StallThreshold)] = static (o, text) => o.StallThreshold = IsWord(text, "Off") ? null : ParseTimeSpan(text),
        [nameof(BlitzOptions.StallProbeInterval)] = static (o, text) => o.StallProbeInterval = ParseTimeSpan(text),
        [nameof(BlitzOptions.ShutdownMode)] = static (o, text) => o.ShutdownMode = ParseShutdownMode(text),
    };

    /// <summary>Applies every key of <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A key is not an option, or its value is not valid.</exception>
    public static void Bind(IConfiguration section, BlitzOptions options)
    {
        foreach (IConfigurationSection entry in section.GetChildren())
        {
            if (!s_options.TryGetValue(entry.Key, out Action<BlitzOptions, string>? apply))
            {
                throw new InvalidOperationException($"Invalid Blitz configuration: '{entry.Path}' is not a Blitz option. The options are {string.Join(", ", s_options.Keys)}.");
            }

            if (entry.Value is not string text)
            {
                throw new InvalidOperationException($"Invalid Blitz configuration: '{entry.Path}' must be a value, not a section.");
            }

            try
            {
                apply(options, text.Trim());
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"Invalid Blitz configuration: '{text}' at '{entry.Path}' is not valid. {e.Message}", e);
            }
        }
    }

    private static bool IsWord(string text, string word) => string.Equals(text, word, StringComparison.OrdinalIgnoreCase);

    private static int ParseCount(string text)
        => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int count)
            ? count
            : throw new FormatException("Expected a whole number.");

    private static TimeSpan ParseTimeSpan(string text)
        => text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span)
            ? span
            : throw new FormatException("Expected a time span written [d.]hh:mm:ss[.fffffff], such as 00:00:10 for ten seconds.");

    private static ShutdownMode ParseShutdownMode(string text)
    {
        foreach (ShutdownMode mode in Enum.GetValues<ShutdownMode>())
        {
            if (IsWord(text, mode.ToString()))
            {
                return mode;
            }
        }

        throw new FormatException($"Expected one of: {string.Join(", ", Enum.GetNames<ShutdownMode>())}.");
    }
}
