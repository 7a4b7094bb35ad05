using System.Text.Json;
using Blitz.Demo;

// The upload-hashing and starvation experiments: see samples/Blitz.Demo/README.md.
// Exit codes: 0 success, 1 self-check failed, 2 usage.
var parsed = OptionsParser.Parse(args);
if (parsed.HelpRequested)
{
    Console.WriteLine(OptionsParser.Usage);
    return 0;
}

if (parsed.Options is not { } options)
{
    Console.Error.WriteLine($"error: {parsed.Error}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(OptionsParser.Usage);
    return 2;
}

if (options.Child)
{
    Action<ChildProgress> report = static progress => Console.Error.WriteLine(progress.Format());
    string json = options.Experiment switch
    {
        Experiment.Starvation => JsonSerializer.Serialize(
            StarvationRun.Run(options.Modes[0], options.Starvation.Requests, options.Starvation.BlockMs, options.TimeCap, report),
            StarvationResultJson.Default.StarvationResult),
        _ => JsonSerializer.Serialize(
            UploadRun.Run(options.Modes[0], options.Upload, options.TimeCap, report),
            UploadResultJson.Default.UploadResult),
    };
    Console.Out.Write(json);
    Console.Out.Flush();

    // A cut-off mode leaves work blocking on threads that may keep the process alive; the result is out, so go.
    Environment.Exit(0);
}

return options.Experiment switch
{
    Experiment.Starvation => await StarvationExperiment.RunAsync(options),
    _ => await UploadExperiment.RunAsync(options),
};
