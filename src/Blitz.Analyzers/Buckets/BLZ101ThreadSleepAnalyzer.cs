using System.Collections.Immutable;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ101: <c>Thread.Sleep</c> in async context or in a sync request handler (<see cref="RequestHandlers"/>); waiting
/// is bucket 1, <c>await Task.Delay</c> holds no thread.
/// </summary>
internal sealed class BLZ101ThreadSleepAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ThreadSleep);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall(
            (member, resolved) => member is IMethodSymbol { Name: "Sleep" } sleep && resolved.ThreadSleep.Contains(sleep, SymbolEqualityComparer.Default),
            Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Sleep" || !symbols.HasTasks
            || !symbols.ThreadSleep.Contains(invocation.TargetMethod, SymbolEqualityComparer.Default)
            || !RequestHandlers.IsAsyncContextOrHandler(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        if (LifetimeLoops.PacedBySleep(invocation, context.ContainingSymbol, symbols) is not null)
        {
            return; // a lifetime loop paced by this sleep: BLZ106 reports the loop, bucket 4
        }

        var properties = DiagnosticProperties.WithToken(AsyncContext.CancellationTokenInScope(invocation, context.ContainingSymbol, symbols));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ThreadSleep, invocation.Syntax.GetLocation(), properties));
    }
}
