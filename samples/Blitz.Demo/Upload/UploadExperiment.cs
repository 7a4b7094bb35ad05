using Spectre.Console;

namespace Blitz.Demo;

/// <summary>The parent's side of the upload-hashing experiment: run the modes, report, write the SVG, check.</summary>
internal static class UploadExperiment
{
    /// <returns>The exit code: 0 if every check passed, 1 if not.</returns>
    public static async Task<int> RunAsync(DemoOptions options)
    {
        UploadReport.WriteHeader(options);
        var outcomes = await ModeSequence.RunAsync(options, UploadResultJson.Default.UploadResult, options.Upload.Requests, "uploads");
        var results = outcomes.Select(o => o.Result).OfType<UploadResult>().ToList();
        var checks = new List<Check>();
        if (results.Count > 0)
        {
            UploadReport.WriteResults(results);
            checks.Add(WriteSvg(options.Upload.SvgPath, results));
        }

        checks.AddRange(UploadSelfCheck.Evaluate(outcomes));
        Check.WriteAll(checks);
        return checks.TrueForAll(c => c.Passed) ? 0 : 1;
    }

    private static Check WriteSvg(string path, IReadOnlyList<UploadResult> results)
    {
        string fullPath = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, UploadChart.CreateSvg(results));
            AnsiConsole.MarkupLine($"Chart written to [link]{Markup.Escape(fullPath)}[/] (open it in a browser).");
            AnsiConsole.WriteLine();
            return new Check("the SVG chart was written", true, fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new Check("the SVG chart was written", false, $"{fullPath}: {ex.Message}");
        }
    }
}
