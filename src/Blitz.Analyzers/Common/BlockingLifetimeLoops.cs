using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Lifetime loops of sync code that block on every pass in any blocking call, not only in a wait for input
/// (<see cref="LifetimeLoops"/>): a <c>while</c>, <c>for</c> or <c>do</c> loop that runs until cancellation
/// (<see cref="ForeverLoops.HasEndlessCondition"/>) or a stop flag (<see cref="StopFlags"/>: <c>while (!stopping)</c>,
/// <c>while (client.Connected)</c>),
/// whose body blocks on each pass (<c>socket.Receive</c>, <c>Thread.Sleep</c>, a sync read), and which leaves only when
/// a check says so (<c>if (read == 0) return;</c>, a catch). Sent to the ThreadPool, such a loop holds a pool thread for
/// as long as its connection or service lives (bucket 4), which is why a socket read loop in <c>Task.Run</c> is a
/// dedicated thread's work, not the blocking pool's. Not a retry loop (an exit on the success path), nor a loop that
/// counts its passes or watches a clock before it leaves (a bounded wait: the per-call rules').
/// </summary>
internal static class BlockingLifetimeLoops
{
    /// <summary>
    /// The first blocking call of <paramref name="body"/> (outside nested functions) that sits on every pass of such a
    /// loop, with that loop, or null.
    /// </summary>
    public static (ILoopOperation Loop, BlockingWork Work)? Find(IOperation body, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        (ILoopOperation Loop, BlockingWork Work)? first = null;
        var firstAt = int.MaxValue;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            if (operation.Kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation
                && operation.Syntax.SpanStart < firstAt
                && BlockingCalls.Classify(operation, symbols, cancellationToken) is { Kind: BlockingKind.Sleep or BlockingKind.SyncIo or BlockingKind.Wait } work
                && Around(operation) is { } loop)
            {
                first = (loop, work);
                firstAt = operation.Syntax.SpanStart;
            }
        }

        return first;
    }

    /// <summary>The innermost loop around <paramref name="blocking"/>, when it is a lifetime loop that blocks there on every pass; else null.</summary>
    public static ILoopOperation? Around(IOperation blocking)
    {
        IOperation child = blocking;
        for (var current = blocking.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return child == Condition(loop) ? null : IsLifetime(loop) ? loop : null;
                case IAnonymousFunctionOperation or ILocalFunctionOperation or ICatchClauseOperation or ISwitchCaseOperation or IConditionalAccessOperation:
                    return null;
                case IConditionalOperation conditional when child != conditional.Condition:
                    return null; // under a check: not on every pass
                case ICoalesceOperation coalesce when child != coalesce.Value:
                    return null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when child == logical.RightOperand:
                    return null;
            }
        }

        return null;
    }

    private static IOperation? Condition(ILoopOperation loop) => loop switch
    {
        IWhileLoopOperation w => w.Condition,
        IForLoopOperation f => f.Condition,
        _ => null,
    };

    /// <summary>True when <paramref name="loop"/> runs until cancellation, a stop flag or its connection ends, and leaves only when a check says so.</summary>
    public static bool IsLifetime(ILoopOperation loop)
    {
        if (loop.Syntax is not (WhileStatementSyntax or ForStatementSyntax or DoStatementSyntax) || ForeverLoops.Awaits(loop.Syntax))
        {
            return false;
        }

        return (ForeverLoops.HasEndlessCondition(loop.Syntax) || StopFlags.Controls(loop)) && LeavesOnlyOnACheck((StatementSyntax)loop.Syntax);
    }

    /// <summary>
    /// Every exit (a <c>break</c> of this loop, a <c>return</c>, a <c>goto</c>) is under a check or in a catch, and no
    /// check before an exit counts passes or reads a clock.
    /// </summary>
    private static bool LeavesOnlyOnACheck(StatementSyntax loop)
    {
        foreach (var node in loop.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            var exits = node switch
            {
                BreakStatementSyntax => ForeverLoops.InnermostBreakable(node) == loop,
                ReturnStatementSyntax or GotoStatementSyntax => true,
                _ => false,
            };
            if (exits && !IsUnderCheck(node, loop))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnderCheck(SyntaxNode exit, SyntaxNode loop)
    {
        foreach (var ancestor in exit.Ancestors())
        {
            if (ancestor == loop)
            {
                return false;
            }

            switch (ancestor)
            {
                case IfStatementSyntax check:
                    return !IsBounded(check.Condition, loop);
                case CatchClauseSyntax or SwitchSectionSyntax or WhileStatementSyntax or ForStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A check that counts passes (a local the loop increments) or reads a clock: the loop is a bounded wait.</summary>
    private static bool IsBounded(ExpressionSyntax check, SyntaxNode loop)
    {
        foreach (var token in check.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken))
            {
                continue;
            }

            var text = token.ValueText;
            if (text is "Elapsed" or "ElapsedMilliseconds" or "ElapsedTicks" or "Now" or "UtcNow" or "TickCount" or "TickCount64")
            {
                return true;
            }

            foreach (var node in loop.DescendantNodes())
            {
                if ((node is PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax a } && a.Identifier.ValueText == text)
                    || (node is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression, Operand: IdentifierNameSyntax b } && b.Identifier.ValueText == text)
                    || (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression, Left: IdentifierNameSyntax c } && c.Identifier.ValueText == text))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
