using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>What both hosts do: run each rule that is not turned off through one <see cref="RuleRegistry"/> per compilation.</summary>
internal static class RuleHost
{
    /// <summary>At a compilation start: lets every rule that is not turned off register, then registers the merged callbacks.</summary>
    public static void Start(CompilationStartAnalysisContext start, ImmutableArray<IBlitzRule> rules)
    {
        var registry = new RuleRegistry(start.Compilation);
        foreach (var rule in rules)
        {
            if (!IsTurnedOff(rule, start.Compilation, start.CancellationToken))
            {
                rule.Register(registry);
            }
        }

        registry.RegisterWith(start);
    }

    /// <summary>True when every diagnostic of <paramref name="rule"/> is turned off for the whole compilation, so running it is wasted.</summary>
    public static bool IsTurnedOff(IBlitzRule rule, Compilation compilation, CancellationToken cancellationToken) =>
        rule.SupportedDiagnostics.All(descriptor => IsTurnedOff(descriptor, compilation, cancellationToken));

    private static bool IsTurnedOff(DiagnosticDescriptor descriptor, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var global = options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific) ? specific
            : options.SyntaxTreeOptionsProvider?.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var configured) == true ? configured
            : descriptor.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
        if (global != ReportDiagnostic.Suppress)
        {
            return false;
        }

        // An .editorconfig section may turn it back on for some files.
        return options.SyntaxTreeOptionsProvider is not { } provider
            || compilation.SyntaxTrees.All(tree => !provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var perTree) || perTree == ReportDiagnostic.Suppress);
    }
}
