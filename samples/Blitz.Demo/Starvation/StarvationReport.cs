using Spectre.Console;

namespace Blitz.Demo;

/// <summary>Writes the experiment's results: one table with a column per mode, what its rows mean, a p99 bar chart, the checks.</summary>
internal static class StarvationReport
{
    public static void WriteHeader(DemoOptions options)
    {
        var settings = options.Starvation;
        AnsiConsole.Write(new Rule("[bold]Blitz demo: ThreadPool starvation[/]").LeftJustified());
        AnsiConsole.MarkupLine(
            $"{ReportFormat.Count(settings.Requests)} concurrent requests, each making a blocking {settings.BlockMs} ms sync library call; "
            + $"{Environment.ProcessorCount} cores; each mode in a fresh process (cold ThreadPool), cut off after {options.TimeCap.TotalSeconds:0} s.");
        AnsiConsole.WriteLine();
    }

    public static void WriteResults(IReadOnlyList<ModeOutcome<StarvationResult>> outcomes, IReadOnlyList<Check> checks)
    {
        var results = outcomes.Select(o => o.Result).OfType<StarvationResult>().ToList();
        if (results.Count > 0)
        {
            AnsiConsole.Write(CreateTable(results));
            WriteLegend(results);
            AnsiConsole.Write(CreateChart(results));
            AnsiConsole.WriteLine();
        }

        Check.WriteAll(checks);
    }

    /// <summary>A column per mode and a row per figure, so three modes fit an 80-column terminal.</summary>
    private static Table CreateTable(IReadOnlyList<StarvationResult> results)
    {
        var table = ModeTable.Create(results.Select(r => r.Mode));
        ModeTable.AddRow(table, "requests done", results, r => r.CutOff ? $"[yellow]{r.Completed}/{r.Requests}[/]" : $"{r.Completed}/{r.Requests}");
        ModeTable.AddRow(table, "wall time", results, r => r.CutOff ? $"[yellow]≥ {ReportFormat.Duration(r.WallMs)} (cut off)[/]" : ReportFormat.Duration(r.WallMs));
        ModeTable.AddRow(table, "ideal", results, r => ReportFormat.Duration(r.IdealMs));
        ModeTable.AddRow(table, "probe delay p50", results, r => ProbeCell(r, r.ProbeDelays.P50Ms));
        ModeTable.AddRow(table, "probe delay p99", results, r => $"[bold]{ProbeCell(r, r.ProbeDelays.P99Ms)}[/]");
        ModeTable.AddRow(table, "probe delay max", results, r => ProbeCell(r, r.ProbeDelays.MaxMs));
        ModeTable.AddRow(table, "ThreadPool threads", results, r => $"{r.ThreadPoolThreadsAtStart} → {r.PeakThreadPoolThreads} (peak)");
        ModeTable.AddRow(table, "Blitz threads (peak)", results, r => r.PeakOwnPoolThreads is int own ? ReportFormat.Count(own) : "-");
        ModeTable.AddStallRows(table, results, r => r.StallsDetected, r => r.WorstStallMs);
        ModeTable.AddRow(table, "allocated / request", results, r => ReportFormat.Bytes(r.AllocatedBytes / (double)r.Requests));
        return table;
    }

    private static string ProbeCell(StarvationResult r, double delayMs) => ModeTable.ProbeCell(r.ProbeDelays, delayMs, ResponsiveMs(r), StarvedMs(r));

    /// <summary>What the rows mean, as a two-column grid so each explanation hangs beside its term.</summary>
    private static void WriteLegend(IReadOnlyList<StarvationResult> results)
    {
        var first = results[0];
        ThreadPool.GetMaxThreads(out int threadPoolLimit, out _);
        int blitzLimit = results.FirstOrDefault(r => r.Mode == Mode.Blitz)?.ThreadLimit ?? new BlitzOptions().MaxBlockingThreads;
        var legend = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        legend.AddRow("[grey]wall time[/]", "From dispatching the first request to the last completion.");
        legend.AddRow(
            "[grey]ideal[/]",
            "ceil(requests / threads the mode may use) × block time: the wall time if every thread the pool is allowed "
            + $"were there from the start. The ThreadPool may grow to {ReportFormat.Count(threadPoolLimit)} threads, so its "
            + $"ideal is one block time, but it starts with {Environment.ProcessorCount} and, when starved, injects only "
            + $"about 1-2 a second. The Blitz blocking pool starts a thread for each waiting call, up to {ReportFormat.Count(blitzLimit)}, "
            + "one after another as the burst arrives: its gap is that cold start.");
        legend.AddRow(
            "[grey]probe delay[/]",
            "A dedicated (non-pool) thread queues an ordinary ThreadPool work item every 10 ms and records how late it "
            + "starts: how late every await continuation and every new request in the process starts. "
            + "≥ marks probes that had not started when the mode ended (their wait so far counts).");
        legend.AddRow("[grey]ThreadPool threads[/]", "At the start of the run → the most seen during it.");
        legend.AddRow(
            "[grey]stall events[/]",
            $"What Blitz's own monitor (BlitzOptions.StallThreshold = {ReportFormat.Duration(StallWatch.Threshold.TotalMilliseconds)}) "
            + "reported: the StallDetected events an operator would see. It keeps one probe in flight, so one long stall is one event.");
        legend.AddRow(
            "[grey]allocated / request[/]",
            "GC.GetTotalAllocatedBytes(true) over the run ÷ requests, including the server's own dispatch of each "
            + "request (the same in every mode) and one-time costs such as starting threads (Blitz starts one per "
            + "waiting call; the offload itself allocates nothing, see benchmarks/README.md).");
        if (results.Any(r => r.CutOff))
        {
            legend.AddRow(
                "[yellow]cut off[/]",
                $"The mode did not finish within the {first.TimeCapMs / 1000:0} s time cap (--time-cap); its figures cover the time it ran.");
        }

        AnsiConsole.Write(legend);
        AnsiConsole.WriteLine();
    }

    private static BarChart CreateChart(IReadOnlyList<StarvationResult> results)
    {
        var chart = new BarChart()
            .Width(Math.Min(100, Math.Max(40, AnsiConsole.Profile.Width)))
            .Label("[bold]p99 probe delay, ms[/] (how late ordinary ThreadPool work started)")
            .LeftAlignLabel();
        foreach (var r in results)
        {
            chart.AddItem(r.Mode.DisplayName(), Math.Round(r.ProbeDelays.P99Ms, 1), ModeTable.ProbeColor(r.ProbeDelays.P99Ms, ResponsiveMs(r), StarvedMs(r)));
        }

        return chart;
    }

    /// <summary>Under a tenth of one blocking call, the pool stayed responsive.</summary>
    private static double ResponsiveMs(StarvationResult r) => r.BlockMs / 10.0;

    /// <summary>A whole blocking call or more: starved, as <see cref="StarvationSelfCheck"/> counts it.</summary>
    private static double StarvedMs(StarvationResult r) => r.BlockMs;
}
