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
/// BLZ106: a forever loop (<see cref="ForeverLoops"/>) sent to a pool — <c>Task.Run</c>, <c>StartNew</c> without
/// <c>LongRunning</c>, <c>ThreadPool.QueueUserWorkItem</c>, <c>SpawnBlocking</c>, <c>SpawnCpu</c> — or inside a
/// <c>[Blocking]</c>/<c>[CpuBound]</c> method. It holds a pool thread forever: bucket 4, <c>SpawnDedicated</c>.
/// Second message (<see cref="Descriptors.LifetimeLoopOnPool"/>): a lifetime loop (<see cref="LifetimeLoops"/>) that
/// blocks on each pass although it is async — in an async delegate sent to the pool, in an async delegate given
/// <c>LongRunning</c> (a thread of its own only until the first await) or to a thread of its own (<c>new Thread</c>,
/// <c>SpawnDedicated</c>: async void, the same), or in an async method. A loop that awaits and
/// blocks nowhere holds no thread and is not reported; nor is a <c>StartNew</c> on a scheduler other than the pool.
/// Also a body of <c>Parallel.For</c>/<c>ForEach</c>/<c>Invoke</c> that loops forever, and a lifetime loop of an async method
/// that awaits only when a check holds and spins otherwise (<see cref="IdleSpinningLoops"/>). A forever loop that only starts
/// tasks it leaves running is a spawn storm first (<see cref="SpawningLoops"/>, BLZ107) and is left to that rule.
/// </summary>
internal sealed class BLZ106ForeverLoopOnPoolAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForeverLoopOnPool, Descriptors.LifetimeLoopOnPool);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), AnalyzeStarter, RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall((member, resolved) => member is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType.Name: "Thread" } && resolved.IsOffloadStarter(member),
            AnalyzeNewThread, RuleRequirements.Tasks, OperationKind.ObjectCreation);
        registry.RegisterCall(UnstartedTasks.IsStart, AnalyzeTaskStart, RuleRequirements.Tasks, OperationKind.Invocation);
        // One report per handler loop, however many RunWorkerAsync calls start it (the registry lives one compilation).
        var reportedHandlerLoops = new System.Collections.Concurrent.ConcurrentDictionary<SyntaxNode, bool>();
        registry.RegisterCall((member, _) => BackgroundWorkers.IsRunWorkerAsync(member), (c, resolved) => AnalyzeBackgroundWorker(c, resolved, reportedHandlerLoops),
            RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall((member, resolved) => resolved.IsLifetimeLoopWait(member), AnalyzeLifetimeWait, RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall((member, resolved) => member is IMethodSymbol method && IsParallelLoop(method, resolved), AnalyzeParallelBody, RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall((member, resolved) => member is IMethodSymbol { Name: "Sleep" } sleep && resolved.ThreadSleep.Contains(sleep, SymbolEqualityComparer.Default),
            AnalyzeSleepPacedLoop, RuleRequirements.Tasks, OperationKind.Invocation);
        // On loops, not on calls: loops are far fewer, and only one with an endless condition is read further.
        registry.RegisterOperation(AnalyzeNonAwaitingLoop, RuleRequirements.Tasks, OperationKind.Loop);
        registry.RegisterMethodSymbol(AnalyzeOffloadTarget, RuleRequirements.OffloadAttributes);
        registry.RegisterMethodSymbol(AnalyzeDoWorkHandler, RuleRequirements.Tasks);
        registry.RegisterCall((member, resolved) => member is IMethodSymbol method && NeverYieldingLoops.ReturnsOnlyCompleteTasks(method, resolved, System.Threading.CancellationToken.None),
            AnalyzeNeverYieldingLoop, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeStarter(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation, out var destination) || destination is OffloadDestination.CustomScheduler)
        {
            return;
        }

        if (destination == OffloadDestination.Dedicated)
        {
            AnalyzeAsyncDelegateOnItsOwnThread(context, invocation.Arguments, invocation.Syntax is InvocationExpressionSyntax dedicated ? dedicated.Expression : invocation.Syntax,
                "'" + invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name + "'", symbols);
            return;
        }

        var longRunning = AsyncContext.AsksForLongRunning(invocation, symbols);
        var name = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is not IDelegateCreationOperation work)
            {
                continue;
            }

            var loop = ForeverLoops.Find(Body(work.Target, context.CancellationToken));
            if (loop is not null && !longRunning && work.Target is IAnonymousFunctionOperation spawner && SpawningLoops.IsStorm(spawner, loop, symbols))
            {
                // A forever loop that starts a task on every pass, paced by nothing, is a spawn storm first: BLZ107's.
                return;
            }

            if (loop is not null && !longRunning)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, location, "'" + name + "'"));
                return;
            }

            if (loop is null && !longRunning && SyncBody(work.Target) is { } syncBody && BlockingLifetimeLoops.Find(syncBody, symbols, context.CancellationToken) is { } lifetime)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, location, "The loop that '" + name + "' starts",
                    BlocksEveryPass(lifetime.Work), SyncLoopOnDedicatedThread));
                return;
            }

            if (work.Target is IAnonymousFunctionOperation lambda && LifetimeLoopOnPool(lambda, loop, longRunning, symbols) is { } finding)
            {
                var what = !lambda.Symbol.IsAsync ? "The loop that '" + name + "' starts"
                    : longRunning ? "The forever loop of the async delegate that '" + name + "' starts with LongRunning"
                    : "The forever loop of the async delegate that '" + name + "' starts";
                var advice = finding.Blocks ? SyncLoopOnDedicatedThread
                    : "drop LongRunning (Task.Run) for an async loop, or make it a sync loop on 'BlitzRuntime.Default.SpawnDedicated'";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, location, what, finding.What, advice));
                return;
            }
        }
    }

    /// <summary>The body of a sync lambda, or null (a method group's loop is in a summary: BLZ112's).</summary>
    private static IOperation? SyncBody(IOperation target) => target is IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda ? lambda.Body : null;

    private static string BlocksEveryPass(BlockingWork work) => "blocks a ThreadPool thread on every pass ('" + work.Name + "': " + work.What + "), for as long as it lives";

    /// <summary><c>new Thread(async () =&gt; ...)</c>: see <see cref="AnalyzeAsyncDelegateOnItsOwnThread"/>.</summary>
    private static void AnalyzeNewThread(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var location = creation.Syntax is ObjectCreationExpressionSyntax { Type: { } type } ? type : creation.Syntax;
        AnalyzeAsyncDelegateOnItsOwnThread(context, creation.Arguments, location, "'new Thread'", symbols);
    }

    /// <summary>
    /// An async delegate given a thread of its own — <c>new Thread(async () =&gt; ...)</c>,
    /// <c>SpawnDedicated(name, async ct =&gt; ...)</c> — is an async void delegate: the thread runs it until its first
    /// await and ends there, and the rest runs on ThreadPool threads. Its lifetime loop is then a loop on the pool, as
    /// with <c>LongRunning</c> (<see cref="LifetimeLoopOnPool"/>): one that blocks holds a pool thread on every pass, one
    /// that only awaits needed no thread. Reported at the start, once.
    /// </summary>
    private static void AnalyzeAsyncDelegateOnItsOwnThread(OperationAnalysisContext context, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, SyntaxNode location, string name, BlitzSymbols symbols)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda }
                && LifetimeLoopOnPool(lambda, ForeverLoops.Find(lambda.Syntax), longRunning: true, symbols, UntilTheFirstAwaitOnItsOwnThread) is { } finding)
            {
                var advice = finding.Blocks ? SyncLoopOnDedicatedThread
                    : "drop the thread and call the async loop (it needs none), or make it a sync loop on 'BlitzRuntime.Default.SpawnDedicated'";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, location.GetLocation(),
                    "The forever loop of the async delegate that " + name + " runs on a thread of its own", finding.What, advice));
                return;
            }
        }
    }

    /// <summary><c>task.Start()</c> of a task built unstarted (<see cref="UnstartedTasks"/>) whose delegate loops forever: a pool start like Task.Run.</summary>
    private static void AnalyzeTaskStart(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var start = (IInvocationOperation)context.Operation;
        if (UnstartedTasks.WorkOf(start, context.Compilation, symbols, context.CancellationToken) is not { } work)
        {
            return;
        }

        var location = start.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : start.Syntax.GetLocation();
        var loop = ForeverLoops.Find(Body(work.Target, context.CancellationToken));
        if (loop is not null && !(work.Target is IAnonymousFunctionOperation spawner && SpawningLoops.IsStorm(spawner, loop, symbols)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, location, "'Task.Start' (of a task built with 'new Task')"));
        }
        else if (loop is null && SyncBody(work.Target) is { } syncBody && BlockingLifetimeLoops.Find(syncBody, symbols, context.CancellationToken) is { } lifetime)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, location, "The loop that 'Task.Start' (of a task built with 'new Task') starts",
                BlocksEveryPass(lifetime.Work), SyncLoopOnDedicatedThread));
        }
    }

    /// <summary>
    /// <c>worker.RunWorkerAsync()</c> whose DoWork handler loops forever (<see cref="BackgroundWorkers"/>): the worker's
    /// ThreadPool thread is held for good. Reported on the handler's loop, where the dedicated thread belongs.
    /// </summary>
    private static void AnalyzeBackgroundWorker(OperationAnalysisContext context, BlitzSymbols symbols, System.Collections.Concurrent.ConcurrentDictionary<SyntaxNode, bool> reported)
    {
        var run = (IInvocationOperation)context.Operation;
        foreach (var handler in BackgroundWorkers.HandlersStartedBy(run, context.Compilation, context.CancellationToken))
        {
            // A method with DoWork's own signature is reported from its declaration (AnalyzeDoWorkHandler), once and
            // with one message, whether or not a start is in view.
            if (handler.Target is IMethodReferenceOperation { Method: var named } && BackgroundWorkers.IsDoWorkHandler(named.OriginalDefinition, symbols.DoWorkEventArgs))
            {
                continue;
            }

            if (ForeverLoops.Find(Body(handler.Target, context.CancellationToken)) is { } loop
                && !(handler.Target is IAnonymousFunctionOperation spawner && SpawningLoops.IsStorm(spawner, loop, symbols))
                && reported.TryAdd(loop, true))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, ForeverLoops.Keyword(loop).GetLocation(),
                    "The DoWork handler " + BackgroundWorkers.Describe(handler) + " that 'BackgroundWorker.RunWorkerAsync' starts on the ThreadPool"));
            }
        }
    }

    /// <summary>
    /// A method shaped as a DoWork handler (<c>(object sender, DoWorkEventArgs e)</c>) whose body loops forever: whatever
    /// subscribes it (often a designer file), a BackgroundWorker raises DoWork on a ThreadPool thread, which the loop
    /// then holds for good. Reported on the loop (the starts in view leave such a method to this).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeDoWorkHandler(SymbolAnalysisContext context, BlitzSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!BackgroundWorkers.IsDoWorkHandler(method, symbols.DoWorkEventArgs))
        {
            return;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (ForeverLoops.Find(reference.GetSyntax(context.CancellationToken)) is { } loop)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, ForeverLoops.Keyword(loop).GetLocation(),
                    "The DoWork handler '" + method.Name + "' (a BackgroundWorker raises DoWork on the ThreadPool)"));
                return;
            }
        }
    }

    private const string SyncLoopOnDedicatedThread = "run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'";

    private const string UntilTheFirstAwait = "LongRunning gives an async delegate a thread of its own only until its first await";

    private const string UntilTheFirstAwaitOnItsOwnThread = "a thread runs an async delegate only until its first await, where the delegate returns and the thread ends";

    /// <summary>
    /// How the lambda's lifetime loop holds ThreadPool threads, or null. Without LongRunning a sync lambda's forever
    /// loop was reported already; what is left is a loop that awaits and blocks, or a consuming foreach. With
    /// LongRunning an async lambda's loop runs on the pool once the lambda has awaited: in the loop, or before it (then
    /// even a loop that blocks on nothing in the table holds a pool thread for good); an async loop that blocks nowhere
    /// is on the pool too, and its LongRunning thread was started for nothing.
    /// </summary>
    private static (string What, bool Blocks)? LifetimeLoopOnPool(IAnonymousFunctionOperation lambda, StatementSyntax? foreverLoop, bool longRunning, BlitzSymbols symbols,
        string untilTheFirstAwait = UntilTheFirstAwait)
    {
        if (longRunning && !lambda.Symbol.IsAsync)
        {
            return null;
        }

        if (longRunning && foreverLoop is not null && ForeverLoops.AwaitsBefore(lambda.Syntax, foreverLoop))
        {
            return ("runs on a ThreadPool thread after the delegate's first await (" + untilTheFirstAwait + ") and never awaits again, so it holds that thread for good", true);
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(lambda.Body))
        {
            if (operation is IInvocationOperation wait && LifetimeLoops.IsBlockingWait(wait, symbols) && LifetimeLoops.Around(wait) is { Syntax: StatementSyntax loop }
                && (!longRunning || ForeverLoops.Awaits(loop) || ForeverLoops.AwaitsBefore(lambda.Syntax, loop)))
            {
                var blocks = "(" + LifetimeLoops.Describe(wait) + ")";
                return (longRunning
                    ? "runs on ThreadPool threads after its first await (" + untilTheFirstAwait + ") and blocks one on every pass " + blocks
                    : "blocks a ThreadPool thread on every pass " + blocks + ", for as long as it lives", true);
            }
        }

        return longRunning && LifetimeLoops.HasAwaitingLoop(lambda.Syntax)
            ? ("runs on ThreadPool threads after its first await: " + untilTheFirstAwait + ", so that thread was started for nothing", false)
            : null;
    }

    /// <summary>
    /// A lifetime wait in the body of an async method or async local function, inside a lifetime loop: the method is
    /// a lifetime loop that runs on ThreadPool threads after its first await. Reported once per loop, on the loop.
    /// </summary>
    private static void AnalyzeLifetimeWait(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var wait = (IInvocationOperation)context.Operation;
        // An async delegate's loop is reported at the start that sends it to the pool (AnalyzeStarter).
        if (AsyncContext.EnclosingFunction(wait) is IAnonymousFunctionOperation
            || LifetimeLoops.OfAsyncMethod(wait, context.ContainingSymbol, symbols) is not { } loop || LifetimeLoops.FirstWait(loop, symbols) != wait)
        {
            return;
        }

        var method = AsyncContext.EnclosingFunction(wait) is ILocalFunctionOperation local ? local.Symbol : context.ContainingSymbol;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
            "The forever loop of async method '" + method.Name + "'",
            "blocks a thread on every pass (" + LifetimeLoops.Describe(wait) + "): an async method runs on the caller's thread until its first await and on ThreadPool threads after it",
            SyncLoopOnDedicatedThread));
    }

    /// <summary>A Thread.Sleep that paces every pass of an async method's endless loop (<see cref="LifetimeLoops.PacedBySleep"/>): reported on the loop, for its first such sleep.</summary>
    private static void AnalyzeSleepPacedLoop(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var sleep = (IInvocationOperation)context.Operation;
        if (LifetimeLoops.PacedBySleep(sleep, context.ContainingSymbol, symbols) is not { } loop)
        {
            return;
        }

        foreach (var other in OperationHelpers.DescendantsInSameFunction(loop))
        {
            if (other is IInvocationOperation earlier && earlier.Syntax.SpanStart < sleep.Syntax.SpanStart && symbols.ThreadSleep.Contains(earlier.TargetMethod, SymbolEqualityComparer.Default)
                && LifetimeLoops.PacedBySleep(earlier, context.ContainingSymbol, symbols) == loop)
            {
                return;
            }
        }

        var method = AsyncContext.EnclosingFunction(sleep) is ILocalFunctionOperation local ? local.Symbol : context.ContainingSymbol;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
            "The endless loop of async method '" + method.Name + "'",
            "blocks a thread in '" + sleep.Syntax + "' on every pass and awaits no asynchronous work (at most work it sends to the ThreadPool), so it holds a thread for as long as it lives",
            "await Task.Delay between passes, or run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'"));
    }

    /// <summary>
    /// The forever loop of an async method that never awaits (<see cref="NonAwaitingAsyncLoops"/>), with a call to a
    /// helper that blocks (BLZ111's finding, which that rule leaves here): the method never gives its thread back.
    /// Reported once, on the loop, with its first such call.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeNonAwaitingLoop(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var loop = (ILoopOperation)context.Operation;
        if (loop is not (IWhileLoopOperation or IForLoopOperation) || !AsyncContext.IsInAsyncMethodBody(loop, context.ContainingSymbol))
        {
            return;
        }

        if (IdleSpinningLoops.AwaitGuard(loop, symbols, context.CancellationToken) is { } guard)
        {
            var spinning = AsyncContext.EnclosingFunction(loop) is ILocalFunctionOperation function ? function.Symbol : context.ContainingSymbol;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
                "The lifetime loop of async method '" + spinning.Name + "'",
                "awaits only when '" + guard + "' holds; otherwise it spins without giving its thread back (its caller's, or a ThreadPool thread after an earlier await) for as long as it lives",
                "wait for the input instead of polling it (await the read itself, or a channel's 'WaitToReadAsync')"));
            return;
        }

        if (!ForeverLoops.HasEndlessCondition(loop.Syntax))
        {
            return;
        }

        System.Collections.Generic.List<IOperation>? calls = null;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation.Kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation
                && BlockingSummaries.CallTarget(operation) is { } target && BlockingSummaries.MayHaveSummary(target, context.Compilation))
            {
                (calls ??= new()).Add(operation);
            }
        }

        if (NonAwaitingAsyncLoops.Around(loop.Body, context.ContainingSymbol) is not { } forever || forever != loop)
        {
            return; // not a forever loop, or one inside another that is reported itself
        }

        var method = AsyncContext.EnclosingFunction(loop) is ILocalFunctionOperation local ? local.Symbol : context.ContainingSymbol;
        foreach (var call in calls?.OrderBy(c => c.Syntax.SpanStart) ?? Enumerable.Empty<IOperation>())
        {
            if (BLZ111BlockingHelperAnalyzer.FindingAt(call, context.ContainingSymbol, context.Compilation, context.Options, symbols, context.CancellationToken) is { } finding)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
                    "The forever loop of async method '" + method.Name + "'",
                    "never awaits, so the method never gives its thread back (its caller's, or a ThreadPool thread after an earlier await), and blocks on every pass in '"
                        + finding.ChainFrom(method.Name) + "' (" + finding.Work.What + ")",
                    SyncLoopOnDedicatedThread));
                return;
            }
        }

        if (OnlySpins(loop, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
                "The forever loop of async method '" + method.Name + "'",
                "never awaits and never ends, so the method never gives its thread back (its caller's, or a ThreadPool thread after an earlier await) and spins on it for as long as it lives",
                "await real asynchronous work in it, or run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'"));
        }
    }

    /// <summary>
    /// A forever loop whose passes neither block (a sleep, sync I/O, a wait: those calls are the other rules' findings,
    /// one advice each) nor start tasks (a spawn storm or fire-and-forget, BLZ107's), nor throw: it only runs, and runs forever.
    /// </summary>
    private static bool OnlySpins(ILoopOperation loop, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation is IThrowOperation || (operation is IInvocationOperation call && symbols.IsTaskLike(call.TargetMethod.ReturnType)))
            {
                return false; // a throw is a way out (a parse loop that ends on bad input); a task started is another rule's
            }

            if (operation.Kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation
                && BlockingCalls.Classify(operation, symbols, cancellationToken) is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>Parallel.For</c>, <c>Parallel.ForEach</c> or <c>Parallel.Invoke</c>: each body runs on a ThreadPool thread.</summary>
    private static bool IsParallelLoop(IMethodSymbol method, BlitzSymbols symbols) =>
        method.Name is "For" or "ForEach" or "Invoke" && method.ContainingType is { Name: "Parallel" } && symbols.IsSyncParallel(method);

    /// <summary>
    /// A body of <c>Parallel.For</c>/<c>ForEach</c>/<c>Invoke</c> that loops forever: each partition holds a pool thread
    /// for good (and the call never returns).
    /// </summary>
    private static void AnalyzeParallelBody(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        foreach (var argument in invocation.Arguments)
        {
            foreach (var body in Bodies(argument.Value))
            {
                if (ForeverLoops.Find(Body(body.Target, context.CancellationToken)) is not null)
                {
                    var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, location, "'Parallel." + invocation.TargetMethod.Name + "'"));
                    return;
                }
            }
        }
    }

    /// <summary>The delegates an argument passes: one, or each element of a <c>params</c> array (Parallel.Invoke).</summary>
    private static System.Collections.Generic.IEnumerable<IDelegateCreationOperation> Bodies(IOperation value) => value switch
    {
        IDelegateCreationOperation work => new[] { work },
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues.OfType<IDelegateCreationOperation>(),
        _ => Enumerable.Empty<IDelegateCreationOperation>(),
    };

    /// <summary>The body of a lambda, or of a method passed as a method group when it is declared in source.</summary>
    private static SyntaxNode? Body(IOperation target, System.Threading.CancellationToken cancellationToken) => target switch
    {
        IAnonymousFunctionOperation lambda => lambda.Syntax,
        IMethodReferenceOperation reference => reference.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken),
        _ => null,
    };

    /// <summary>An async method whose endless loop awaits only complete tasks (<see cref="NeverYieldingLoops"/>): reported once, on the loop.</summary>
    private static void AnalyzeNeverYieldingLoop(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var call = (IInvocationOperation)context.Operation;
        if (NeverYieldingLoops.Around(call, context.ContainingSymbol, symbols, context.CancellationToken) is not { } loop)
        {
            return;
        }

        var method = AsyncContext.EnclosingFunction(call) is ILocalFunctionOperation local ? local.Symbol : context.ContainingSymbol;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LifetimeLoopOnPool, LifetimeLoops.KeywordLocation(loop),
            "The endless loop of async method '" + method.Name + "'",
            "never gives its thread back: it awaits only tasks that are already complete ('" + call.TargetMethod.Name + "' returns one), so it runs on its caller's thread for as long as it lives",
            "await real asynchronous work in it, or run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'"));
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeOffloadTarget(SymbolAnalysisContext context, BlitzSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        var kind = Blitz.CodeAnalysis.OffloadAttributes.GetKind(method);
        if (kind == Blitz.CodeAnalysis.OffloadAttributeKind.None)
        {
            return;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var loop = ForeverLoops.Find(reference.GetSyntax(context.CancellationToken));
            if (loop is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, ForeverLoops.Keyword(loop).GetLocation(),
                    "[" + ((kind & Blitz.CodeAnalysis.OffloadAttributeKind.Blocking) != 0 ? "Blocking" : "CpuBound") + "] method '" + method.Name + "'"));
                return;
            }
        }
    }
}
