using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Blitz.Demo;

/// <summary>
/// The demo's command line on System.CommandLine, which accepts <c>--name value</c> and <c>--name=value</c> and reports
/// unknown, repeated and value-less options itself. The demo's own rules stay here: whole numbers within bounds, an
/// option of the other experiment is an error (not silently ignored), the upload buffers' 1 GiB, one mode per child.
/// </summary>
internal static class DemoCommandLine
{
    /// <summary>The probe preallocates a work item per 10 ms of the cap; ten minutes is plenty for any run.</summary>
    private const int MaxTimeCapSeconds = 600;

    private const int MaxClients = 1024;
    private const int MaxUploadKib = 64 * 1024;

    /// <summary>The server pools one buffer of the largest upload per client, so clients x largest upload is bounded.</summary>
    private const long MaxUploadBufferBytes = 1L << 30;

    private static readonly Option<Experiment> ExperimentOption = new("--experiment")
    {
        Description = "upload | starvation (default upload)",
        HelpName = "name",
        CustomParser = static result => ExperimentNames.TryParse(result.Tokens[0].Value, out var experiment)
            ? experiment
            : Reject<Experiment>(result, $"unknown experiment '{result.Tokens[0].Value}' (expected upload or starvation)"),
    };

    /// <summary>One mode, or null for all of them.</summary>
    private static readonly Option<Mode?> ModeOption = new("--mode")
    {
        Description = "inline | taskrun | blitz | all (default all)",
        HelpName = "mode",
        CustomParser = static result => ParseMode(result),
    };

    private static readonly Option<int> TimeCapOption = WholeNumber(
        "--time-cap", "s", $"cut a mode off after this many seconds (at most {MaxTimeCapSeconds})", DemoOptions.DefaultTimeCapSeconds, min: 1, MaxTimeCapSeconds);

    /// <summary>No default of its own: the chosen experiment's default applies.</summary>
    private static readonly Option<int> RequestsOption = WholeNumber(
        "--requests",
        "n",
        $"upload: uploads in all (default {UploadSettings.Defaults.Requests}); starvation: concurrent requests (default {StarvationSettings.Defaults.Requests})",
        defaultValue: null,
        min: 1,
        int.MaxValue);

    private static readonly Option<int> ClientsOption = WholeNumber(
        "--clients", "n", $"upload: concurrent clients, one connection each (at most {MaxClients}; clients x largest upload at most 1 GiB)", UploadSettings.Defaults.Clients, min: 1, MaxClients);

    private static readonly Option<int> UploadKibOption = WholeNumber(
        "--upload-kib", "n", $"upload: largest upload in KiB; uploads range from n/4 to n (at most {MaxUploadKib})", UploadSettings.Defaults.MaxUploadKib, min: 1, MaxUploadKib);

    private static readonly Option<int> StoreMsOption = WholeNumber(
        "--store-ms", "ms", "upload: the handler's sync storage write after hashing; 0 = none", UploadSettings.Defaults.StoreMs, min: 0, int.MaxValue);

    private static readonly Option<string> SvgOption = new("--svg")
    {
        Description = "upload: where to write the SVG chart",
        HelpName = "path",
        DefaultValueFactory = static _ => UploadSettings.Defaults.SvgPath,
        CustomParser = static result => ParseSvgPath(result),
    };

    private static readonly Option<int> BlockMsOption = WholeNumber(
        "--block-ms", "ms", "starvation: how long each request's blocking call takes", StarvationSettings.Defaults.BlockMs, min: 1, int.MaxValue);

    /// <summary>Internal: how the parent starts each mode's process.</summary>
    private static readonly Option<bool> ChildOption = new("--child") { Hidden = true };

    /// <summary>The options that only one experiment reads: given under the other one, they are an error.</summary>
    private static readonly (Option Option, Experiment Owner)[] ExperimentOnlyOptions =
    [
        (BlockMsOption, Experiment.Starvation),
        (ClientsOption, Experiment.Upload),
        (UploadKibOption, Experiment.Upload),
        (StoreMsOption, Experiment.Upload),
        (SvgOption, Experiment.Upload),
    ];

    private static readonly RootCommand Command = CreateCommand();

