using System.Globalization;

namespace Blitz.Demo;

/// <summary>What one run of the demo does; built by <see cref="DemoCommandLine"/>.</summary>
/// <param name="Experiment">Which experiment runs.</param>
/// <param name="Modes">The modes to run, in order.</param>
/// <param name="TimeCap">How long one mode may run before it is cut off and reported as such.</param>
/// <param name="Child">Run one mode in this process and print its result as JSON (the parent starts these).</param>
/// <param name="Starvation">The starvation experiment's settings.</param>
/// <param name="Upload">The upload-hashing experiment's settings.</param>
internal sealed record DemoOptions(
    Experiment Experiment,
    IReadOnlyList<Mode> Modes,
    TimeSpan TimeCap,
    bool Child,
    StarvationSettings Starvation,
    UploadSettings Upload)
{
    public const int DefaultTimeCapSeconds = 10;

    public static DemoOptions Defaults { get; } = new(
        Experiment.Upload, ModeNames.All, TimeSpan.FromSeconds(DefaultTimeCapSeconds), Child: false, StarvationSettings.Defaults, UploadSettings.Defaults);

    /// <summary>The command line that makes a child process run <paramref name="mode"/> with these options.</summary>
    public IReadOnlyList<string> ToChildArguments(Mode mode)
    {
        var args = new List<string>
        {
            "--child",
            "--experiment", Experiment.CommandLineName(),
            "--mode", mode.CommandLineName(),
            "--time-cap", Format((int)TimeCap.TotalSeconds),
        };
        args.AddRange(Experiment switch
        {
            Experiment.Starvation => ["--requests", Format(Starvation.Requests), "--block-ms", Format(Starvation.BlockMs)],
            _ =>
            [
                "--requests", Format(Upload.Requests), "--clients", Format(Upload.Clients),
                "--upload-kib", Format(Upload.MaxUploadKib), "--store-ms", Format(Upload.StoreMs),
            ],
        });
        return args;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The starvation experiment: a burst of requests that each make a blocking sync call.</summary>
/// <param name="Requests">How many requests arrive at once.</param>
/// <param name="BlockMs">How long each request's sync library call blocks.</param>
internal sealed record StarvationSettings(int Requests, int BlockMs)
{
    public static StarvationSettings Defaults { get; } = new(Requests: 200, BlockMs: 100);
}

/// <summary>The upload-hashing experiment: concurrent clients upload to a TCP server that hashes each upload.</summary>
/// <param name="Clients">How many clients upload at once, each on its own connection.</param>
/// <param name="Requests">How many uploads all clients make together, at most (the time cap may end a mode first).</param>
/// <param name="MaxUploadKib">The largest upload; uploads range from a quarter of it to all of it.</param>
/// <param name="StoreMs">How long the handler's sync storage write blocks after hashing (0: no write).</param>
/// <param name="SvgPath">Where the SVG chart is written.</param>
internal sealed record UploadSettings(int Clients, int Requests, int MaxUploadKib, int StoreMs, string SvgPath)
{
    public static UploadSettings Defaults { get; } =
        new(Clients: 32, Requests: 2000, MaxUploadKib: 4096, StoreMs: 50, SvgPath: Path.Combine("artifacts", "upload-hashing.svg"));

    public int MaxUploadBytes => MaxUploadKib * 1024;

    public int MinUploadBytes => MaxUploadBytes / 4;
}
