using System.Collections.Immutable;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ110: synchronous <c>Parallel.For/ForEach/Invoke</c> or PLINQ in async context blocks the calling thread until
/// every partition is done, and borrows ThreadPool threads for the partitions (bucket 5 belongs on the CPU pool).
/// </summary>
internal sealed class BLZ110SyncParallelAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SyncParallel);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterOperation(Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.IsSyncParallel(invocation.TargetMethod) || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var method = invocation.TargetMethod;
        var isStatic = !method.IsExtensionMethod && method.IsStatic;
        var location = isStatic && invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        var name = isStatic ? method.ContainingType.Name + "." + method.Name : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncParallel, location, name));
    }
}
