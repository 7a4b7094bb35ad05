using System.Collections.Immutable;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.Analyzers.Tests.Buckets;

/// <summary>
/// One piece of advice per call when two rules could both speak (a forever loop that sleeps is BLZ106's, not also
/// BLZ109's), and Fix All as <c>dotnet format analyzers</c> asks for it: with the equivalence key of the action for the
/// first diagnostic it found, null when that diagnostic has no fix.
/// </summary>
public sealed class OverlappingAdviceTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Shipped = ImmutableArray.Create<DiagnosticAnalyzer>(new BlitzRulesAnalyzer(), new BlitzSuggestionsAnalyzer());

    [Fact]
    public Task A_sleeping_forever_loop_sent_to_the_pool_is_reported_once_as_a_dedicated_thread_loop() => VerifyShippedAsync(Sources.Usings + """
        static class Loops
        {
            static readonly Func<Task> Pump = () => {|#0:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });

            public static async Task Start()
            {
                await {|#1:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });
                _ = {|#2:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });
                await {|#3:Task.Factory.StartNew|}(() => { while (true) { Thread.Sleep(1000); } });
                await {|#4:Task.Run|}(() => { while (true) { Tick(); } });
                await Pump();
            }

            public static void StartSync() => {|#5:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });

            static void Tick() => Thread.Sleep(1000);
        }
        """, OutputKind.DynamicallyLinkedLibrary, "Task.Run", "Task.Run", "Task.Run", "TaskFactory.StartNew", "Task.Run", "Task.Run");

    [Fact]
    public Task A_sleeping_forever_loop_sent_to_the_pool_from_top_level_statements_is_reported_once() => VerifyShippedAsync(Sources.Usings + """
        await {|#0:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });
        """, OutputKind.ConsoleApplication, "Task.Run");

    [Fact]
    public async Task Fix_all_as_dotnet_format_runs_it_fixes_BLZ109_when_the_first_site_has_no_fix()
    {
        var fixedSource = await DotnetFormatFixAllAsync(new BLZ109SpawnBlockingCodeFix(), "BLZ109", Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    await Task.Run(() => { while (true) { Thread.Sleep(1000); } });
                    await Task.Run(() => Thread.Sleep(100));
                    var text = await Task.Run(() => File.ReadAllText(p).Trim());
                    var size = await Task.Run(() => File.ReadAllBytes("data.bin").Length);
                    return text.Length + size;
                }
            }
            """);

        Assert.Equal(Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    await Task.Run(() => { while (true) { Thread.Sleep(1000); } });
                    await BlitzRuntime.Default.SpawnBlocking(static _ => Thread.Sleep(100));
                    var text = await BlitzRuntime.Default.SpawnBlocking(p, static (p, _) => File.ReadAllText(p).Trim());
                    var size = await BlitzRuntime.Default.SpawnBlocking(static _ => File.ReadAllBytes("data.bin").Length);
                    return text.Length + size;
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Fix_all_as_dotnet_format_runs_every_rule_fixes_BLZ102_after_a_diagnostic_of_another_rule()
    {
        // Running every rule, dotnet format takes the key from the first diagnostic of the analyzer that reports
        // BLZ102: here the BLZ106 of the loop above it, which BLZ102's fix does not fix.
        var fixedSource = await DotnetFormatFixAllAsync(new AwaitAsyncCounterpartCodeFix(), "BLZ102", Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    _ = Task.Run(() => { while (true) { Thread.Sleep(1000); } });
                    var text = await Task.Run(() => File.ReadAllText(p));
                    return text.Length;
                }
            }
            """, everyRule: true);

        Assert.Equal(Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    _ = Task.Run(() => { while (true) { Thread.Sleep(1000); } });
                    var text = await File.ReadAllTextAsync(p);
                    return text.Length;
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Fix_all_as_dotnet_format_runs_it_fixes_both_shapes_of_BLZ102_in_one_pass()
    {
        var fixedSource = await DotnetFormatFixAllAsync(new AwaitAsyncCounterpartCodeFix(), "BLZ102", Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    var direct = File.ReadAllText(p);
                    var offloaded = await Task.Run(() => File.ReadAllText(p));
                    return direct.Length + offloaded.Length;
                }
            }
            """);

        Assert.Equal(Sources.Usings + """
            class C
            {
                async Task<int> A(string p)
                {
                    var direct = await File.ReadAllTextAsync(p);
                    var offloaded = await File.ReadAllTextAsync(p);
                    return direct.Length + offloaded.Length;
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Fix_all_as_dotnet_format_runs_it_fixes_every_kind_of_BLZ103_wait_in_one_pass()
    {
        var fixedSource = await DotnetFormatFixAllAsync(new BLZ103BlockingWaitCodeFix(), "BLZ103", Sources.Usings + """
            class C
            {
                async Task<int> A(Task<int> pending, Task first, Task second)
                {
                    var n = pending.Result;
                    Task.WaitAll(first, second);
                    return n;
                }
            }
            """);

        Assert.Equal(Sources.Usings + """
            class C
            {
                async Task<int> A(Task<int> pending, Task first, Task second)
                {
                    var n = await pending;
                    await Task.WhenAll(first, second);
                    return n;
                }
            }
            """, fixedSource);
    }

    /// <summary>
    /// The shipped analyzers over <paramref name="source"/>: a BLZ106 "use SpawnDedicated" at each markup location
    /// <c>{|#n:...|}</c>, started by <paramref name="starters"/>[n], and no other diagnostic.
    /// </summary>
    private static Task VerifyShippedAsync(string source, OutputKind outputKind, params string[] starters)
    {
        var test = new BlitzAnalyzerTest([.. Shipped]) { TestCode = source };
        test.TestState.OutputKind = outputKind;
        test.ExpectedDiagnostics.AddRange(starters.Select((starter, i) => new DiagnosticResult(Descriptors.ForeverLoopOnPool).WithLocation(i).WithArguments("'" + starter + "'")));
        return test.RunAsync();
    }

    /// <summary>
    /// What <c>dotnet format analyzers --severity info</c> does for <paramref name="diagnosticId"/> (its
    /// SolutionCodeFixApplier): the diagnostics of the analyzers that report the id (only that id with
    /// <c>--diagnostics</c>, all of theirs without), the key of the action the fix registers for the first of them (null
    /// when it registers none), then the fix's Fix All in solution scope. Fails as it does when Fix All returns no action.
    /// </summary>
    private static async Task<string> DotnetFormatFixAllAsync(CodeFixProvider fix, string diagnosticId, string source, bool everyRule = false)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Scratch", "Scratch", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestReferences.All));
        var document = workspace.AddDocument(project.Id, "C.cs", SourceText.From(source));
        var compilation = await document.Project.GetCompilationAsync();
        var analyzers = Shipped.Where(a => a.SupportedDiagnostics.Any(d => d.Id == diagnosticId)).ToImmutableArray();
        var diagnostics = (await compilation!.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => everyRule || d.Id == diagnosticId)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        Assert.NotEmpty(diagnostics);

        CodeAction? first = null;
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => first ??= action, CancellationToken.None));
        var fixAll = new FixAllContext(document, fix, FixAllScope.Solution, first?.EquivalenceKey, new[] { diagnosticId }, new GivenDiagnostics(diagnostics), CancellationToken.None);
        var fixAllAction = await fix.GetFixAllProvider()!.GetFixAsync(fixAll);
        Assert.True(fixAllAction is not null, $"Code fix {fix.GetType().Name} didn't return a Fix All action.");

        var operations = await fixAllAction.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    /// <summary>The diagnostics dotnet format found, as it hands them to Fix All.</summary>
    private sealed class GivenDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
