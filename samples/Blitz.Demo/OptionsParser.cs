using System.Globalization;

namespace Blitz.Demo;

/// <summary>The outcome of parsing the command line: options to run with, a request for help, or an error.</summary>
internal readonly record struct ParseResult(DemoOptions? Options, bool HelpRequested, string? Error);

/// <summary>
/// Parses the demo's few options by hand (no command-line package for a dozen flags). Accepts <c>--name value</c>
/// and <c>--name=value</c>. An option that belongs to the other experiment is an error, not silently ignored.
/// </summary>
internal static class OptionsParser
{
    /// <summary>The probe preallocates a work item per 10 ms of the cap; ten minutes is plenty for any run.</summary>
    private const int MaxTimeCapSeconds = 600;

    private const int MaxClients = 1024;
    private const int MaxUploadKib = 64 * 1024;

    /// <summary>The server pools one buffer of the largest upload per client, so clients x largest upload is bounded.</summary>
    private const long MaxUploadBufferBytes = 1L << 30;

    /// <summary>Options that take a value, and the experiment they belong to (null: both).</summary>
    private static readonly Dictionary<string, Experiment?> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--experiment"] = null,
        ["--mode"] = null,
        ["--time-cap"] = null,
        ["--requests"] = null,
        ["--block-ms"] = Experiment.Starvation,
        ["--clients"] = Experiment.Upload,
        ["--upload-kib"] = Experiment.Upload,
        ["--store-ms"] = Experiment.Upload,
        ["--svg"] = Experiment.Upload,
    };

    public static string Usage { get; } = $"""
        Usage: dotnet run -c Release --project samples/Blitz.Demo -- [options]

        Runs an experiment once per mode (inline, Task.Run, Blitz), each mode in a fresh process, while a probe
        measures how late ordinary ThreadPool work starts.

          upload (default)  a TCP server on 127.0.0.1 reads each upload with async socket reads, hashes it
                            (SHA-256) through a [Blocking] method, makes a sync storage write (--store-ms), and
                            sends the hex digest back; concurrent clients upload and check every digest
          starvation        a burst of requests that each make a blocking sync library call

        Options:
          --experiment <name>  upload | starvation (default upload)
          --mode <mode>        inline | taskrun | blitz | all (default all)
          --time-cap <s>       cut a mode off after this many seconds (default {DemoOptions.DefaultTimeCapSeconds}, at most {MaxTimeCapSeconds})
          --requests <n>       upload: uploads in all (default {UploadSettings.Defaults.Requests});
                               starvation: concurrent requests (default {StarvationSettings.Defaults.Requests})
          --help               show this text

        Upload options:
          --clients <n>        concurrent clients, one connection each (default {UploadSettings.Defaults.Clients}, at most {MaxClients};
                               clients x largest upload at most 1 GiB)
          --upload-kib <n>     largest upload in KiB; uploads range from n/4 to n (default {UploadSettings.Defaults.MaxUploadKib}, at most {MaxUploadKib})
          --store-ms <ms>      the handler's sync storage write after hashing; 0 = none (default {UploadSettings.Defaults.StoreMs})
          --svg <path>         where to write the SVG chart (default {UploadSettings.Defaults.SvgPath})

        Starvation options:
          --block-ms <ms>      how long each request's blocking call takes (default {StarvationSettings.Defaults.BlockMs})

        Exit codes: 0 success, 1 the self-check failed, 2 bad arguments.
        """;

    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        bool child = false;
        var values = new List<(string Name, string Value)>();
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

            if (name is "--help" or "-h" or "-?" && inlineValue is null)
            {
                return new ParseResult(null, HelpRequested: true, null);
            }

            if (name == "--child" && inlineValue is null)
            {
                child = true; // internal: how the parent starts each mode's process
                continue;
            }

            if (!ValueOptions.ContainsKey(name))
            {
                return Fail($"unknown option '{arg}'");
            }

            string? value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                return Fail($"option '{name}' needs a value");
            }

            if (values.Exists(v => v.Name == name))
            {
                return Fail($"option '{name}' is given twice");
            }

            values.Add((name, value));
        }

        var experiment = Experiment.Upload;
        if (values.Find(v => v.Name == "--experiment") is { Value: { } experimentName }
            && !ExperimentNames.TryParse(experimentName, out experiment))
        {
            return Fail($"unknown experiment '{experimentName}' (expected upload or starvation)");
        }

        var options = DemoOptions.Defaults with { Experiment = experiment, Child = child };
        foreach (var (name, value) in values)
        {
            if (ValueOptions[name] is { } owner && owner != experiment)
            {
                return Fail($"option '{name}' belongs to '--experiment {owner.CommandLineName()}'");
            }

            string? error = Apply(ref options, name, value);
            if (error is not null)
            {
                return Fail(error);
            }
        }

        if (options.Experiment == Experiment.Upload && (long)options.Upload.Clients * options.Upload.MaxUploadBytes > MaxUploadBufferBytes)
        {
            return Fail(
                $"--clients {options.Upload.Clients} x --upload-kib {options.Upload.MaxUploadKib} needs more than 1 GiB of upload buffers "
                + "(the server pools one buffer of the largest upload per client): lower one of them");
        }

        if (child && options.Modes.Count != 1)
        {
            return Fail("'--child' runs exactly one mode: pass '--mode inline|taskrun|blitz'");
        }

        return new ParseResult(options, HelpRequested: false, null);
    }

    /// <summary>Applies one option's value; returns what is wrong with it, or null.</summary>
    private static string? Apply(ref DemoOptions options, string name, string value)
    {
        switch (name)
        {
            case "--experiment":
                return null;
            case "--mode" when string.Equals(value, "all", StringComparison.OrdinalIgnoreCase):
                options = options with { Modes = ModeNames.All };
                return null;
            case "--mode":
                if (!ModeNames.TryParse(value, out var mode))
                {
                    return $"unknown mode '{value}' (expected inline, taskrun, blitz or all)";
                }

                options = options with { Modes = [mode] };
                return null;
            case "--svg":
                if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    return $"option '--svg' needs a file path, not '{value}'";
                }

                options = options with { Upload = options.Upload with { SvgPath = value } };
                return null;
        }

        // Every other option is a whole number; only the storage write may be 0 (no write).
        int min = name == "--store-ms" ? 0 : 1;
        int max = name switch
        {
            "--time-cap" => MaxTimeCapSeconds,
            "--clients" => MaxClients,
            "--upload-kib" => MaxUploadKib,
            _ => int.MaxValue,
        };
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < min)
        {
            return $"option '{name}' needs a {(min == 0 ? "non-negative" : "positive")} whole number, not '{value}'";
        }

        if (number > max)
        {
            return $"option '{name}' is at most {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'";
        }

        options = name switch
        {
            "--time-cap" => options with { TimeCap = TimeSpan.FromSeconds(number) },
            "--requests" when options.Experiment == Experiment.Starvation => options with { Starvation = options.Starvation with { Requests = number } },
            "--requests" => options with { Upload = options.Upload with { Requests = number } },
            "--block-ms" => options with { Starvation = options.Starvation with { BlockMs = number } },
            "--clients" => options with { Upload = options.Upload with { Clients = number } },
            "--upload-kib" => options with { Upload = options.Upload with { MaxUploadKib = number } },
            _ => options with { Upload = options.Upload with { StoreMs = number } },
        };
        return null;
    }

    private static ParseResult Fail(string error) => new(null, HelpRequested: false, error);
}
