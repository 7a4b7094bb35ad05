using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Common;
using Blitz.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers;

/// <summary>
/// The rules that are on by default as errors or warnings (BLZ001-014, BLZ101-103, BLZ105, BLZ106, BLZ108, BLZ111,
/// BLZ112, BLZ113), hosted in one analyzer: nine rules look at invocations, and the driver's per-callback cost (timing,
/// suppression checks, context set-up) paid once per operation instead of once per rule and operation is a large part
/// of what they cost together. On a call, only the rules that may report on the called member run (see
/// <see cref="CallFanout"/>). Each rule keeps its own class, tests and descriptors; a rule whose diagnostics are all
/// turned off (<c>severity = none</c> in every file) is not run. The suggestion rules are hosted apart, by
/// <see cref="BlitzSuggestionsAnalyzer"/>, so that a command-line build, which does not run suggestion-only analyzers,
/// skips them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlitzRulesAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<IBlitzRule> _rules;

    /// <summary>Hosts <see cref="Rules"/>.</summary>
    public BlitzRulesAnalyzer()
        : this(Rules)
    {
    }

    private BlitzRulesAnalyzer(ImmutableArray<IBlitzRule> rules)
    {
        _rules = rules;
        SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();
    }

    /// <summary>The hosted rules.</summary>
    internal static ImmutableArray<IBlitzRule> Rules { get; } = ImmutableArray.Create<IBlitzRule>(
        new OffloadTargetUsageAnalyzer(),
        new BLZ101ThreadSleepAnalyzer(),
        new BLZ102SyncIoAnalyzer(),
        new BLZ103BlockingWaitAnalyzer(),
        new BLZ105DirectOffloadTargetCallAnalyzer(),
        new BLZ106ForeverLoopOnPoolAnalyzer(),
        new BLZ108OffloadedAsyncIoAnalyzer(),
        new BLZ111BlockingHelperAnalyzer(),
        new BLZ112ForeverLoopThroughCallAnalyzer(),
        new BLZ113OffloadedCheapWorkAnalyzer());

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>A host of some of the rules only: the tests of each rule run it the way it ships, hosted.</summary>
    internal static BlitzRulesAnalyzer Hosting(params IBlitzRule[] rules) => new(rules.ToImmutableArray());

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is skipped by the fan-outs (context.IsGeneratedCode), not by the driver: told not to report
        // there, the driver checks every reported diagnostic's file for [GeneratedCode] symbols, a walk over all the
        // file's tokens charged to the rule that reports first in it.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start => RuleHost.Start(start, _rules));
    }
}
