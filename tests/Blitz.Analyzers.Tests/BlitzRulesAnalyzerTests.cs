using System.Collections.Immutable;
using System.Reflection;
using Blitz.Analyzers.Common;
using Blitz.Analyzers.Tests.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// The hosts of the rules: the two hosts are the only shipped analyzers and report each ID once, a rule hosted with
/// the others reports exactly what it reports hosted alone, call filters are asked once per member, generated code
/// is skipped, and a rule turned off for the whole compilation is not run.
/// </summary>
public sealed class BlitzRulesAnalyzerTests
{
    [Fact]
    public void Every_shipped_analyzer_is_one_of_the_two_hosts_and_together_they_report_every_id_once()
    {
        var shipped = CorpusTests.AllAnalyzers();
        var ids = shipped.SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id).Distinct()).ToList(); // a rule may word one ID two ways (BLZ106)
        var described = typeof(Descriptors).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => ((DiagnosticDescriptor)p.GetValue(null)!).Id)
            .Concat(typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id))
            .Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        var declared = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal).ToList();

        Assert.Equal(["BlitzRulesAnalyzer", "BlitzSuggestionsAnalyzer"], shipped.Select(a => a.GetType().Name).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count()); // no ID reported by two hosts or two rules
        Assert.Equal(declared, described);
        Assert.Equal(declared, ids.OrderBy(id => id, StringComparer.Ordinal).ToList());
        Assert.Equal(["BLZ104", "BLZ107", "BLZ109", "BLZ110"],
            shipped.OfType<BlitzSuggestionsAnalyzer>().Single().SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(shipped.OfType<BlitzSuggestionsAnalyzer>().Single().SupportedDiagnostics,
            d => Assert.Equal(DiagnosticSeverity.Info, d.DefaultSeverity)); // so a command-line build skips the whole host
        Assert.Equal(["BlitzRulesAnalyzer", "BlitzSuggestionsAnalyzer"], typeof(BlitzRulesAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer))).Select(t => t.Name).Order(StringComparer.Ordinal)); // rules are not analyzers
    }

    [Fact]
    public async Task Hosted_rules_report_what_they_report_on_their_own()
    {
        var alone = new AnalyzerRun(TestReferences.All, [.. BlitzRulesAnalyzer.Rules.Select(rule => BlitzRulesAnalyzer.Hosting(rule))]);
        var hosted = new AnalyzerRun(TestReferences.All, new BlitzRulesAnalyzer());
        var hostedIds = BlitzRulesAnalyzer.Rules.SelectMany(r => r.SupportedDiagnostics.Select(d => d.Id)).ToHashSet();
        int found = 0, labelled = 0;
        foreach (var (_, markup) in CorpusTests.Files())
        {
            var (source, labels) = CorpusMarkup.Parse(markup);
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
        var run = new AnalyzerRun(TestReferences.All, new BlitzRulesAnalyzer());
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
        var compilation = run.CreateCompilation(Source);
        var off = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("BLZ101", ReportDiagnostic.Suppress)));

        Assert.Equal(["BLZ101", "BLZ102"], (await run.GetDiagnosticsAsync(compilation)).Select(d => d.Id).Order());
        Assert.Equal(["BLZ102"], (await run.GetDiagnosticsAsync(off)).Select(d => d.Id));
    }

    [Fact]
    public async Task Generated_code_gets_no_diagnostics_from_the_hosted_rules()
    {
        // The host analyzes generated code only to skip it itself: a generated file, a [GeneratedCode] member and a
        // [GeneratedCode] type get nothing from the operation rules or the symbol rules; the same code by hand does.
        var run = new AnalyzerRun(TestReferences.All, new BlitzRulesAnalyzer());
        const string Body = """
                async Task RunAsync()
                {
                    Thread.Sleep(10);
                    File.ReadAllText("x");
                    await Task.Yield();
                }

                [Blocking] public byte[] Hash(byte[] data) => data;
            """;
        const string Usings = "using System.CodeDom.Compiler; using System.IO; using System.Threading; using System.Threading.Tasks; using Blitz;\n";
        var generatedFile = "// <auto-generated/>\n" + Usings + "public class InGeneratedFile\n{\n" + Body + "\n}\n";
        var generatedType = Usings + "[GeneratedCode(\"tool\", \"1.0\")]\npublic class GeneratedType\n{\n" + Body + "\n}\n";
        var generatedMember = Usings + "public partial class GeneratedMembers\n{\n    [GeneratedCode(\"tool\", \"1.0\")]\n    async Task RunAsync() { Thread.Sleep(10); await Task.Yield(); }\n}\n";
        var byHand = Usings + "public class ByHand\n{\n" + Body + "\n}\n";

        var generated = await run.GetDiagnosticsAsync(run.CreateCompilation(generatedFile, generatedType, generatedMember));
        var written = await run.GetDiagnosticsAsync(run.CreateCompilation(byHand));

        Assert.Empty(generated);
        Assert.Equal(["BLZ001", "BLZ101", "BLZ102"], written.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Generated_code_gets_no_suggestions_either()
    {
        var run = new AnalyzerRun(TestReferences.All, new BlitzSuggestionsAnalyzer());
        const string Body = """
            using System.Threading.Tasks;
            public class C
            {
                async Task RunAsync(int[] items)
                {
                    Parallel.For(0, items.Length, i => items[i] *= 2);
                    await Task.Yield();
                }
            }
            """;

        var generated = await run.GetDiagnosticsAsync(run.CreateCompilation("// <auto-generated/>\n" + Body));
        var written = await run.GetDiagnosticsAsync(run.CreateCompilation(Body));

        Assert.Empty(generated);
        Assert.Equal(["BLZ110"], written.Select(d => d.Id));
    }

    [Fact]
    public async Task A_rule_whose_diagnostics_are_all_off_is_not_registered_and_the_others_are()
    {
        var off = new CallRuleDouble("TST101", filter: null);
        var on = new CallRuleDouble("TST102", filter: null);
        var run = new AnalyzerRun(TestReferences.All, BlitzRulesAnalyzer.Hosting(off, on));
        var compilation = run.CreateCompilation("using System.Threading.Tasks; class C { async Task Run() { await Task.Yield(); } }");
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("TST101", ReportDiagnostic.Suppress)));

        var diagnostics = await run.GetDiagnosticsAsync(compilation);

        Assert.Equal(0, off.Registrations);
        Assert.Equal(1, on.Registrations);
        Assert.Equal(["Yield"], Seen(diagnostics, "TST102"));
    }

    [Fact]
    public void A_rule_is_skipped_only_when_off_in_every_file()
    {
        var rule = new Blitz.Analyzers.Buckets.BLZ101ThreadSleepAnalyzer();
        var tree = CSharpSyntaxTree.ParseText("class C { }", AnalyzerRun.ParseOptions, "C.cs");
        var other = CSharpSyntaxTree.ParseText("class D { }", AnalyzerRun.ParseOptions, "D.cs");
        var compilation = CSharpCompilation.Create("T", [tree, other], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.False(RuleHost.IsTurnedOff(rule, compilation, default));
        Assert.True(RuleHost.IsTurnedOff(rule, Configure(compilation, global: ReportDiagnostic.Suppress), default));
        Assert.True(RuleHost.IsTurnedOff(rule, compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("BLZ101", ReportDiagnostic.Suppress))), default));

        // Off globally, back on in one file's .editorconfig section: it must still run.
        Assert.False(RuleHost.IsTurnedOff(rule, Configure(compilation, global: ReportDiagnostic.Suppress, (other, ReportDiagnostic.Warn)), default));
        Assert.True(RuleHost.IsTurnedOff(rule, Configure(compilation, global: ReportDiagnostic.Suppress, (other, ReportDiagnostic.Suppress)), default));
    }

    [Fact]
    public void The_per_operation_paths_are_compiled_optimized_on_first_call_and_the_once_per_compilation_code_is_not()
    {
        // A build keeps the analyzer at tier 0 (see Jit): the driver's entries and what they call on every operation
        // carry the hint; code that runs once per compilation (registration, symbol tables) does not, since optimizing
        // it costs more JIT time than it saves, nor does BlockingSummaries.For, which reads a thread-static field.
        const MethodImplAttributes Optimized = (MethodImplAttributes)512;
        var methods = typeof(BlitzRulesAnalyzer).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Blitz.Analyzers", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)))
            .ToList();
        var hinted = methods.Where(m => (m.MethodImplementationFlags & Optimized) != 0).Select(m => m.DeclaringType!.Name + "." + m.Name).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "CallFanout.Run", "OperationFanout.Run", "MethodSymbolFanout.Run", "CallFanout.Mask",
            "BLZ102SyncIoAnalyzer.Analyze", "BLZ103BlockingWaitAnalyzer.Analyze", "BLZ111BlockingHelperAnalyzer.Analyze",
            "BlockingSummaries.Settle", "AsyncContext.IsAsyncContext",
        }, hinted);
        Assert.DoesNotContain(hinted, name => name.EndsWith(".Register", StringComparison.Ordinal) || name.EndsWith(".Start", StringComparison.Ordinal)
            || name.EndsWith(".Initialize", StringComparison.Ordinal) || name.EndsWith("..ctor", StringComparison.Ordinal) || name.EndsWith("..cctor", StringComparison.Ordinal)
            || name == "BlockingSummaries.For");
    }

    [Fact]
    public async Task A_call_rule_runs_only_on_calls_its_filter_admits_and_the_filter_is_asked_once_per_member()
    {
        var filtered = new CallRuleDouble("TST101", name => name.StartsWith("Target", StringComparison.Ordinal));
        var unfiltered = new CallRuleDouble("TST102", filter: null);
        var run = new AnalyzerRun(TestReferences.All, BlitzRulesAnalyzer.Hosting(filtered, unfiltered));
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

        var diagnostics = await run.GetDiagnosticsAsync(run.CreateCompilation(Source));

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

#pragma warning disable RS2008 // a test double's descriptors, never shipped
    /// <summary>Reports each call it runs on with the called member's name; with a filter, registered as a call rule.</summary>
    private sealed class CallRuleDouble(string id, Func<string, bool>? filter) : IBlitzRule
    {
        private static readonly DiagnosticDescriptor SeenFiltered = new("TST101", "Seen", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private static readonly DiagnosticDescriptor SeenAll = new("TST102", "Seen", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private readonly DiagnosticDescriptor _seen = id == "TST101" ? SeenFiltered : SeenAll;
        private int _registrations;

        /// <summary>How many times the filter was asked about each member, by name.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Asked { get; } = new();

        /// <summary>How many compilations the rule registered for.</summary>
        public int Registrations => _registrations;

        public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [_seen];

        public void Register(RuleRegistry registry)
        {
            Interlocked.Increment(ref _registrations);
            OperationKind[] calls = [OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation];
            if (filter is null)
            {
                registry.RegisterOperation(Report, RuleRequirements.Tasks, calls);
                return;
            }

            registry.RegisterCall((member, _) =>
            {
                Asked.AddOrUpdate(member.Name, 1, (_, count) => count + 1);
                return filter(member.Name);
            }, Report, RuleRequirements.Tasks, calls);
        }

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
#pragma warning restore RS2008
}
