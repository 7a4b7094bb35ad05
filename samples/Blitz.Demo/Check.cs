using Spectre.Console;

namespace Blitz.Demo;

/// <summary>One claim the run must bear out for the demo to exit with code 0.</summary>
internal sealed record Check(string Claim, bool Passed, string? Detail = null)
{
    /// <summary>
    /// The checks every experiment makes of each mode: it ran, its answers were right (<paramref name="correct"/>,
    /// given the mode's display name), and the Blitz mode served all its <paramref name="items"/> within the time cap.
    /// </summary>
    public static List<Check> PerMode<TResult>(IReadOnlyList<ModeOutcome<TResult>> outcomes, string items, Func<string, TResult, Check> correct)
        where TResult : class, IModeResult
    {
        var checks = new List<Check>();
        foreach (var outcome in outcomes)
        {
            string name = outcome.Mode.DisplayName();
            if (outcome.Result is not { } result)
            {
                checks.Add(new Check($"{name}: the mode ran", false, outcome.Failure));
                continue;
            }

            checks.Add(correct(name, result));
            if (outcome.Mode == Mode.Blitz)
            {
                checks.Add(new Check(
                    $"{name}: all {result.Requests} {items} completed within the time cap",
                    !result.CutOff && result.Completed == result.Requests,
                    $"{result.Completed} completed"));
            }
        }

        return checks;
    }

    /// <summary>Blitz's p99 probe delay is at least <paramref name="factor"/> times lower than a starved mode's.</summary>
    public static Check ProbeDelayImprovement(IModeResult blitz, IModeResult starved, double factor) => new(
        $"Blitz p99 probe delay is at least {factor:0}x lower than {starved.Mode.DisplayName()}'s",
        blitz.ProbeDelays.P99Ms * factor <= starved.ProbeDelays.P99Ms,
        $"{ReportFormat.Duration(blitz.ProbeDelays.P99Ms)} vs {ReportFormat.Duration(starved.ProbeDelays.P99Ms)}");

    /// <summary>Writes each check as a PASS or FAIL line, with its detail in grey.</summary>
    public static void WriteAll(IReadOnlyList<Check> checks)
    {
        foreach (var check in checks)
        {
            string mark = check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            string detail = check.Detail is null ? string.Empty : $" [grey]({Markup.Escape(check.Detail)})[/]";
            AnsiConsole.MarkupLine($"{mark} {Markup.Escape(check.Claim)}{detail}");
        }
    }
}
