using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ109: <c>Task.Run</c>/<c>StartNew</c> of a sync delegate that does blocking work (<see cref="BlockingCalls.Describe"/>),
/// in async context. The work leaves the caller but still runs on the ThreadPool, the threads of async continuations.
/// </summary>
internal sealed class BLZ109BlockingOnThreadPoolAnalyzer : IBlitzRule
{
    /// <summary>The fix rewrites an awaited <c>Task.Run(() => expr)</c> to <c>SpawnBlocking</c>.</summary>
    public const string SpawnBlockingFix = "SpawnBlocking";

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingOnThreadPool);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var targets = registry.OffloadTargets;
        registry.RegisterOperation((c, resolved) => Analyze(c, resolved, targets), RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation.TargetMethod, out var target) || target != OffloadTarget.ThreadPool
            || invocation.TargetMethod.Name is not ("Run" or "StartNew")
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation { Target: IAnonymousFunctionOperation work } }
            || work.Symbol.IsAsync)
        {
            return;
        }

        string? what = null;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(work.Body))
        {
            what = BlockingCalls.Describe(operation, symbols, context.CancellationToken)
                ?? (operation is IInvocationOperation call && targets.TryGetWrapper(call.TargetMethod.OriginalDefinition, context.CancellationToken, out _, out var attribute)
                    ? "[" + attribute + "] '" + call.TargetMethod.Name + "'"
                    : null);
            if (what is not null)
            {
                break;
            }
        }

        if (what is null || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var fixable = invocation.TargetMethod.Name == "Run" && invocation.Arguments.Length == 1
            && invocation.Parent is IAwaitOperation && !work.Symbol.ReturnsVoid;
        var properties = fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, SpawnBlockingFix)
            : ImmutableDictionary<string, string?>.Empty;
        var location = invocation.Syntax is InvocationExpressionSyntax syntax ? syntax.Expression.GetLocation() : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingOnThreadPool, location, properties,
            invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, what));
    }
}
