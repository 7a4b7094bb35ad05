using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ112: <c>Task.Run</c>, <c>StartNew</c> without <c>LongRunning</c>, <c>ThreadPool.QueueUserWorkItem</c>,
/// <c>SpawnBlocking</c> or <c>SpawnCpu</c> of a delegate that calls a source method whose <see cref="BlockingSummary"/>
/// holds a forever loop: a daemon that holds a pool thread for the life of the process (bucket 4). The loop in the
/// delegate's own body (a lambda's, or a method group's) is BLZ106's; this rule looks through the calls.
/// </summary>
internal sealed class BLZ112ForeverLoopThroughCallAnalyzer : IBlitzRule
{
    /// <summary>The fix replaces a discarded <c>Task.Run(Loop)</c> with <c>BlitzRuntime.Default.SpawnDedicated("Loop", ...)</c>.</summary>
    public const string SpawnDedicatedFix = "SpawnDedicated";

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForeverLoopThroughCall);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation.TargetMethod, out var target) || target == OffloadTarget.Dedicated
            || AsyncContext.AsksForLongRunning(invocation, symbols)
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return;
        }

        var summaries = BlockingSummaries.For(context.Compilation, symbols, context.Options, invocation.Syntax.SyntaxTree);
        if (summaries is null)
        {
            return;
        }

        BlockingFinding? finding = null;
        string? method = null;
        switch (work.Target)
        {
            case IMethodReferenceOperation reference when summaries.Summarizable(reference.Method) is { } definition:
                var summary = summaries.Get(definition, invocation.SemanticModel, context.CancellationToken).ForeverLoop;
                // Chain of two (the method, its loop): the loop is in the method's own body, which BLZ106 reports.
                finding = summary is { Chain.Length: > 2 } ? summary : null;
                method = definition.Name;
                break;
            case IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda when ForeverLoops.Find(lambda.Syntax) is null:
                foreach (var operation in OperationHelpers.DescendantsInSameFunction(lambda.Body))
                {
                    if (summaries.SummarizableTarget(operation) is { } callee && summaries.Get(callee, invocation.SemanticModel, context.CancellationToken).ForeverLoop is { } loop)
                    {
                        finding = loop;
                        method = callee.Name;
                        break;
                    }
                }

                break;
        }

        if (finding is null || method is null)
        {
            return;
        }

        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        var properties = IsFixable(invocation, work, target)
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, SpawnDedicatedFix).Add(DiagnosticProperties.Replacement, method)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopThroughCall, location, properties, starter, finding.ChainFrom(starter)));
    }

    /// <summary>
    /// The rewrite to SpawnDedicated keeps the meaning only for <c>Task.Run(x)</c>/<c>StartNew(x)</c> with no other
    /// argument, whose task nobody keeps (a statement or a discard), of a parameterless delegate returning nothing:
    /// then no code sees that the Task became a DedicatedThread, and both run on a background thread.
    /// </summary>
    private static bool IsFixable(IInvocationOperation invocation, IDelegateCreationOperation work, OffloadTarget target)
    {
        var discarded = invocation.Parent is IExpressionStatementOperation
            || (invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Parent is IExpressionStatementOperation);
        var delegateShape = work.Target switch
        {
            IMethodReferenceOperation reference => reference.Method is { Parameters.Length: 0, ReturnsVoid: true },
            IAnonymousFunctionOperation lambda => lambda.Symbol is { Parameters.Length: 0, ReturnsVoid: true, IsAsync: false },
            _ => false,
        };
        return target == OffloadTarget.ThreadPool && invocation.TargetMethod.Name is "Run" or "StartNew"
            && invocation.Arguments.Length == 1 && discarded && delegateShape;
    }
}
