using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>Syntax building blocks shared by the fixes that turn a blocking call into an awaited one.</summary>
internal static class AwaitRewriting
{
    /// <summary><c>await <paramref name="expression"/></c>, parenthesized when it is the target of a member access, an element access or a call.</summary>
    public static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode replaced)
    {
        ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(expression.WithoutTrivia());
        var parent = replaced.Parent;
        var needsParentheses = parent is MemberAccessExpressionSyntax { Expression: var e1 } && e1 == replaced
            || parent is ElementAccessExpressionSyntax { Expression: var e2 } && e2 == replaced
            || parent is ConditionalAccessExpressionSyntax { Expression: var e3 } && e3 == replaced
            || parent is InvocationExpressionSyntax { Expression: var e4 } && e4 == replaced
            || parent is PostfixUnaryExpressionSyntax;
        if (needsParentheses)
        {
            awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        }

        return awaited.WithTriviaFrom(replaced).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A fully qualified type name that the simplifier shortens when a using directive allows it.</summary>
    public static ExpressionSyntax QualifiedType(string fullName) =>
        SyntaxFactory.ParseExpression(fullName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>BlitzRuntime.Default.<paramref name="method"/>(<paramref name="arguments"/>)</c>, the runtime's type name simplified where a using allows.</summary>
    public static InvocationExpressionSyntax DefaultRuntimeCall(string method, params ArgumentSyntax[] arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType("Blitz.BlitzRuntime"), SyntaxFactory.IdentifierName("Default")),
                SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));

    /// <summary><paramref name="arguments"/> with <paramref name="token"/> appended when there is one.</summary>
    public static ArgumentListSyntax WithToken(ArgumentListSyntax arguments, string? token) =>
        token is null ? arguments : arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));

    /// <summary>The expression the diagnostic span covers (the innermost expression whose span equals it).</summary>
    public static ExpressionSyntax? ExpressionAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<ExpressionSyntax>(e => e.Span == span)
        ?? root.FindNode(span) as ExpressionSyntax;

    /// <summary>
    /// The same call under another name (<c>reader.ReadLine()</c> to <c>reader.ReadLineAsync(token)</c>), keeping the
    /// receiver and type arguments; null when the call's shape is not one it knows.
    /// </summary>
    public static InvocationExpressionSyntax? Renamed(InvocationExpressionSyntax invocation, string name, string? token)
    {
        var arguments = WithToken(invocation.ArgumentList, token);
        switch (invocation.Expression)
        {
            case MemberAccessExpressionSyntax access:
                return invocation.WithExpression(access.WithName(Rename(access.Name, name))).WithArgumentList(arguments);
            case SimpleNameSyntax simple:
                return invocation.WithExpression(Rename(simple, name)).WithArgumentList(arguments);
            default:
                return null;
        }
    }

    /// <summary>
    /// True when <c>await</c> may be written at <paramref name="node"/>: its innermost method, accessor, lambda or local
    /// function is async, or it is a top-level statement. A method that returns a task without being async gets no
    /// await fix: making it async changes when its exceptions surface.
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case GlobalStatementSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Awaiting inside <c>a?.B()</c> would await null; such calls get no fix.</summary>
    public static bool IsInConditionalAccess(SyntaxNode node) => node.Parent is MemberBindingExpressionSyntax || node.Ancestors().TakeWhile(a => a is ExpressionSyntax).OfType<ConditionalAccessExpressionSyntax>().Any(c => c.WhenNotNull.Span.Contains(node.Span));

    private static SimpleNameSyntax Rename(SimpleNameSyntax simple, string name) =>
        simple is GenericNameSyntax generic
            ? generic.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(generic.Identifier))
            : SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(name).WithTriviaFrom(simple.Identifier));
}
