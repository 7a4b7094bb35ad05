using System.Text.Json;
using Blitz.Demo;

// The starvation experiment: see samples/Blitz.Demo/README.md. Exit codes: 0 success, 1 self-check failed, 2 usage.
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
    var result = ModeExperiment.Run(options.Modes[0], options.Requests, options.BlockMs, options.TimeCap,
        static progress => Console.Error.WriteLine(progress.Format()));
    Console.Out.Write(JsonSerializer.Serialize(result, ModeResultJson.Default.ModeResult));
    Console.Out.Flush();

    // A cut-off mode leaves calls blocking on threads that may keep the process alive; the result is out, so go.
    Environment.Exit(0);
}

ReportRenderer.WriteHeader(options);
var outcomes = await StarvationExperiment.RunAsync(options);
var checks = SelfCheck.Evaluate(outcomes);
ReportRenderer.WriteResults(outcomes, checks);
return checks.All(c => c.Passed) ? 0 : 1;
