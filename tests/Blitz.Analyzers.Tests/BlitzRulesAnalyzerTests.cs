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
        ];

        foreach (var method in entryPoints)
        {
            Assert.True((method.MethodImplementationFlags & (MethodImplAttributes)512) != 0, method.DeclaringType!.Name + "." + method.Name);
        }
    }

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

#pragma warning disable RS1001, RS1025, RS1026 // a test double, never loaded by a host
    private sealed class RegistersSyntaxTreeAction : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context) => context.RegisterSyntaxTreeAction(_ => { });
    }
#pragma warning restore RS1001, RS1025, RS1026
}