    /// <summary>Response files (<c>@file</c>) are off: an argument starting with '@' means itself, as it always did.</summary>
    private static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null };

    public static CommandLineOutcome Parse(IReadOnlyList<string> args)
    {
        ParseResult parsed = Command.Parse(args, Configuration);
        if (parsed.Errors.Count > 0)
        {
            return Fail([.. parsed.Errors.Select(static error => error.Message)]);
        }

        if (parsed.Action is HelpAction)
        {
            return new CommandLineOutcome(null, HelpRequested: true, []);
        }

        var experiment = parsed.GetResult(ExperimentOption) is null ? Experiment.Upload : parsed.GetValue(ExperimentOption);
        var errors = new List<string>();
        foreach (var (option, owner) in ExperimentOnlyOptions)
        {
            if (owner != experiment && parsed.GetResult(option) is { Implicit: false })
            {
                errors.Add($"option '{option.Name}' belongs to '--experiment {owner.CommandLineName()}'");
            }
        }

        var options = Build(parsed, experiment);
        if (options.Experiment == Experiment.Upload && (long)options.Upload.Clients * options.Upload.MaxUploadBytes > MaxUploadBufferBytes)
        {
            errors.Add(
                $"--clients {options.Upload.Clients} x --upload-kib {options.Upload.MaxUploadKib} needs more than 1 GiB of upload buffers "
                + "(the server pools one buffer of the largest upload per client): lower one of them");
        }

        if (options.Child && options.Modes.Count != 1)
        {
            errors.Add("'--child' runs exactly one mode: pass '--mode inline|taskrun|blitz'");
        }

        return errors.Count > 0 ? Fail(errors) : new CommandLineOutcome(options, HelpRequested: false, []);
    }

    /// <summary>Writes the help text, which lists every option but the internal <c>--child</c>.</summary>
    public static Task WriteHelpAsync(TextWriter writer) =>
        Command.Parse(["--help"], Configuration).InvokeAsync(new InvocationConfiguration { Output = writer });

    private static RootCommand CreateCommand()
    {
        var command = new RootCommand(
            """
            Runs an experiment once per mode (inline, Task.Run, Blitz), each mode in a fresh process, while a probe measures how late ordinary ThreadPool work starts.

              upload (default)  a TCP server on 127.0.0.1 reads each upload with async socket reads, hashes it (SHA-256) through a [Blocking] method, makes a sync storage write (--store-ms), and sends the hex digest back; concurrent clients upload and check every digest
              starvation        a burst of requests that each make a blocking sync library call

            Options marked upload: or starvation: belong to that experiment only.
            Exit codes: 0 success, 1 the self-check failed, 2 bad arguments.
            """)
        {
            ExperimentOption, ModeOption, TimeCapOption, RequestsOption,
            ClientsOption, UploadKibOption, StoreMsOption, SvgOption,
            BlockMsOption, ChildOption,
        };

        // The demo has no version to show and no use for [diagram]-style directives: keep the surface to its options.
        command.Options.Remove(command.Options.OfType<VersionOption>().Single());
        command.Directives.Clear();
        return command;
    }

    private static DemoOptions Build(ParseResult parsed, Experiment experiment)
    {
        var options = DemoOptions.Defaults with
        {
            Experiment = experiment,
            Modes = parsed.GetValue(ModeOption) is { } mode ? [mode] : ModeNames.All,
            TimeCap = TimeSpan.FromSeconds(parsed.GetValue(TimeCapOption)),
            Child = parsed.GetValue(ChildOption),
            Starvation = StarvationSettings.Defaults with { BlockMs = parsed.GetValue(BlockMsOption) },
            Upload = UploadSettings.Defaults with
            {
                Clients = parsed.GetValue(ClientsOption),
                MaxUploadKib = parsed.GetValue(UploadKibOption),
                StoreMs = parsed.GetValue(StoreMsOption),
                SvgPath = parsed.GetValue(SvgOption)!,
            },
        };

        if (parsed.GetResult(RequestsOption) is null)
        {
            return options;
        }

        int requests = parsed.GetValue(RequestsOption);
        return experiment == Experiment.Starvation
            ? options with { Starvation = options.Starvation with { Requests = requests } }
            : options with { Upload = options.Upload with { Requests = requests } };
    }

    /// <summary>A whole-number option; only the storage write may be 0 (no write).</summary>
    private static Option<int> WholeNumber(string name, string helpName, string description, int? defaultValue, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => ParseWholeNumber(result, name, min, max),
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static int ParseWholeNumber(ArgumentResult result, string name, int min, int max)
    {
        string text = result.Tokens[0].Value;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < min)
        {
            return Reject<int>(result, $"option '{name}' needs a {(min == 0 ? "non-negative" : "positive")} whole number, not '{text}'");
        }

        return number <= max
            ? number
            : Reject<int>(result, $"option '{name}' is at most {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
    }

    private static Mode? ParseMode(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ModeNames.TryParse(text, out var mode)
            ? mode
            : Reject<Mode?>(result, $"unknown mode '{text}' (expected inline, taskrun, blitz or all)");
    }

    private static string ParseSvgPath(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        return string.IsNullOrWhiteSpace(text) || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? Reject<string>(result, $"option '--svg' needs a file path, not '{text}'")!
            : text;
    }

    /// <summary>Records <paramref name="error"/> against the option; the value returned is never read.</summary>
    private static T? Reject<T>(ArgumentResult result, string error)
    {
        result.AddError(error);
        return default;
    }

    private static CommandLineOutcome Fail(IReadOnlyList<string> errors) => new(null, HelpRequested: false, errors);
}
