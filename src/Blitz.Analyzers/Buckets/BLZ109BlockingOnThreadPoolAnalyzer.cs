using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ109: <c>Task.Run</c>/<c>StartNew</c>/<c>ThreadPool.QueueUserWorkItem</c> of a sync delegate that blocks (a sleep, sync I/O, a wait: <see cref="BlockingCalls.Classify"/>),
/// in async context. The work leaves the caller but still runs on the ThreadPool, the threads of async continuations.
/// A source helper that only starts its delegate on the pool (<see cref="PoolWrappers"/>) is read as the start it makes.
/// </summary>
internal sealed class BLZ109BlockingOnThreadPoolAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingOnThreadPool);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var targets = registry.OffloadTargets;
        registry.RegisterOperation((c, resolved) => Analyze(c, resolved, targets), RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall((member, _) => BackgroundWorkers.IsRunWorkerAsync(member), (c, resolved) => AnalyzeBackgroundWorker(c, resolved, targets), RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall(UnstartedTasks.IsStart, (c, resolved) => AnalyzeTaskStart(c, resolved, targets), RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var isStarter = symbols.TryGetOffloadStarter(invocation, out var destination);
        var started = isStarter
            ? invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation)?.Value as IDelegateCreationOperation
            : PoolWrappers.StartedDelegate(invocation, symbols, context.CancellationToken);
        if (started is not { Target: var delegateTarget }
            || (isStarter && (destination != OffloadDestination.ThreadPool || invocation.TargetMethod.Name is not ("Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem")
                || AsyncContext.AsksForLongRunning(invocation, symbols))))
        {
            // StartNew with LongRunning runs the delegate on a thread of its own, not on the ThreadPool.
            return;
        }

        if (delegateTarget is IMethodReferenceOperation group)
        {
            // Task.Run(PrintSlowly): the method group is the work, summarized as a call would be. An async method's
            // group is async work on the pool, BLZ108's.
            if (!group.Method.IsAsync && !symbols.IsTaskLike(group.Method.ReturnType) && BlockingHelper(group, context, symbols) is { } blocks)
            {
                Report(context, invocation, blocks, fixable: false);
            }

            return;
        }

        if (delegateTarget is not IAnonymousFunctionOperation { Symbol.IsAsync: false } work
            || (PoolDelegates.SoleCall(work) is { } only && PoolDelegates.IsFakeAsyncTwin(only, context.ContainingSymbol, symbols, context.CancellationToken, out _)))
        {
            // Task.Run(() => db.SaveChanges()) is BLZ102's: the remedy is the twin, not another pool.
            return;
        }

        var what = BlockingIn(work, context, symbols, targets, taskWaitsAreBlz103: true);

        // Wherever the starter runs, the delegate blocks a ThreadPool thread. A forever loop in it is BLZ106's: it
        // belongs on a dedicated thread, not on the blocking pool.
        if (what is null || ForeverLoops.Find(work.Syntax) is not null || LifetimeLoops.Holds(work.Body, symbols)
            || (!AsyncContext.AsksForLongRunning(invocation, symbols) && BlockingLifetimeLoops.Find(work.Body, symbols, context.CancellationToken) is not null))
        {
            return;
        }

        // Void work too: SpawnBlocking has the Action shapes of Task.Run.
        var fixable = isStarter && invocation.TargetMethod.Name == "Run" && invocation.Arguments.Length == 1
            && invocation.Parent is IAwaitOperation;
        Report(context, invocation, what, fixable);
    }

    /// <summary>
    /// The first blocking work a sync pool delegate runs (in its body or in callbacks it runs in place), as the message
    /// names it, or null.
    /// </summary>
    private static string? BlockingIn(IAnonymousFunctionOperation work, OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets, bool taskWaitsAreBlz103)
    {
        string? what = null;
        // list.ForEach(x => Thread.Sleep(100)) blocks this pool thread as well: its lambda runs in place.
        foreach (var operation in InPlaceCallbacks.DescendantsRunHere(work.Body))
        {
            // A wait for a task in a pool delegate of async code is BLZ103's: its advice, "await the task", is the right one.
            if (taskWaitsAreBlz103 && IsTaskWait(operation, symbols))
            {
                continue;
            }

            // A sync twin called inside its own async twin (LoadAsync => Task.Run(() => this.Load())) is how that twin
            // is built: the name only points back at the caller, so only the member's own body (when it has one) can
            // show that it blocks; an abstract or interface member shows nothing.
            if (IsOwnSyncTwin(operation, context.ContainingSymbol, symbols))
            {
                what = BlockingHelper(operation, context, symbols);
                if (what is not null)
                {
                    break;
                }

                continue;
            }

            what = Blocking(BlockingCalls.Classify(operation, symbols, context.CancellationToken))
                ?? (operation is IInvocationOperation call && targets.TryGetWrapper(call.TargetMethod.OriginalDefinition, context.CancellationToken, out _, out var attribute)
                    ? "[" + attribute + "] '" + call.TargetMethod.Name + "'"
                    : null)
                ?? BlockingHelper(operation, context, symbols);
            if (what is not null)
            {
                break;
            }
        }

        return what;
    }

    /// <summary>
    /// <c>worker.RunWorkerAsync()</c> (<see cref="BackgroundWorkers"/>): each DoWork handler runs on a ThreadPool thread,
    /// and one that blocks holds it.
    /// </summary>
    private static void AnalyzeBackgroundWorker(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var run = (IInvocationOperation)context.Operation;
        foreach (var handler in BackgroundWorkers.HandlersStartedBy(run, context.Compilation, context.CancellationToken))
        {
            if (BlockingInStartedWork(handler, context, symbols, targets, lifetimeLoopsAreBlz106: false) is { } what)
            {
                Report(context, run, what, fixable: false);
                return;
            }
        }
    }

    /// <summary><c>task.Start()</c> of a task built unstarted (<see cref="UnstartedTasks"/>): a pool start like Task.Run, read the same way.</summary>
    private static void AnalyzeTaskStart(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var start = (IInvocationOperation)context.Operation;
        if (UnstartedTasks.WorkOf(start, context.Compilation, symbols, context.CancellationToken) is { } work
            && BlockingInStartedWork(work, context, symbols, targets, lifetimeLoopsAreBlz106: true) is { } what)
        {
            Report(context, start, what, fixable: false);
        }
    }

    /// <summary>
    /// The blocking work of a sync delegate that a start other than Task.Run/StartNew sends to the pool (a DoWork
    /// handler, an unstarted task's work), or null. A forever or lifetime loop is BLZ106's (an unstarted task's blocking
    /// lifetime loop too, <see cref="BlockingLifetimeLoops"/>). A task wait counts here:
    /// such a delegate is sync code that BLZ103 does not read as a pool delegate of async code.
    /// </summary>
    private static string? BlockingInStartedWork(IDelegateCreationOperation started, OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets, bool lifetimeLoopsAreBlz106) =>
        started.Target switch
        {
            IMethodReferenceOperation { Method.IsAsync: false } group when !symbols.IsTaskLike(group.Method.ReturnType) => BlockingHelper(group, context, symbols),
            IAnonymousFunctionOperation { Symbol.IsAsync: false } work when ForeverLoops.Find(work.Syntax) is null && !LifetimeLoops.Holds(work.Body, symbols)
                && !(lifetimeLoopsAreBlz106 && BlockingLifetimeLoops.Find(work.Body, symbols, context.CancellationToken) is not null)
                => BlockingIn(work, context, symbols, targets, taskWaitsAreBlz103: false),
            _ => null,
        };

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, string what, bool fixable)
    {
        var properties = fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, FixKinds.SpawnBlocking)
            : ImmutableDictionary<string, string?>.Empty;
        var location = invocation.Syntax is InvocationExpressionSyntax syntax ? syntax.Expression.GetLocation() : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingOnThreadPool, location, properties,
            invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, what));
    }

    /// <summary>
    /// A call to (or a method group of) a sync helper declared in source whose body blocks (its BLZ111 summary), or null. A helper that never
    /// returns is BLZ112's: it belongs on a dedicated thread, and so does a method group whose work is a consume loop's
    /// wait (<c>Task.Run(Drain)</c> over <c>GetConsumingEnumerable</c>).
    /// </summary>
    private static string? BlockingHelper(IOperation operation, OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var target = operation is IMethodReferenceOperation group ? group.Method : BlockingSummaries.CallTarget(operation);
        if (target is null || !BlockingSummaries.IsDeclaredInSource(target, context.Compilation)
            || BlockingSummaries.For(context.Compilation, symbols, context.Options, operation.Syntax.SyntaxTree) is not { } summaries
            || summaries.Settle(target, operation.SemanticModel, context.CancellationToken) is not { ForeverLoop: null, Blocking: { } finding }
            || Blocking(finding.Work) is null
            || (operation is IMethodReferenceOperation && finding.Work.Api is { } api && symbols.IsLifetimeLoopWait(api)))
        {
            return null;
        }

        return "'" + string.Join(" → ", finding.Chain) + "' (" + finding.Work.What + ")";
    }

    /// <summary>
    /// How the work reads in the message when it blocks (a sleep, sync I/O, a wait), else null. CPU-heavy work is what
    /// the ThreadPool is for: sent there with Task.Run, it no longer holds the caller, and holds no thread idle.
    /// </summary>
    private static string? Blocking(BlockingWork? work) =>
        work is not { } blocking || blocking.Kind is BlockingKind.HeavyCpu or BlockingKind.HeavyLoop ? null : "'" + blocking.Name + "'";

    private static bool IsOwnSyncTwin(IOperation operation, ISymbol caller, BlitzSymbols symbols) =>
        operation is IInvocationOperation call
        && symbols.TryGetSyncIoCounterpart(call.TargetMethod, out var counterpart)
        && AsyncTwins.WouldRecurse(call, counterpart.Name, caller);

    private static bool IsTaskWait(IOperation operation, BlitzSymbols symbols)
    {
        var member = operation switch
        {
            IInvocationOperation call => call.TargetMethod,
            IPropertyReferenceOperation property => (ISymbol)property.Property,
            _ => null,
        };
        return member is not null && symbols.TryGetBlockingWait(member, out _) && BlockingCalls.IsTaskWait(member, symbols);
    }
}
