using System.Globalization;

namespace Blitz.Demo;

/// <summary>The outcome of parsing the command line: options to run with, a request for help, or an error.</summary>
internal readonly record struct ParseResult(DemoOptions? Options, bool HelpRequested, string? Error);

/// <summary>
/// Parses the demo's few options by hand (no command-line package for five flags). Accepts
/// <c>--name value</c> and <c>--name=value</c>.
/// </summary>
internal static class OptionsParser
{
    /// <summary>The probe preallocates a work item per 10 ms of the cap; ten minutes is plenty for any burst.</summary>
    private const int MaxTimeCapSeconds = 600;

    public static string Usage { get; } = $"""
        Usage: dotnet run -c Release --project samples/Blitz.Demo -- [options]

        Runs N concurrent requests that each make a blocking {DemoOptions.DefaultBlockMs} ms library call, once per
        mode, while a probe measures how late ordinary ThreadPool work starts.

        Options:
          --requests <n>      concurrent requests (default {DemoOptions.DefaultRequests})
          --block-ms <ms>     how long each request's blocking call takes (default {DemoOptions.DefaultBlockMs})
          --mode <mode>       inline | taskrun | blitz | all (default all)
          --time-cap <s>      cut a mode off after this many seconds (default {DemoOptions.DefaultTimeCapSeconds}, at most 600)
          --help              show this text

        Exit codes: 0 success, 1 the self-check failed, 2 bad arguments.
        """;

    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        var options = DemoOptions.Defaults;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            switch (name)
            {
                case "--help" or "-h" or "-?" when inlineValue is null:
                    return new ParseResult(null, HelpRequested: true, null);
                case "--child" when inlineValue is null: // internal: how the parent starts each mode's process
                    options = options with { Child = true };
                    continue;
                case "--requests" or "--block-ms" or "--mode" or "--time-cap":
                    break;
                default:
                    return Fail($"unknown option '{arg}'");
            }

            string? value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                return Fail($"option '{name}' needs a value");
            }

            switch (name)
            {
                case "--mode":
                    if (string.Equals(value, "all", StringComparison.OrdinalIgnoreCase))
                    {
                        options = options with { Modes = ModeNames.All };
                    }
                    else if (ModeNames.TryParse(value, out var mode))
                    {
                        options = options with { Modes = [mode] };
                    }
                    else
                    {
                        return Fail($"unknown mode '{value}' (expected inline, taskrun, blitz or all)");
                    }

                    break;
                default:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number <= 0)
                    {
                        return Fail($"option '{name}' needs a positive whole number, not '{value}'");
                    }

                    if (name == "--time-cap" && number > MaxTimeCapSeconds)
                    {
                        return Fail($"option '--time-cap' is at most {MaxTimeCapSeconds} seconds, not '{value}'");
                    }

                    options = name switch
                    {
                        "--requests" => options with { Requests = number },
                        "--block-ms" => options with { BlockMs = number },
                        _ => options with { TimeCap = TimeSpan.FromSeconds(number) },
                    };
                    break;
            }
        }

        if (options.Child && options.Modes.Count != 1)
        {
            return Fail("'--child' runs exactly one mode: pass '--mode inline|taskrun|blitz'");
        }

        return new ParseResult(options, HelpRequested: false, null);
    }

    private static ParseResult Fail(string error) => new(null, HelpRequested: false, error);
}
