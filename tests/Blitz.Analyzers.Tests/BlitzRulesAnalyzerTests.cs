using System.Collections.Immutable;
using System.Reflection;
using Blitz.Analyzers.Common;
using Blitz.Analyzers.Tests.Corpus;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// The analyzer that hosts the default-on rules: it reports exactly what the rules report on their own, each ID ships
/// in one analyzer only, and a rule turned off for the whole compilation is not run.
/// </summary>
public sealed class BlitzRulesAnalyzerTests
{
    [Fact]
    public void Every_rule_ships_in_exactly_one_analyzer_the_host_loads()
    {
        var shipped = CorpusTests.AllAnalyzers();
        var ids = shipped.SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id)).ToList();
        var declared = typeof(Descriptors).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => ((DiagnosticDescriptor)p.GetValue(null)!).Id)
            .Concat(typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id))
            .Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count()); // no ID reported by two loaded analyzers
        Assert.Equal(declared, ids.OrderBy(id => id, StringComparer.Ordinal).ToList());
        Assert.Equal(["BLZ104", "BLZ107", "BLZ109", "BLZ110"],
            shipped.Where(a => a is not BlitzRulesAnalyzer).SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id)).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Hosted_rules_report_what_they_report_on_their_own()
    {
        var alone = new AnalyzerHarness(TestReferences.All, [.. BlitzRulesAnalyzer.Rules]);
        var hosted = new AnalyzerHarness(TestReferences.All, new BlitzRulesAnalyzer());
        var hostedIds = BlitzRulesAnalyzer.Rules.SelectMany(r => r.SupportedDiagnostics.Select(d => d.Id)).ToHashSet();
        int found = 0, labelled = 0;
        foreach (var (_, markup) in CorpusTests.Files())
        {
            var (source, labels) = DiagnosticMarkup.Parse(markup);
            var expected = await alone.GetDiagnosticsAsync(alone.CreateCompilation(source));
            var actual = await hosted.GetDiagnosticsAsync(hosted.CreateCompilation(source));
            Assert.Equal(Keys(expected), Keys(actual));
            found += actual.Length;
            labelled += labels.Count(l => hostedIds.Contains(l.Id!));
        }

        Assert.Equal(labelled, found); // the corpus's labels for the hosted rules, all found: the comparison is not vacuous
    }

    [Fact]
    public async Task A_rule_turned_off_by_severity_none_reports_nothing_and_the_others_still_run()
    {
        var harness = new AnalyzerHarness(TestReferences.All, new BlitzRulesAnalyzer());
        const string Source = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task RunAsync()
                {
                    Thread.Sleep(10);
                    File.ReadAllText("x");
                    await Task.Yield();
                }
            }
            """;
        var compilation = harness.CreateCompilation(Source);
        var off = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("BLZ101", ReportDiagnostic.Suppress)));

        Assert.Equal(["BLZ101", "BLZ102"], (await harness.GetDiagnosticsAsync(compilation)).Select(d => d.Id).Order());
        Assert.Equal(["BLZ102"], (await harness.GetDiagnosticsAsync(off)).Select(d => d.Id));
    }

    [Fact]
    public void A_rule_is_skipped_only_when_off_in_every_file()
    {
        var rule = HostedRule.Initialize(new Blitz.Analyzers.Buckets.BLZ101ThreadSleepAnalyzer());
        var tree = CSharpSyntaxTree.ParseText("class C { }", AnalyzerHarness.ParseOptions, "C.cs");
        var other = CSharpSyntaxTree.ParseText("class D { }", AnalyzerHarness.ParseOptions, "D.cs");
        var compilation = CSharpCompilation.Create("T", [tree, other], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.False(rule.IsTurnedOff(compilation, default));
        Assert.True(rule.IsTurnedOff(Configure(compilation, global: ReportDiagnostic.Suppress), default));
        Assert.True(rule.IsTurnedOff(compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("BLZ101", ReportDiagnostic.Suppress))), default));

        // Off globally, back on in one file's .editorconfig section: it must still run.
        Assert.False(rule.IsTurnedOff(Configure(compilation, global: ReportDiagnostic.Suppress, (other, ReportDiagnostic.Warn)), default));
        Assert.True(rule.IsTurnedOff(Configure(compilation, global: ReportDiagnostic.Suppress, (other, ReportDiagnostic.Suppress)), default));
    }

    [Fact]
    public void A_hosted_rule_must_register_in_a_compilation_start_action()
    {
        var error = Assert.Throws<NotSupportedException>(() => HostedRule.Initialize(new RegistersSyntaxTreeAction()));
        Assert.Contains("compilation start action", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_per_operation_entry_points_are_compiled_optimized_on_first_call()
    {
        const BindingFlags Static = BindingFlags.NonPublic | BindingFlags.Static;
        MethodInfo[] entryPoints =
        [
            typeof(Blitz.Analyzers.Buckets.BLZ101ThreadSleepAnalyzer).GetMethod("Analyze", Static)!,
            typeof(Blitz.Analyzers.Buckets.BLZ102SyncIoAnalyzer).GetMethod("Analyze", Static)!,
            typeof(Blitz.Analyzers.Buckets.BLZ103BlockingWaitAnalyzer).GetMethod("Analyze", Static)!,
            typeof(Blitz.Analyzers.Buckets.BLZ111BlockingHelperAnalyzer).GetMethod("Analyze", Static)!,
            typeof(Blitz.Analyzers.Buckets.BLZ112ForeverLoopThroughCallAnalyzer).GetMethod("Analyze", Static)!,
            typeof(AsyncContext).GetMethod(nameof(AsyncContext.IsAsyncContext))!,
            typeof(MergedOperationActions).GetNestedType("Fanout", BindingFlags.NonPublic)!.GetMethod("Run")!,
            typeof(MergedOperationActions).GetNestedType("CallFanout", BindingFlags.NonPublic)!.GetMethod("Run")!,
        ];

        foreach (var method in entryPoints)
        {
            Assert.True((method.MethodImplementationFlags & (MethodImplAttributes)512) != 0, method.DeclaringType!.Name + "." + method.Name);
        }
    }

    [Fact]
    public async Task A_call_rule_runs_only_on_calls_its_filter_admits_and_the_filter_is_asked_once_per_member()
    {
        var filtered = new CallRuleDouble("TST101", name => name.StartsWith("Target", StringComparison.Ordinal));
        var unfiltered = new CallRuleDouble("TST102", filter: null);
        var harness = new AnalyzerHarness(TestReferences.All, BlitzRulesAnalyzer.Hosting(filtered, unfiltered));
        const string Source = """
            using System.Threading.Tasks;
            class C
            {
                int TargetValue => 1;
                static void Target() { }
                static void Other() { }
                async Task Run()
                {
                    Target(); Target(); Other(); Other(); Other();
                    _ = TargetValue + TargetValue;
                    _ = new C();
                    await Task.Yield();
                }
            }
            """;

        var diagnostics = await harness.GetDiagnosticsAsync(harness.CreateCompilation(Source));

        Assert.Equal(["Target", "Target", "TargetValue", "TargetValue"], Seen(diagnostics, "TST101"));
        Assert.Equal(["C", "Other", "Other", "Other", "Target", "Target", "TargetValue", "TargetValue", "Yield"], Seen(diagnostics, "TST102"));
        Assert.Equal(
            [".ctor=1", "Other=1", "Target=1", "TargetValue=1", "Yield=1"],
            filtered.Asked.Select(pair => pair.Key + "=" + pair.Value).Order(StringComparer.Ordinal));
    }

    private static List<string> Seen(ImmutableArray<Diagnostic> diagnostics, string id) =>
        [.. diagnostics.Where(d => d.Id == id).Select(d => d.GetMessage()).Order(StringComparer.Ordinal)];

    private static List<string> Keys(ImmutableArray<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => d.Id + "@" + d.Location.SourceSpan + ":" + d.GetMessage()).Order(StringComparer.Ordinal)];

    private static Compilation Configure(CSharpCompilation compilation, ReportDiagnostic global, params (SyntaxTree Tree, ReportDiagnostic Severity)[] perTree) =>
        compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new Severities(global, perTree)));

    /// <summary>BLZ101's severity: one global value and optional per-file values, as .globalconfig and .editorconfig give them.</summary>
    private sealed class Severities(ReportDiagnostic global, (SyntaxTree Tree, ReportDiagnostic Severity)[] perTree) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            foreach (var (candidate, value) in perTree)
            {
                if (candidate == tree && diagnosticId == "BLZ101")
                {
                    severity = value;
                    return true;
                }
            }

            severity = default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global;
            return diagnosticId == "BLZ101";
        }
    }

#pragma warning disable RS1001, RS1025, RS1026, RS2008 // test doubles, never loaded by a host
    private sealed class RegistersSyntaxTreeAction : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context) => context.RegisterSyntaxTreeAction(_ => { });
    }

    /// <summary>Reports each call it runs on with the called member's name; with a filter, registered as a call rule.</summary>
    private sealed class CallRuleDouble(string id, Func<string, bool>? filter) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor SeenFiltered = new("TST101", "Seen", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private static readonly DiagnosticDescriptor SeenAll = new("TST102", "Seen", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private readonly DiagnosticDescriptor _seen = id == "TST101" ? SeenFiltered : SeenAll;

        /// <summary>How many times the filter was asked about each member, by name.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Asked { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [_seen];

        public override void Initialize(AnalysisContext context) => context.RegisterCompilationStartAction(start =>
        {
            var symbols = BlitzSymbols.Deferred(start.Compilation);
            OperationKind[] calls = [OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation];
            if (filter is null)
            {
                start.RegisterTaskRuleAction(symbols, Report, calls);
                return;
            }

            start.RegisterCallRuleAction(symbols, Report, (member, _) =>
            {
                Asked.AddOrUpdate(member.Name, 1, (_, count) => count + 1);
                return filter(member.Name);
            }, calls);
        });

        private void Report(OperationAnalysisContext context, BlitzSymbols symbols)
        {
            var name = context.Operation switch
            {
                Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation => invocation.TargetMethod.Name,
                Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation property => property.Property.Name,
                Microsoft.CodeAnalysis.Operations.IObjectCreationOperation creation => creation.Type!.Name,
                _ => "?",
            };
            context.ReportDiagnostic(Diagnostic.Create(_seen, context.Operation.Syntax.GetLocation(), name));
        }
    }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
}
