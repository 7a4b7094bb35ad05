using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers;

/// <summary>
/// The suggestion rules (BLZ104, BLZ107, BLZ109, BLZ110), hosted in one analyzer apart from
/// <see cref="BlitzRulesAnalyzer"/>: every diagnostic here is a suggestion by default, and a command-line build skips an
/// analyzer whose diagnostics are all hidden or suggestions, so a build does not pay for them while an IDE shows them.
/// Turned up to warning in <c>.editorconfig</c>, they run in the build too. A rule whose diagnostics are all turned
/// off is not run.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlitzSuggestionsAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<IBlitzRule> _rules;

    /// <summary>Hosts <see cref="Rules"/>.</summary>
    public BlitzSuggestionsAnalyzer()
        : this(Rules)
    {
    }

    private BlitzSuggestionsAnalyzer(ImmutableArray<IBlitzRule> rules)
    {
        _rules = rules;
        SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();
    }

    /// <summary>The hosted rules.</summary>
    internal static ImmutableArray<IBlitzRule> Rules { get; } = ImmutableArray.Create<IBlitzRule>(
        new BLZ104HeavyCpuAnalyzer(),
        new BLZ107SpawnStormAnalyzer(),
        new BLZ109BlockingOnThreadPoolAnalyzer(),
        new BLZ110SyncParallelAnalyzer());

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>A host of some of the rules only: the tests of each rule run it the way it ships, hosted.</summary>
    internal static BlitzSuggestionsAnalyzer Hosting(params IBlitzRule[] rules) => new(rules.ToImmutableArray());

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
