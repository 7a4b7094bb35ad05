using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Tests.Deep;

namespace Blitz.Analyzers.Tests.Common;

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

    [Fact]
    public async Task First_use_work_is_reported_at_one_site_of_a_type_whichever_thread_gets_there_first()
    {
        var verifier = new DeepVerifier(BlitzRulesAnalyzer.Hosting(new BLZ111BlockingHelperAnalyzer()));
        var helper = Sources.Usings + """
            public sealed class Lazy
            {
                private object? _link;
                public object Link { get { if (_link == null) { Thread.Sleep(100); _link = new object(); } return _link; } }
            }
            """;
        var callers = Enumerable.Range(0, Files).Select(i => Sources.Usings + $$"""
            public sealed partial class Caller
            {
                public async Task<object> Run{{i}}Async(Lazy lazy) { await Task.Yield(); return lazy.Link; }
            }
            """);
        var compilation = verifier.Compile([helper, .. callers]);

        var sequential = Describe(await verifier.AnalyzeAsync(compilation));
        Assert.Equal("Input1.cs", Assert.Single(sequential).Split(':')[0]); // file paths sort ordinally: Input1.cs comes first

        for (var run = 0; run < 2; run++)
        {
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
