using System.Linq;
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
/// counts its passes or watches a clock before it leaves (a bounded wait: the per-call rules'), nor one that reads one
/// line or payload (<see cref="ReadsOnePayload"/>).
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

        return (ForeverLoops.HasEndlessCondition(loop.Syntax) || StopFlags.Controls(loop)) && LeavesOnlyOnACheck((StatementSyntax)loop.Syntax)
            && !ReadsOnePayload(loop);
    }

    /// <summary>
    /// A loop that reads one payload from a stream or reader and hands it back: it collects what it reads (into a
    /// <c>StringBuilder</c>, a <c>MemoryStream</c> or a list) or it leaves at a delimiter in the data
    /// (<c>if (buffer[0] == '\n') break;</c>). It lasts as long as that line or body, not as long as a connection: its
    /// reads are sync I/O (bucket 1), not a lifetime loop. A loop that hands each read to other code (a handler, an
    /// event, the console) serves a connection and stays a lifetime loop.
    /// </summary>
    private static bool ReadsOnePayload(ILoopOperation loop)
    {
        bool reads = false, collects = false;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation is IInvocationOperation call)
            {
                reads |= call.TargetMethod.Name.StartsWith("Read", System.StringComparison.Ordinal) && IsStreamOrReader(call.TargetMethod.ContainingType);
                collects |= Collects(call);
            }
        }

        return reads && (collects || HasDelimiterExit((StatementSyntax)loop.Syntax));
    }

    private static bool Collects(IInvocationOperation call) => call.TargetMethod switch
    {
        { Name: "Append" or "AppendLine", ContainingType: { Name: "StringBuilder", ContainingNamespace.Name: "Text" } } => true,
        { Name: "Add" or "AddRange", ContainingType: { Name: "List", ContainingNamespace.Name: "Generic" } } => true,
        { Name: "Write" or "WriteByte" } => BlitzSymbols.DerivesFromSystemType(call.Instance?.Type, "MemoryStream", "IO"),
        _ => false,
    };

    private static bool IsStreamOrReader(ITypeSymbol? type) =>
        BlitzSymbols.DerivesFromSystemType(type, "Stream", "IO") || BlitzSymbols.DerivesFromSystemType(type, "TextReader", "IO")
        || BlitzSymbols.DerivesFromSystemType(type, "BinaryReader", "IO");

    /// <summary>An exit under a check that compares read data with a delimiter: a character, or a buffer element with a positive constant.</summary>
    private static bool HasDelimiterExit(StatementSyntax loop)
    {
        foreach (var node in loop.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is BreakStatementSyntax or ReturnStatementSyntax && node.FirstAncestorOrSelf<IfStatementSyntax>() is { } check && check.Span.Start > loop.Span.Start
                && check.Condition.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>().Any(IsDelimiterTest))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDelimiterTest(BinaryExpressionSyntax test) =>
        test.IsKind(SyntaxKind.EqualsExpression)
        && (test.Left.IsKind(SyntaxKind.CharacterLiteralExpression) || test.Right.IsKind(SyntaxKind.CharacterLiteralExpression)
            || (test.Left is ElementAccessExpressionSyntax && IsPositiveConstant(test.Right))
            || (test.Right is ElementAccessExpressionSyntax && IsPositiveConstant(test.Left)));

    private static bool IsPositiveConstant(ExpressionSyntax value) =>
        value is LiteralExpressionSyntax { Token.Value: int number } && number > 0;

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
