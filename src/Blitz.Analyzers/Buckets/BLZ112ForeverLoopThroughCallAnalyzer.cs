using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ112: <c>Task.Run</c>, <c>StartNew</c> without <c>LongRunning</c>, <c>ThreadPool.QueueUserWorkItem</c>,
/// <c>SpawnBlocking</c> or <c>SpawnCpu</c> of a delegate (sync or async) that calls a source method whose <see cref="BlockingSummary"/>
/// holds a forever loop: a daemon that holds a pool thread for the life of the process (bucket 4). With
/// <c>LongRunning</c>, only an async lambda that makes the call after an await (it is then on the pool). The loop in the
/// delegate's own body (a lambda's, or a method group's) is BLZ106's; this rule looks through the calls. Also a call of
/// a source async method whose own lifetime loop blocks on every pass (<see cref="AsyncLifetimeLoops"/>): BLZ106 reports
/// that loop in the method, and this rule the start that hands it a pool thread for the life of the host.
/// </summary>
internal sealed class BLZ112ForeverLoopThroughCallAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForeverLoopThroughCall);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall(UnstartedTasks.IsStart, AnalyzeTaskStart, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation, out var destination) || destination is OffloadDestination.Dedicated or OffloadDestination.CustomScheduler
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return;
        }

        AnalyzeWork(context, invocation, work, destination, symbols);
    }

    /// <summary><c>task.Start()</c> of a task built unstarted (<see cref="UnstartedTasks"/>): the constructor's delegate runs on the pool.</summary>
    private static void AnalyzeTaskStart(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var start = (IInvocationOperation)context.Operation;
        if (UnstartedTasks.WorkOf(start, context.Compilation, symbols, context.CancellationToken) is { } work)
        {
            AnalyzeWork(context, start, work, OffloadDestination.ThreadPool, symbols);
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeWork(OperationAnalysisContext context, IInvocationOperation invocation, IDelegateCreationOperation work, OffloadDestination destination, BlitzSymbols symbols)
    {
        var summaries = BlockingSummaries.For(context.Compilation, symbols, context.Options, invocation.Syntax.SyntaxTree);
        if (summaries is null || FindingAt(invocation, work, destination, summaries, context.Compilation, symbols, context.CancellationToken) is not { } found)
        {
            return;
        }

        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        var properties = found.Token is not null
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, FixKinds.SpawnDedicated).Add(DiagnosticProperties.Replacement, found.Method)
                .Add(DiagnosticProperties.CancellationToken, found.Token)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopThroughCall, location, properties, starter, found.Finding.ChainFrom(starter)));
    }

    /// <summary>
    /// The forever or lifetime loop that <paramref name="work"/>, sent to a pool by <paramref name="invocation"/>, runs
    /// through a call: the finding, the looping method's name and the token the fix links (null: no fix). Also asked by
    /// BLZ107, which leaves such a start to this rule (one diagnostic, one advice).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    internal static (BlockingFinding Finding, string Method, string? Token)? FindingAt(IInvocationOperation invocation, IDelegateCreationOperation work, OffloadDestination destination,
        BlockingSummaries summaries, Compilation compilation, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        // LongRunning gives the delegate a thread of its own; an async lambda keeps it only until its first await.
        var longRunning = AsyncContext.AsksForLongRunning(invocation, symbols);
        switch (work.Target)
        {
            case IMethodReferenceOperation reference when !longRunning && summaries.Summarizable(reference.Method) is { } definition:
                var summary = summaries.Get(definition, invocation.SemanticModel, cancellationToken).ForeverLoop;
                // Chain of two (the method, its loop): the loop is in the method's own body, which BLZ106 reports when it
                // is a forever loop; a lifetime loop there (a consuming foreach, a loop on a read) is left to this rule.
                return summary is { Chain.Length: > 2 } or { Work.What: LifetimeLoops.What } ? (summary, definition.Name, null) : null;
            case IMethodReferenceOperation reference when AsyncLifetimeLoops.Of(reference.Method, compilation, symbols, cancellationToken) is { } lifetime
                && (!longRunning || lifetime.AwaitsBeforeBlocking):
                // Task.Run(ReadAllAsync): the async method's loop blocks a pool thread on every pass.
                return (lifetime.Finding, reference.Method.Name, null);
            case IAnonymousFunctionOperation lambda when (!longRunning || lambda.Symbol.IsAsync) && ForeverLoops.Find(lambda.Syntax) is null:
                foreach (var operation in OperationHelpers.DescendantsInSameFunction(lambda.Body))
                {
                    if (summaries.SummarizableTarget(operation) is { } callee && summaries.Get(callee, invocation.SemanticModel, cancellationToken).ForeverLoop is { } loop
                        && (!longRunning || ForeverLoops.AwaitsBefore(lambda.Syntax, operation.Syntax)))
                    {
                        var token = IsFixable(invocation, lambda, destination) && loop.Chain.Length == 2
                            ? StopTokenToLink(lambda, operation, callee, symbols, cancellationToken)
                            : null;
                        return (loop, callee.Name, token);
                    }

                    // await reader.ReadAllAsync(ct): an async callee whose own loop blocks (BLZ106's inside it). No fix: a
                    // dedicated thread would run it only until its first await.
                    if (operation is IInvocationOperation { TargetMethod.IsAsync: true } asyncCall
                        && AsyncLifetimeLoops.Of(asyncCall.TargetMethod, compilation, symbols, cancellationToken) is { } inCallee
                        && (!longRunning || inCallee.AwaitsBeforeBlocking || ForeverLoops.AwaitsBefore(lambda.Syntax, operation.Syntax)))
                    {
                        return (inCallee.Finding, asyncCall.TargetMethod.Name, null);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The rewrite to SpawnDedicated keeps the meaning only for <c>Task.Run(x)</c>/<c>StartNew(x)</c> with no other
    /// argument, whose task nobody keeps (a statement or a discard), of a parameterless sync lambda returning nothing:
    /// then no code sees that the Task became a DedicatedThread, and both run on a background thread.
    /// </summary>
    private static bool IsFixable(IInvocationOperation invocation, IAnonymousFunctionOperation lambda, OffloadDestination destination)
    {
        var discarded = invocation.Parent is IExpressionStatementOperation
            || (invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Parent is IExpressionStatementOperation);
        return destination == OffloadDestination.ThreadPool && invocation.TargetMethod.Name is "Run" or "StartNew"
            && invocation.Arguments.Length == 1 && discarded && lambda.Symbol is { Parameters.Length: 0, ReturnsVoid: true, IsAsync: false };
    }

    /// <summary>
    /// The token the fix links to the dedicated thread's stop token (its source text), or null when the fix would not
    /// stop: the runtime's disposal asks a dedicated loop to stop and then waits for it, so a loop that cannot see the
    /// stop token would hang shutdown. Offered only when the looping method's own loop reads the token parameter that
    /// <paramref name="loopCall"/> passes, and the lambda uses that one token only as call arguments, with no nested
    /// function: then the fix can hand every one of them a token canceled by either the old token or the stop.
    /// </summary>
    private static string? StopTokenToLink(IAnonymousFunctionOperation lambda, IOperation loopCall, IMethodSymbol callee, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (loopCall is not IInvocationOperation call
            || call.Arguments.SingleOrDefault(a => BlitzSymbols.Is(a.Parameter?.Type, symbols.CancellationToken)) is not { Parameter: { } parameter } argument
            || ForeverLoops.Find(callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken)) is not { } loop
            || !loop.DescendantTokens().Any(t => t.ValueText == parameter.Name && t.Parent is IdentifierNameSyntax))
        {
            return null;
        }

        var token = OperationHelpers.WithoutConversions(argument.Value).Syntax.ToString();
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(lambda.Body))
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                && BlitzSymbols.Is(operation.Type, symbols.CancellationToken)
                && (operation.Syntax.ToString() != token || Unconverted(operation).Parent is not IArgumentOperation))
            {
                return null;
            }
        }

        return token;
    }

    private static IOperation Unconverted(IOperation operation)
    {
        while (operation.Parent is IConversionOperation conversion)
        {
            operation = conversion;
        }

        return operation;
    }
}
