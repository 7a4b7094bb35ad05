using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106's lifetime loops: a loop that never ends but on cancellation (<see cref="ForeverLoops.IsEndless"/>), or a
/// <c>foreach</c> over a consuming enumerable, that blocks on a lifetime-loop wait (<see cref="WaitRoles.PacesLifetimeLoop"/>) on each pass.
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
                case IWhileLoopOperation or IForLoopOperation when ForeverLoops.IsEndless(current.Syntax):
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
        symbols.IsLifetimeLoopWait(call.TargetMethod) && !KnownWaits.HasZeroTimeout(call.Arguments);

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
