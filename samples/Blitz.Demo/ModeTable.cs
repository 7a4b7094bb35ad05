using Spectre.Console;

namespace Blitz.Demo;

/// <summary>The report's table: a column per mode and a row per figure, so three modes fit an 80-column terminal.</summary>
internal static class ModeTable
{
    public static Table Create(IEnumerable<Mode> modes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Results[/]");
        table.AddColumn(string.Empty);
        foreach (var mode in modes)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(mode.DisplayName())}[/]").RightAligned());
        }

        return table;
    }

    /// <summary>Adds a row: the figure's name in grey, then one markup cell per mode's result.</summary>
    public static void AddRow<TResult>(Table table, string figure, IReadOnlyList<TResult> results, Func<TResult, string> cell) =>
        table.AddRow(results.Select(cell).Prepend($"[grey]{figure}[/]").Select(markup => new Markup(markup)));

    /// <summary>What Blitz's stall monitor reported: how many stalls, and the worst, on two short rows.</summary>
    public static void AddStallRows<TResult>(Table table, IReadOnlyList<TResult> results, Func<TResult, int> stalls, Func<TResult, double> worstMs)
    {
        AddRow(table, "stall events", results, r => stalls(r) == 0 ? "[green]0[/]" : $"[red]{stalls(r)}[/]");
        AddRow(table, "worst stall", results, r => stalls(r) == 0 ? "-" : $"[red]{ReportFormat.Duration(worstMs(r))}[/]");
    }

    /// <summary>
    /// A duration, in the color given (none for the default); ≥ when some of the durations had not finished (their
    /// time so far counts, a lower bound).
    /// </summary>
    public static string DurationCell(Durations durations, double ms, string? color = null)
    {
        string text = $"{(durations.Unfinished > 0 ? "≥ " : string.Empty)}{ReportFormat.Duration(ms)}";
        return color is null ? text : $"[{color}]{text}[/]";
    }

    /// <summary>
    /// A probe delay: green under <paramref name="responsiveMs"/> (the pool stayed responsive), red from
    /// <paramref name="starvedMs"/> on (the pool was starved, as the self-check counts it), yellow between (async work
    /// waited a little: a GC pause or a burst, not starvation).
    /// </summary>
    public static string ProbeCell(Durations delays, double delayMs, double responsiveMs, double starvedMs) =>
        DurationCell(delays, delayMs, ProbeColor(delayMs, responsiveMs, starvedMs).ToMarkup());

    /// <summary>The color of a probe delay: see <see cref="ProbeCell"/>.</summary>
    public static Color ProbeColor(double delayMs, double responsiveMs, double starvedMs) =>
        delayMs < responsiveMs ? Color.Green : delayMs < starvedMs ? Color.Yellow : Color.Red;
}
