using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Blitz.Demo;

/// <summary>
/// Runs one mode in a fresh child process of this same program, so every mode starts with a cold ThreadPool and none
/// inherits the threads an earlier mode made the pool inject. The child reports progress on stderr and its result as
/// JSON on stdout.
/// </summary>
internal static class ChildProcessRunner
{
    /// <summary>Beyond the mode's own time cap: process start-up, the probe's drain, shutdown.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(15);

    public static async Task<ModeOutcome<TResult>> RunAsync<TResult>(
        Mode mode, DemoOptions options, JsonTypeInfo<TResult> resultJson, Action<ChildProgress> onProgress)
        where TResult : class
    {
        using var child = new Process { StartInfo = CreateStartInfo(options.ToChildArguments(mode)) };
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) =>
        {
            if (ChildProgress.TryParse(e.Data, out var progress))
            {
                onProgress(progress);
            }
            else if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };

        child.Start();
        child.BeginErrorReadLine();
        string stdout;
        using (var timeout = new CancellationTokenSource(options.TimeCap + ExitGrace))
        {
            try
            {
                stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token);
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                return ModeOutcome<TResult>.Failed(mode, $"did not exit within {(options.TimeCap + ExitGrace).TotalSeconds:0} s and was stopped");
            }
        }

        string stderr;
        lock (errors)
        {
            stderr = errors.ToString().Trim();
        }

        if (child.ExitCode != 0)
        {
            // The first line names the exception; the stack trace would drown the report.
            return ModeOutcome<TResult>.Failed(mode, $"exited with code {child.ExitCode}: {stderr.Split('\n')[0].Trim()}");
        }

        try
        {
            var result = JsonSerializer.Deserialize(stdout, resultJson);
            return result is null ? ModeOutcome<TResult>.Failed(mode, "printed no result") : new ModeOutcome<TResult>(mode, result, null);
        }
        catch (JsonException ex)
        {
            return ModeOutcome<TResult>.Failed(mode, $"printed a result that is not valid JSON ({ex.Message}): {stdout}");
        }
    }

    private static ProcessStartInfo CreateStartInfo(IReadOnlyList<string> args)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Started as "dotnet Blitz.Demo.dll" rather than through the app host: the child needs the dll too.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            startInfo.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        return startInfo;
    }
}
