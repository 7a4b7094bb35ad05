using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting;

/// <summary>
/// Reads <see cref="BlitzOptions"/> from a configuration section, key by key, so that a typo or a bad value is an
/// error that names its path instead of a silently ignored setting. As an <see cref="IValidateOptions{TOptions}"/>
/// it reports every bad key of the section at once, when the options are created (at host start, with
/// <c>ValidateOnStart</c>); <see cref="Apply"/> sets the good ones.
/// </summary>
/// <remarks>
/// This is hand-written instead of <c>ConfigurationBinder</c>, which (10.0.15, reflection or source-generated)
/// reads none of the words (<c>Infinite</c>, <c>Unbounded</c>, <c>Off</c>), reads <c>10</c> as ten days, <c>1</c>
/// as a shutdown mode, and an empty value or a section where a value belongs as "keep the default", and whose
/// errors name neither the options nor the value.
/// </remarks>
/// <param name="section">The configuration section that holds the options.</param>
internal sealed class BlitzConfiguration(IConfiguration section) : IValidateOptions<BlitzOptions>
{
    /// <summary>Each option's key and how its text is applied; the setters validate the parsed values.</summary>
    private static readonly Dictionary<string, Action<BlitzOptions, string>> s_options = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(BlitzOptions.Name)] = static (o, text) => o.Name = text,
        [nameof(BlitzOptions.MaxBlockingThreads)] = static (o, text) => o.MaxBlockingThreads = ParseCount(text),
        [nameof(BlitzOptions.BlockingKeepAlive)] = static (o, text) => o.BlockingKeepAlive = IsWord(text, "Infinite") ? Timeout.InfiniteTimeSpan : ParseTimeSpan(text),
        [nameof(BlitzOptions.BlockingQueueCapacity)] = static (o, text) => o.BlockingQueueCapacity = IsWord(text, "Unbounded") ? null : ParseCount(text),
        [nameof(BlitzOptions.CpuThreads)] = static (o, text) => o.CpuThreads = ParseCount(text),
        [nameof(BlitzOptions.ThreadNamePrefix)] = static (o, text) => o.ThreadNamePrefix = text,
        [nameof(BlitzOptions.StallThreshold)] = static (o, text) => o.StallThreshold = IsWord(text, "Off") ? null : ParseTimeSpan(text),
        [nameof(BlitzOptions.StallProbeInterval)] = static (o, text) => o.StallProbeInterval = ParseTimeSpan(text),
        [nameof(BlitzOptions.ShutdownMode)] = static (o, text) => o.ShutdownMode = ParseShutdownMode(text),
        [nameof(BlitzOptions.DedicatedStopTimeout)] = static (o, text) => o.DedicatedStopTimeout = IsWord(text, "Infinite") ? Timeout.InfiniteTimeSpan : ParseTimeSpan(text),
    };

    /// <summary>Sets every option of the section whose value is valid; <see cref="Validate"/> reports the others.</summary>
    public void Apply(BlitzOptions options)
    {
        foreach (string _ in ApplyEach(options))
        {
            // A bad key is left for Validate to report, with the others.
        }
    }

    /// <summary>Reports every key of the section that is not an option or whose value is not valid.</summary>
    public ValidateOptionsResult Validate(string? name, BlitzOptions options)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        // Applied to a copy, so that validating never changes the options it is given.
        List<string> failures = [.. ApplyEach(new BlitzOptions())];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Applies each key of the section to <paramref name="options"/>, yielding an error for each bad one.</summary>
    private IEnumerable<string> ApplyEach(BlitzOptions options)
    {
        foreach (IConfigurationSection entry in section.GetChildren())
        {
            if (!s_options.TryGetValue(entry.Key, out Action<BlitzOptions, string>? apply))
            {
                yield return $"Invalid Blitz configuration: '{entry.Path}' is not a Blitz option. The options are {string.Join(", ", s_options.Keys)}.";
                continue;
            }

            if (entry.Value is not string text)
            {
                yield return $"Invalid Blitz configuration: '{entry.Path}' must be a value, not a section.";
                continue;
            }

            string? error = null;
            try
            {
                apply(options, text.Trim());
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error = $"Invalid Blitz configuration: '{text}' at '{entry.Path}' is not valid. {e.Message}";
            }

            if (error is not null)
            {
                yield return error;
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
