using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Blitz.Demo;

/// <summary>What the parent's progress display and the self-checks need from any experiment's result.</summary>
internal interface IModeResult
{
    Mode Mode { get; }

    /// <summary>How many requests or uploads the mode was to serve.</summary>
    int Requests { get; }

    int Completed { get; }

    /// <summary>How late ordinary ThreadPool work items started during the mode.</summary>
    Durations ProbeDelays { get; }

    int PeakThreadPoolThreads { get; }

    /// <summary>True if the time cap ended the mode before all its work was done.</summary>
    bool CutOff { get; }
}

/// <summary>
/// The parent's side of an experiment: runs the chosen modes one after another, each in its own child process,
/// and shows their progress live.
/// </summary>
internal static class ModeSequence
{
    /// <param name="options">The run's options; each child gets them as arguments.</param>
    /// <param name="resultJson">How the child's result is read.</param>
    /// <param name="total">How much work a mode has: the progress bar's end.</param>
    /// <param name="unit">What the work is called in the progress line ("requests", "uploads").</param>
    public static async Task<IReadOnlyList<ModeOutcome<TResult>>> RunAsync<TResult>(
        DemoOptions options, JsonTypeInfo<TResult> resultJson, int total, string unit)
        where TResult : class, IModeResult
    {
        var outcomes = new List<ModeOutcome<TResult>>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = options.Modes
                    .Select(mode => (Mode: mode, Task: context.AddTask(Describe(mode, 0, total, unit, null), autoStart: false, maxValue: total)))
                    .ToList();

                foreach (var (mode, task) in tasks)
                {
                    task.StartTask();
                    var outcome = await ChildProcessRunner.RunAsync(mode, options, resultJson, progress =>
                    {
                        task.Value = progress.Completed;
                        task.Description = Describe(mode, progress.Completed, total, unit, progress.ThreadPoolThreads);
                    });

                    task.Description = outcome.Result switch
                    {
                        { CutOff: true } r => $"{Describe(mode, r.Completed, total, unit, r.PeakThreadPoolThreads)} [yellow]cut off at the time cap[/]",
                        { } r => Describe(mode, r.Completed, total, unit, r.PeakThreadPoolThreads),
                        null => $"{Markup.Escape(mode.DisplayName())} [red]failed[/]",
                    };
                    task.StopTask();
                    outcomes.Add(outcome);
                }
            });

        return outcomes;
    }

    private static string Describe(Mode mode, int completed, int total, string unit, int? threadPoolThreads) =>
        $"{Markup.Escape(mode.DisplayName()),-8} {completed,5}/{total} {unit}"
        + $", {(threadPoolThreads is int threads ? threads.ToString(CultureInfo.InvariantCulture) : "-"),3} ThreadPool threads";
}
