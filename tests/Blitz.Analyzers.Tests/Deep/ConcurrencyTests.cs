using Blitz.Analyzers.Buckets;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// The summaries are shared by every thread of a concurrent build. Many files whose async methods reach each other's
/// helpers (so that threads compute the same summaries at the same time, and through cycles) must give exactly the
/// diagnostics, messages included, of a sequential run, every time.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Files = 48;

    [Fact]
    public async Task Concurrent_analysis_of_many_files_matches_the_sequential_run()
    {
        var verifier = new DeepVerifier(BlitzRulesAnalyzer.Hosting(new BLZ111BlockingHelperAnalyzer(), new BLZ112ForeverLoopThroughCallAnalyzer()));
        var compilation = verifier.Compile(Enumerable.Range(0, Files).Select(Source).ToArray());

        var sequential = Describe(await verifier.AnalyzeAsync(compilation));
        // Per file: the sleep through a helper of the next file, the wait two calls deep, the daemon start; the cycle adds nothing.
        Assert.Equal(Files * 3, sequential.Count);

        for (var run = 0; run < 2; run++)
        {
            // A fresh compilation each time: summaries are cached per compilation, so each run computes them anew.
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
            Assert.Equal(sequential, Describe(await verifier.AnalyzeAsync(fresh, concurrent: true)));
        }
    }

    private static List<string> Describe(IEnumerable<Microsoft.CodeAnalysis.Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Location.SourceTree!.FilePath}:{d.Location.SourceSpan} {d.Id} {d.GetMessage()}").ToList();

    private static string Source(int i)
    {
        var next = (i + 1) % Files;
        return Sources.Usings + $$"""
            namespace Area{{i}};
            public sealed class Helper{{i}}
            {
                private readonly ManualResetEventSlim _ready = new(false);
                public bool IsReady { get { Thread.Sleep(10); return true; } }
                public void Wait() => Inner();
                private void Inner() => _ready.Wait(1000);
                public int Ping(int n) => n <= 0 ? 0 : new Area{{next}}.Helper{{next}}().Pong(n - 1);
                public int Pong(int n) => Ping(n);
                public void Loop() { while (true) { Thread.Sleep(100); } }
                public void Daemon() => Loop();
            }
            public sealed class Caller{{i}}
            {
                private readonly Area{{next}}.Helper{{next}} _next = new();
                public async Task<int> RunAsync()
                {
                    await Task.Yield();
                    var ready = _next.IsReady;
                    _next.Wait();
                    _ = Task.Run(_next.Daemon);
                    return _next.Ping(3);
                }
            }
            """;
    }
}
