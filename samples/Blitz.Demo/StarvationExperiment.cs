using System.Globalization;
using Spectre.Console;

namespace Blitz.Demo;

/// <summary>
/// The parent's side of the experiment: runs the chosen modes one after another, each in its own child process,
/// and shows their progress live.
/// </summary>
internal static class StarvationExperiment
{
    public static async Task<IReadOnlyList<ModeOutcome>> RunAsync(DemoOptions options)
    {
        var outcomes = new List<ModeOutcome>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = options.Modes
                    .Select(mode => (Mode: mode, Task: context.AddTask(Describe(mode, 0, options.Requests, null), autoStart: false, maxValue: options.Requests)))
                    .ToList();

                foreach (var (mode, task) in tasks)
                {
                    task.StartTask();
                    var outcome = await ChildProcessRunner.RunAsync(mode, options, progress =>
                    {
                        task.Value = progress.Completed;
                        task.Description = Describe(mode, progress.Completed, options.Requests, progress.ThreadPoolThreads);
                    });

                    task.Description = outcome.Result switch
                    {
                        { CutOff: true } r => $"{Describe(mode, r.Completed, r.Requests, r.PeakThreadPoolThreads)} [yellow]cut off at the time cap[/]",
                        { } r => Describe(mode, r.Completed, r.Requests, r.PeakThreadPoolThreads),
                        null => $"{Markup.Escape(mode.DisplayName())} [red]failed[/]",
                    };
                    task.StopTask();
                    outcomes.Add(outcome);
                }
            });

        return outcomes;
    }

    private static string Describe(Mode mode, int completed, int requests, int? threadPoolThreads) =>
        $"{Markup.Escape(mode.DisplayName()),-8} {completed,5}/{requests} requests"
        + $", {(threadPoolThreads is int threads ? threads.ToString(CultureInfo.InvariantCulture) : "-"),3} ThreadPool threads";
}
