using System.Globalization;
using Spectre.Console;

namespace Blitz.Demo;

/// <summary>Writes the upload experiment's results: the table, what its rows mean, bar charts, the checks.</summary>
internal static class UploadReport
{
    /// <summary>A probe delay under this is a responsive ThreadPool (green); over it, async work waited (red).</summary>
    public const double ResponsiveProbeDelayMs = 10;

    public static void WriteHeader(DemoOptions options)
    {
        var settings = options.Upload;
        AnsiConsole.Write(new Rule("[bold]Blitz demo: an upload-hashing server[/]").LeftJustified());
        AnsiConsole.MarkupLine(
            $"{ReportFormat.Count(settings.Clients)} clients upload {ReportFormat.Count(settings.Requests)} files of "
            + $"{ReportFormat.Bytes(settings.MinUploadBytes)}-{ReportFormat.Bytes(settings.MaxUploadBytes)} to a TCP server on 127.0.0.1, "
            + $"which reads each with async socket reads, hashes it (SHA-256) and makes a {settings.StoreMs} ms sync storage write; "
            + $"{Environment.ProcessorCount} cores; each mode in a fresh process (cold ThreadPool), cut off after {options.TimeCap.TotalSeconds:0} s.");
        AnsiConsole.WriteLine();
    }

    public static void WriteResults(IReadOnlyList<UploadResult> results)
    {
        var table = ModeTable.Create(results.Select(r => r.Mode));
        ModeTable.AddRow(table, "uploads done", results, r => r.CutOff ? $"[yellow]{r.Completed}/{r.Requests}[/]" : $"{r.Completed}/{r.Requests}");
        ModeTable.AddRow(table, "errors", results, ErrorCell);
        ModeTable.AddRow(table, "requests / s", results, r => $"[bold]{r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)}[/]");
        ModeTable.AddRow(table, "latency p50", results, r => LatencyCell(r, r.Latency.P50Ms));
        ModeTable.AddRow(table, "latency p99", results, r => $"[bold]{LatencyCell(r, r.Latency.P99Ms)}[/]");
        ModeTable.AddRow(table, "probe delay p50", results, r => ProbeCell(r, r.ProbeDelays.P50Ms));
        ModeTable.AddRow(table, "probe delay p99", results, r => $"[bold]{ProbeCell(r, r.ProbeDelays.P99Ms)}[/]");
        ModeTable.AddRow(table, "probe delay max", results, r => ProbeCell(r, r.ProbeDelays.MaxMs));
        ModeTable.AddStallRows(table, results, r => r.StallsDetected, r => r.WorstStallMs);
        ModeTable.AddRow(table, "ThreadPool threads", results, r => $"{r.ThreadPoolThreadsAtStart} → {r.PeakThreadPoolThreads} (peak)");
        ModeTable.AddRow(table, "Blitz threads (peak)", results, r => r.PeakBlitzThreads is int peak ? ReportFormat.Count(peak) : "-");
        ModeTable.AddRow(table, "allocated / request", results, r => ReportFormat.Bytes(r.AllocatedBytesPerRequest));
        AnsiConsole.Write(table);
        WriteLegend(results);

        AnsiConsole.Write(Chart("p99 request latency, ms", results, r => r.Latency.P99Ms));
        AnsiConsole.WriteLine();
        AnsiConsole.Write(Chart("p99 ThreadPool probe delay, ms (how late ordinary async work started)", results, r => r.ProbeDelays.P99Ms));
        AnsiConsole.WriteLine();
    }

    private static string ErrorCell(UploadResult r)
    {
        int errors = r.WrongDigests + r.ClientErrors + r.ServerErrors;
        if (errors == 0)
        {
            return "[green]0[/]";
        }

        string detail = r.WrongDigests > 0 ? $"{r.WrongDigests} wrong digests" : Markup.Escape(r.FirstError ?? "failed uploads");
        return $"[red]{errors}: {detail}[/]";
    }

    /// <summary>≥ when uploads a cut-off interrupted are included with their wait until then.</summary>
    private static string LatencyCell(UploadResult r, double latencyMs) => ModeTable.DurationCell(r.Latency, latencyMs);

    private static string ProbeCell(UploadResult r, double delayMs) =>
        ModeTable.ProbeCell(r.ProbeDelays, delayMs, ResponsiveProbeDelayMs, UploadSelfCheck.StarvedProbeDelayMs);

    private static BarChart Chart(string label, IReadOnlyList<UploadResult> results, Func<UploadResult, double> valueMs)
    {
        var chart = new BarChart()
            .Width(Math.Min(100, Math.Max(40, AnsiConsole.Profile.Width)))
            .Label($"[bold]{Markup.Escape(label)}[/]")
            .LeftAlignLabel();
        foreach (var r in results)
        {
            chart.AddItem(r.Mode.DisplayName(), Math.Round(valueMs(r), 1), r.Mode.ConsoleColor());
        }

        return chart;
    }

    /// <summary>What the rows mean, as a two-column grid so each explanation hangs beside its term.</summary>
    private static void WriteLegend(IReadOnlyList<UploadResult> results)
    {
        var legend = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        legend.AddRow("[grey]errors[/]", "Digests that differ from the client's own SHA-256 of what it sent, and failed uploads or connections.");
        legend.AddRow("[grey]requests / s[/]", "Uploads completed ÷ time from the clients' start to the last completion.");
        legend.AddRow(
            "[grey]latency[/]",
            "Per upload, on the client: from sending its length to reading the whole digest. ≥: the uploads a cut-off "
            + "interrupted count with their wait until then (lower bounds).");
        legend.AddRow(
            "[grey]probe delay[/]",
            "A dedicated (non-pool) thread queues an ordinary ThreadPool work item every 10 ms and records how late it "
            + "starts: how late an await continuation or a new connection's work starts. Green under "
            + $"{ReportFormat.Duration(ResponsiveProbeDelayMs)}, red from {ReportFormat.Duration(UploadSelfCheck.StarvedProbeDelayMs)} "
            + "(starved, as the checks count it), yellow between. (Socket completions queue in .NET's socket engine behind one pool "
            + "work item at a time, so a starved server's reads can wait longer than this: see the latency.)");
        legend.AddRow("[grey]ThreadPool threads[/]", "At the start of the run → the most seen during it.");
        legend.AddRow(
            "[grey]stall events[/]",
            $"StallDetected events from Blitz's own monitor (BlitzOptions.StallThreshold = {ReportFormat.Duration(StallWatch.Threshold.TotalMilliseconds)}); "
            + "it keeps one probe in flight, so one long stall is one event. Worst stall: the longest it saw.");
        legend.AddRow(
            "[grey]allocated / request[/]",
            "GC.GetTotalAllocatedBytes(true) over the run, minus what the client threads allocated themselves, ÷ uploads "
            + "completed: the server's side (socket reads, the hash call and its offload), plus the probe and monitor.");
        if (results.Any(r => r.CutOff))
        {
            legend.AddRow(
                "[yellow]cut off[/]",
                $"Yellow uploads done: the mode did not finish within the {results[0].TimeCapMs / 1000:0} s time cap (--time-cap); "
                + "its figures cover the time it ran; uploads in flight then get 2 s to finish, and count as unfinished if they do not.");
        }

        AnsiConsole.Write(legend);
        AnsiConsole.WriteLine();
    }
}
