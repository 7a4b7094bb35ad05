using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106's lifetime loops: a loop whose condition never ends it (<see cref="ForeverLoops.HasEndlessCondition"/>: it
/// may still leave when its input ends, <c>if (line == "exit") return;</c>), or a <c>foreach</c> over a consuming
/// enumerable, that blocks on a lifetime-loop wait (<see cref="WaitRoles.PacesLifetimeLoop"/>) on each pass.
/// Unlike <see cref="ForeverLoops.Find"/> the loop may await: an async loop that also blocks holds a thread each time
/// it blocks, for as long as it lives.
/// </summary>
internal static class LifetimeLoops
{
    /// <summary>The innermost lifetime loop around <paramref name="wait"/> in its own function, or null.</summary>
    public static ILoopOperation? Around(IInvocationOperation wait)
    {
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
                case IWhileLoopOperation or IForLoopOperation when ForeverLoops.HasEndlessCondition(current.Syntax):
                    return (ILoopOperation)current;
            }
        }

        return null;
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
    /// The lifetime loop of an async method (or async local function) around <paramref name="wait"/>, when the wait
    /// blocks: BLZ106 reports the loop, and no other rule reports the wait (one diagnostic, one advice).
    /// </summary>
    public static ILoopOperation? OfAsyncMethod(IInvocationOperation wait, ISymbol containingSymbol, BlitzSymbols symbols)
    {
        var method = AsyncContext.EnclosingFunction(wait) switch
        {
            null => containingSymbol as IMethodSymbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => null,
        };
        return method is { IsAsync: true } && IsBlockingWait(wait, symbols) ? Around(wait) : null;
    }

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
