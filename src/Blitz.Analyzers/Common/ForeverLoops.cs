using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Finds a forever loop in a function body: <c>while (true)</c>, <c>for (;;)</c>, <c>do ... while (true)</c> or
/// <c>while (!token.IsCancellationRequested)</c> (or BackgroundWorker's <c>!worker.CancellationPending</c>), with no <c>break</c>, <c>return</c> or <c>goto</c> out of it except
/// under a cancellation test, and no <c>await</c> inside (an awaiting loop does not hold a thread). Syntax-based, so
/// that it also works on the body of a method passed as a method group.
/// </summary>
internal static class ForeverLoops
{
    private const string Cancellation = "IsCancellationRequested";

    // BackgroundWorker's own cancellation flag: a DoWork loop that polls it lives until the worker is cancelled.
    private const string WorkerCancellation = "CancellationPending";

    /// <summary>The first forever loop of <paramref name="body"/> outside nested lambdas and local functions, or null.</summary>
    [MethodImpl(Jit.Optimized)]
    public static StatementSyntax? Find(SyntaxNode? body)
    {
        if (body is null)
        {
            return null;
        }

        foreach (var node in body.DescendantNodes(n => n == body || !IsNestedFunction(n)))
        {
            if (node is StatementSyntax loop && IsForever(loop))
            {
                return loop;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="loop"/> (a <c>while</c>, <c>do</c> or <c>for</c> statement) is a forever loop.</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsForeverLoop(SyntaxNode loop) => loop is StatementSyntax statement && IsForever(statement);

    /// <summary>The keyword to report on (<c>while</c>, <c>for</c>, <c>do</c>).</summary>
    public static SyntaxToken Keyword(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.WhileKeyword,
        ForStatementSyntax f => f.ForKeyword,
        DoStatementSyntax d => d.DoKeyword,
        _ => loop.GetFirstToken(),
    };

    /// <summary>How a forever loop reads in a chain: <c>while (true)</c>, <c>do … while (true)</c>, <c>for (;;)</c>.</summary>
    public static string Describe(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => "while (" + w.Condition + ")",
        DoStatementSyntax d => "do … while (" + d.Condition + ")",
        ForStatementSyntax => "for (;;)",
        _ => "a loop",
    };

    private static bool IsNestedFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    [MethodImpl(Jit.Optimized)]
    private static bool IsForever(StatementSyntax statement) => IsEndless(statement) && !HasAwait(statement);

    private static bool IsEndlessCondition(ExpressionSyntax condition)
    {
        condition = Unparenthesize(condition);
        return condition.IsKind(SyntaxKind.TrueLiteralExpression)
            || (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not
                && Unparenthesize(not.Operand) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: Cancellation or WorkerCancellation });
    }

    /// <summary>The expression inside any parentheses around it.</summary>
    public static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool HasExit(StatementSyntax loop)
    {
        foreach (var node in loop.DescendantNodes(n => !IsNestedFunction(n)))
        {
            var exits = node switch
            {
                BreakStatementSyntax => InnermostBreakable(node) == loop,
                ReturnStatementSyntax => true,
                GotoStatementSyntax => true,
                YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } => true,
                _ => false,
            };
            if (exits && !IsUnderCancellationTest(node, loop))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The loop or <c>switch</c> a <c>break</c> at <paramref name="node"/> leaves.</summary>
    public static SyntaxNode? InnermostBreakable(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is WhileStatementSyntax or ForStatementSyntax or DoStatementSyntax
            or ForEachStatementSyntax or ForEachVariableStatementSyntax or SwitchStatementSyntax);

    private static bool IsUnderCancellationTest(SyntaxNode exit, SyntaxNode loop)
    {
        foreach (var ancestor in exit.Ancestors())
        {
            if (ancestor == loop)
            {
                return false;
            }

            if (ancestor is IfStatementSyntax { Condition: var condition } && (Mentions(condition, Cancellation) || Mentions(condition, WorkerCancellation)))
            {
                return true;
            }

            if (ancestor is CatchClauseSyntax { Declaration.Type: var type } && type.ToString().Contains("OperationCanceledException"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(SyntaxNode node, string name) =>
        node.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name);

    [MethodImpl(Jit.Optimized)]
    private static bool HasAwait(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodesAndSelf(n => !IsNestedFunction(n)))
        {
            if (node is AwaitExpressionSyntax
                || node is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || node is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword })
            {
                return true;
            }
        }

        return false;
    }

    // BLZ106's lifetime loops: the same endless condition and exits, but a loop that awaits counts too (an async
    // loop that also blocks on each pass holds a pool thread each time it blocks).

    /// <summary>True when <paramref name="loop"/> is a <c>while</c>, <c>do</c> or <c>for</c> that never ends but on cancellation, awaiting or not.</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsEndless(SyntaxNode loop)
    {
        return HasEndlessCondition(loop) && !HasExit((StatementSyntax)loop);
    }

    /// <summary>
    /// True when <paramref name="loop"/>'s condition never ends it but on cancellation (<c>while (true)</c>, <c>for (;;)</c>,
    /// <c>while (!token.IsCancellationRequested)</c>), whatever its body's exits.
    /// </summary>
    public static bool HasEndlessCondition(SyntaxNode loop) => loop switch
    {
        WhileStatementSyntax w => IsEndlessCondition(w.Condition),
        ForStatementSyntax f => f.Condition is null || IsEndlessCondition(f.Condition),
        DoStatementSyntax d => IsEndlessCondition(d.Condition),
        _ => false,
    };

    /// <summary>True when nothing but cancellation leaves <paramref name="loop"/> (a <c>foreach</c> over a consuming enumerable, say).</summary>
    public static bool NeverLeaves(StatementSyntax loop) => !HasExit(loop);

    /// <summary>True when <paramref name="node"/> (a loop, a statement, a condition) awaits, outside nested functions.</summary>
    public static bool Awaits(SyntaxNode node) => HasAwait(node);

    /// <summary>True when <paramref name="function"/> awaits before <paramref name="loop"/> starts (outside nested functions).</summary>
    public static bool AwaitsBefore(SyntaxNode function, SyntaxNode loop)
    {
        foreach (var node in function.DescendantNodes(n => n == function || !IsNestedFunction(n)))
        {
            if (node.SpanStart >= loop.SpanStart)
            {
                return false;
            }

            if (node is AwaitExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }
}
