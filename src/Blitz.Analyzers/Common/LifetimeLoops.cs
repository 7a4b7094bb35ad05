using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106's lifetime loops: a loop whose condition never ends it (<see cref="ForeverLoops.HasEndlessCondition"/>: it
/// may still leave when its input ends, <c>if (line == "exit") return;</c>), or a <c>foreach</c> over a consuming
/// enumerable, that blocks on a lifetime-loop wait (<see cref="WaitRoles.PacesLifetimeLoop"/>) on each pass; or a
/// loop whose own condition is such a wait, without a timeout (<c>while (Console.ReadKey(true).KeyChar != 'q')</c>,
/// <c>while ((line = Console.ReadLine()) != null)</c>): it runs for as long as its input does. A wait with a timeout
/// in a condition (<c>while (!stop.WaitOne(1000))</c>) is a pace, left to BLZ103.
/// Unlike <see cref="ForeverLoops.Find"/> the loop may await: an async loop that also blocks holds a thread each time
/// it blocks, for as long as it lives.
/// </summary>
internal static class LifetimeLoops
{
    /// <summary>What a lifetime loop is in a <see cref="BlockingWork"/> of a summary (a forever loop is "a forever loop").</summary>
    public const string What = "a lifetime loop";

    /// <summary>The innermost lifetime loop around <paramref name="wait"/> in its own function, or null.</summary>
    public static ILoopOperation? Around(IInvocationOperation wait)
    {
        var fed = FedLocal(wait);
        IOperation child = wait;
        for (var current = wait.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
                case IForEachLoopOperation { IsAsynchronous: false } each when child == each.Collection
                    && each.Syntax is StatementSyntax statement && ForeverLoops.NeverLeaves(statement):
                    return each;
                case IWhileLoopOperation { Condition: { } condition } when child == condition && !HasTimeout(wait):
                    return (ILoopOperation)current;
                case IForLoopOperation { Condition: { } condition } when child == condition && !HasTimeout(wait):
                    return (ILoopOperation)current;
                case IWhileLoopOperation or IForLoopOperation when ForeverLoops.HasEndlessCondition(current.Syntax) && !LeavesOnceReady(wait, current.Syntax):
                    return (ILoopOperation)current;
                case IWhileLoopOperation { Condition: { } condition } loop when child == loop.Body && fed is not null && Reads(condition, fed) && !HasTimeout(wait)
                    && loop.Syntax is StatementSyntax statement && ForeverLoops.Awaits(statement):
                    // while (key.Key != ConsoleKey.Q) { await ...; key = Console.ReadKey(); }: it ends only when its input
                    // says so, and blocks on every pass although it awaits. A loop that only asks again until the input
                    // is valid (a prompt, no await) is one bounded wait of the method's flow: the per-call rules'.
                    return loop;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>while (!token.IsCancellationRequested) { if (socket.Poll(1000, SelectMode.SelectRead)) return true; ... }</c>:
    /// the loop leaves as soon as the wait succeeds, so it waits for one input (a bounded wait, the per-call rules'),
    /// and does not live to serve many.
    /// </summary>
    private static bool LeavesOnceReady(IInvocationOperation wait, SyntaxNode loop)
    {
        for (var node = wait.Syntax.Parent; node is not null && node != loop; node = node.Parent)
        {
            // Only the wait's own success as the condition (a bool it returns), not a test of what it read
            // (if (queue.Take() == "stop") return;: the input says stop, and the loop served every input before it).
            if (node is IfStatementSyntax check && ForeverLoops.Unparenthesize(check.Condition) == wait.Syntax
                && wait.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                var taken = check.Statement is BlockSyntax { Statements.Count: > 0 } block ? block.Statements[block.Statements.Count - 1] : check.Statement;
                return taken is ReturnStatementSyntax || (taken is BreakStatementSyntax && ForeverLoops.InnermostBreakable(taken) == loop);
            }
        }

        return false;
    }

    /// <summary>
    /// False for a loop that only waits for its input to say stop (<c>while (Console.ReadKey().Key != ConsoleKey.Enter)
    /// Thread.Sleep(100);</c>): a body that does nothing but sleep serves nothing. In an async method's own flow it is
    /// one long blocking wait, the per-call rules' (bucket 3), not a loop that lives to handle its input; started on
    /// the pool as a watcher, it is a lifetime loop all the same.
    /// </summary>
    private static bool ServesInput(ILoopOperation loop, BlitzSymbols symbols)
    {
        if (loop is not IWhileLoopOperation { Condition: not null } and not IForLoopOperation { Condition: not null })
        {
            return true;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation is IExpressionStatementOperation { Operation: var expression }
                && !(expression is IInvocationOperation { TargetMethod: var called } && symbols.ThreadSleep.Contains(called, SymbolEqualityComparer.Default)))
            {
                return true;
            }

            if (operation is IVariableDeclaratorOperation or IReturnOperation or IBranchOperation or IConditionalOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInCondition(IOperation wait, ILoopOperation loop)
    {
        var condition = loop switch
        {
            IWhileLoopOperation w => w.Condition,
            IForLoopOperation f => f.Condition,
            _ => null,
        };
        return condition is not null && OperationHelpers.IsWithin(wait, condition);
    }

    /// <summary>The local that <paramref name="wait"/>'s result (or a member of it) is assigned to, or null.</summary>
    private static ILocalSymbol? FedLocal(IInvocationOperation wait)
    {
        IOperation value = wait;
        while (value.Parent is IConversionOperation or IPropertyReferenceOperation or IFieldReferenceOperation)
        {
            value = value.Parent;
        }

        return value.Parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment && assignment.Value == value ? target.Local : null;
    }

    private static bool Reads(IOperation condition, ILocalSymbol local)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(condition))
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTimeout(IInvocationOperation wait)
    {
        foreach (var parameter in wait.TargetMethod.Parameters)
        {
            if (KnownWaits.IsTimeout(parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="call"/> is a lifetime-loop wait (<see cref="BlitzSymbols.IsLifetimeLoopWait"/>) that can
    /// block: not a poll with a zero timeout (<c>WaitOne(0)</c>, <c>TryTake(out x, 0)</c>, <c>Poll(0, mode)</c>).
    /// </summary>
    public static bool IsBlockingWait(IInvocationOperation call, BlitzSymbols symbols) =>
        // A zero timeout, a key read behind Console.KeyAvailable, a wait on a completed task: BLZ103's exemptions.
        symbols.IsLifetimeLoopWait(call.TargetMethod) && !BlockingCalls.IsNonBlockingWait(call.TargetMethod, call.Instance, call.Arguments, call, symbols);

    /// <summary>The first blocking lifetime wait of <paramref name="root"/> (a loop or a function body) in source order, outside nested functions.</summary>
    public static IInvocationOperation? FirstWait(IOperation root, BlitzSymbols symbols)
    {
        IInvocationOperation? first = null;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(root))
        {
            if (operation is IInvocationOperation call && IsBlockingWait(call, symbols)
                && (first is null || call.Syntax.SpanStart < first.Syntax.SpanStart))
            {
                first = call;
            }
        }

        return first;
    }

    /// <summary>True when <paramref name="function"/> holds an endless loop that awaits (outside nested functions).</summary>
    public static bool HasAwaitingLoop(SyntaxNode function)
    {
        foreach (var node in function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax && ForeverLoops.IsEndless(node) && ForeverLoops.Awaits((StatementSyntax)node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lifetime loop around <paramref name="wait"/>, when the wait blocks and BLZ106 reports that loop: in an async
    /// method or async local function, or in an async delegate sent to a pool without <c>LongRunning</c>
    /// (<c>Task.Run(async () => ...)</c>, reported at the start). No other rule reports the wait (one diagnostic, one advice).
    /// </summary>
    public static ILoopOperation? OfAsyncMethod(IInvocationOperation wait, ISymbol containingSymbol, BlitzSymbols symbols)
    {
        var isAsync = AsyncContext.EnclosingFunction(wait) switch
        {
            null => containingSymbol is IMethodSymbol { IsAsync: true },
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync && IsPoolWork(lambda, symbols),
            _ => false,
        };
        return isAsync && IsBlockingWait(wait, symbols) && Around(wait) is { } loop
            && (AsyncContext.EnclosingFunction(wait) is IAnonymousFunctionOperation || !IsInCondition(wait, loop) || ServesInput(loop, symbols))
            ? loop
            : null;
    }

    /// <summary>
    /// The endless loop (no exit but cancellation) of an async method or async local function that <paramref name="sleep"/>
    /// paces on every pass, when the loop awaits nothing but work it sends to the ThreadPool (<c>while (true) {
    /// Thread.Sleep(6000); await Task.Run(Ping); }</c>), or nothing at all: it holds a thread at every moment of its
    /// life, a lifetime loop reported by BLZ106, not a sleep for BLZ101. A loop that awaits real asynchronous work on
    /// each pass gives its thread back there and blocks only in a bounded call (BLZ101's), and so does one whose sleep
    /// is under a condition.
    /// </summary>
    public static ILoopOperation? PacedBySleep(IInvocationOperation sleep, ISymbol containingSymbol, BlitzSymbols symbols)
    {
        if (!AsyncContext.IsInAsyncMethodBody(sleep, containingSymbol))
        {
            return null;
        }

        for (var current = sleep.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IExpressionStatementOperation or IBlockOperation:
                    continue;
                case ILoopOperation loop when ForeverLoops.IsEndless(loop.Syntax) && AwaitsOnlyOffloads(loop, symbols):
                    return loop;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsPoolStart(IOperation awaited, BlitzSymbols symbols) =>
        OperationHelpers.AwaitedTask(awaited) is IInvocationOperation starter && symbols.TryGetOffloadStarter(starter, out var destination) && destination == OffloadDestination.ThreadPool;

    /// <summary>True when every await of <paramref name="loop"/> awaits a ThreadPool start (<c>await Task.Run(...)</c>).</summary>
    private static bool AwaitsOnlyOffloads(ILoopOperation loop, BlitzSymbols symbols)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop))
        {
            if (operation is IAwaitOperation await && !IsPoolStart(await.Operation, symbols))
            {
                return false;
            }

            if (operation.Kind is OperationKind.Using or OperationKind.UsingDeclaration || operation is IForEachLoopOperation { IsAsynchronous: true })
            {
                return false; // await using, await foreach: real asynchronous work, conservatively
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="lambda"/> is the work of a pool start without LongRunning, which BLZ106 examines at the start.</summary>
    public static bool IsPoolWork(IAnonymousFunctionOperation lambda, BlitzSymbols symbols) =>
        AsyncContext.FindOffloadStarter(lambda, symbols, out _) is IInvocationOperation starter
        && symbols.TryGetOffloadStarter(starter, out var destination) && destination is not (OffloadDestination.Dedicated or OffloadDestination.CustomScheduler)
        && !AsyncContext.AsksForLongRunning(starter, symbols);

    /// <summary>True when a sync delegate's <paramref name="body"/> holds a lifetime loop (BLZ106's, not the blocking pool's).</summary>
    public static bool Holds(IOperation body, BlitzSymbols symbols)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            if (operation is IInvocationOperation wait && IsBlockingWait(wait, symbols) && Around(wait) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How a lifetime loop reads in a chain: <c>while (true) blocking on Console.ReadKey</c>.</summary>
    public static string DescribeLoop(ILoopOperation loop, IInvocationOperation wait) => DescribeLoop(loop, Describe(wait));

    /// <summary>How a lifetime loop reads in a chain, for the blocking call named <paramref name="blocking"/>.</summary>
    public static string DescribeLoop(ILoopOperation loop, string blocking) => loop.Syntax switch
    {
        CommonForEachStatementSyntax => "foreach over " + blocking,
        WhileStatementSyntax w => "while (" + w.Condition + ") blocking on " + blocking,
        DoStatementSyntax d => "do … while (" + d.Condition + ") blocking on " + blocking,
        _ => "a loop blocking on " + blocking,
    };

    /// <summary>How the wait reads in a message: <c>BlockingCollection.Take</c>.</summary>
    public static string Describe(IInvocationOperation wait) => wait.TargetMethod.ContainingType.Name + "." + wait.TargetMethod.Name;

    /// <summary>The keyword to report a loop on.</summary>
    public static Location KeywordLocation(ILoopOperation loop) => loop.Syntax switch
    {
        CommonForEachStatementSyntax each => each.ForEachKeyword.GetLocation(),
        StatementSyntax statement => ForeverLoops.Keyword(statement).GetLocation(),
        _ => loop.Syntax.GetLocation(),
    };
}
