using System.Globalization;

namespace Blitz.Demo;

/// <summary>The upload experiment's SVG file: requests/s, p99 latency and p99 probe delay, a bar per mode.</summary>
internal static class UploadChart
{
    public static string CreateSvg(IReadOnlyList<UploadResult> results)
    {
        var first = results[0];
        string[] footnotes =
        [
            string.Create(
                CultureInfo.InvariantCulture,
                $"{first.Clients} clients on 127.0.0.1 uploading files of {ReportFormat.Bytes(first.AverageUploadBytes)} on average; per upload the server hashes (SHA-256) and makes a {first.StoreMs} ms sync storage write."),
            string.Create(
                CultureInfo.InvariantCulture,
                $"Each mode in a fresh process; {Environment.ProcessorCount} cores, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Source: samples/Blitz.Demo (dotnet run -c Release --project samples/Blitz.Demo)."),
        ];
        string[] cutOff = [.. results.Where(r => r.CutOff).Select(r => r.Mode.DisplayName())];
        if (cutOff.Length > 0)
        {
            footnotes =
            [
                .. footnotes,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Cut off at the {first.TimeCapMs / 1000:0} s time cap before all {first.Requests} uploads were done: {string.Join(", ", cutOff)} (their figures cover the time they ran)."),
            ];
        }

        return SvgBarChart.Write(
            "Blitz demo: an upload-hashing server, three ways to run the hash",
            footnotes,
            [
                Panel("Requests per second", "higher is better", results, r => r.RequestsPerSecond, r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
                Panel("Request latency p99", "client side; lower is better", results, r => r.Latency.P99Ms, r => ReportFormat.Duration(r.Latency.P99Ms)),
                Panel("ThreadPool probe delay p99", "how late async work started; lower is better", results, r => r.ProbeDelays.P99Ms, r => ReportFormat.Duration(r.ProbeDelays.P99Ms)),
            ]);
    }

    private static SvgPanel Panel(string title, string note, IReadOnlyList<UploadResult> results, Func<UploadResult, double> value, Func<UploadResult, string> text) =>
        new(title, note, results.Select(r => new SvgBar(r.Mode.DisplayName(), value(r), text(r), r.Mode.HexColor())).ToList());
}
