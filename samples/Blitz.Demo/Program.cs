using System.Text.Json;
using Blitz.Demo;

// The upload-hashing and starvation experiments: see samples/Blitz.Demo/README.md.
// Exit codes: 0 success, 1 self-check failed, 2 usage.
var parsed = DemoCommandLine.Parse(args);
if (parsed.HelpRequested)
{
    await DemoCommandLine.WriteHelpAsync(Console.Out);
    return 0;
}

if (parsed.Options is not { } options)
{
    foreach (string error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine();
    await DemoCommandLine.WriteHelpAsync(Console.Error);
    return 2;
}

if (options.Child)
{
    Action<ChildProgress> report = static progress => Console.Error.WriteLine(progress.Format());
    // The child runs its experiment synchronously on the main thread, before the first await of this program, so it
    // holds no ThreadPool thread; BLZ111 sees top-level code that awaits as async context throughout.
#pragma warning disable BLZ111
    string json = options.Experiment switch
    {
        Experiment.Starvation => JsonSerializer.Serialize(
            StarvationRun.Run(options.Modes[0], options.Starvation.Requests, options.Starvation.BlockMs, options.TimeCap, report),
            StarvationResultJson.Default.StarvationResult),
        _ => JsonSerializer.Serialize(
            UploadRun.Run(options.Modes[0], options.Upload, options.TimeCap, report),
            UploadResultJson.Default.UploadResult),
    };
#pragma warning restore BLZ111
    Console.Out.Write(json);
    Console.Out.Flush();

    // A cut-off mode leaves work blocking on threads that may keep the process alive; the result is out, so go.
    Environment.Exit(0);
}

DemoConsole.UseStandardOutput();
return options.Experiment switch
{
    Experiment.Starvation => await StarvationExperiment.RunAsync(options),
    _ => await UploadExperiment.RunAsync(options),
};
