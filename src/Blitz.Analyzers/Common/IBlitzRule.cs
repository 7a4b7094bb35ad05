using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A Blitz rule: its descriptors and what it registers per compilation. A rule is not an analyzer of its own; one of
/// the two hosts (<see cref="BlitzRulesAnalyzer"/>, <see cref="BlitzSuggestionsAnalyzer"/>) runs it with the others.
/// </summary>
internal interface IBlitzRule
{
    /// <summary>Every diagnostic the rule reports.</summary>
    ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>Registers the rule's actions for one compilation; called once per compilation the rule is not turned off in.</summary>
    void Register(RuleRegistry registry);
}
