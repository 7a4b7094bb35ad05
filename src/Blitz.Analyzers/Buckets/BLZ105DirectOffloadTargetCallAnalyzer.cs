using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ105: a valid <c>[Blocking]</c>/<c>[CpuBound]</c> method called directly in async context runs inline on the
/// ThreadPool; its generated wrapper is what sends it to Blitz's pool.
/// </summary>
internal sealed class BLZ105DirectOffloadTargetCallAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DirectOffloadTargetCall);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var targets = registry.OffloadTargets;
        registry.RegisterCall(
            (member, symbols) => member is IMethodSymbol method && targets.TryGetWrapper(method, default, out _, out _),
            (c, resolved) => Analyze(c, resolved, targets),
            RuleRequirements.Tasks | RuleRequirements.OffloadAttributes, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod.OriginalDefinition;
        if (!targets.TryGetWrapper(method, context.CancellationToken, out var wrapper, out var attribute)
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var takesToken = method.Parameters.Any(p => BlitzSymbols.Is(p.Type, symbols.CancellationToken));
        var token = !takesToken && invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.Explicit && a.Syntax is ArgumentSyntax { NameColon: null })
            ? AsyncContext.CancellationTokenInScope(invocation, context.ContainingSymbol, symbols)
            : null;
        var properties = DiagnosticProperties.WithToken(token).Add(DiagnosticProperties.Replacement, wrapper);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.DirectOffloadTargetCall, invocation.Syntax.GetLocation(), properties,
            method.Name, attribute, attribute == "Blocking" ? "3" : "5", wrapper));
    }
}
