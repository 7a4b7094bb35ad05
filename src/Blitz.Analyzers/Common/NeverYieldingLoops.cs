using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106: an endless loop of an async method that awaits, but only tasks that are already complete, so it never gives
/// its thread back: <c>while (!ct.IsCancellationRequested) await TickAsync();</c> where <c>TickAsync</c> is a sync
/// method declared in source that does its work and then returns <c>Task.CompletedTask</c>, <c>Task.FromResult(...)</c>,
/// <c>ValueTask.CompletedTask</c>, <c>default</c> or <c>new ValueTask(...)</c> from every return. A method whose whole
/// body is such a return (<c>Task SendAsync() => Task.CompletedTask;</c>) is a stand-in for I/O not written yet, not a
/// sync implementation, and does not count. An await of a complete task continues
/// inline, so the loop runs on its caller's thread forever (a hosted service's <c>ExecuteAsync</c> never lets the host
/// start).
/// </summary>
internal static class NeverYieldingLoops
{
    /// <summary>
    /// The first such loop of the async <paramref name="method"/>'s <paramref name="body"/> (outside nested functions) and
    /// the name of its complete-task callee, or null. Syntax and symbols only (no semantic model): the loop may call
    /// nothing but the methods it awaits, each named directly (<c>await TickAsync()</c>, <c>await this.TickAsync()</c>)
    /// and every method of that name in the type returning only complete tasks. A loop that calls anything else may
    /// block, and is left to the rule of that call.
    /// </summary>
    public static (StatementSyntax Loop, string Callee)? Find(IMethodSymbol method, SyntaxNode body, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is not (WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax) || !ForeverLoops.IsEndless(node))
            {
                continue;
            }

            var loop = (StatementSyntax)node;
            var calls = loop.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<InvocationExpressionSyntax>().ToList();
            if (calls.Count == 0 || HasAsyncForeachOrUsing(loop))
            {
                continue;
            }

            string? callee = null;
            foreach (var call in calls)
            {
                var name = call.Parent is AwaitExpressionSyntax ? CalleeName(call) : null;
                if (name is null || !ReturnsOnlyCompleteTasks(method.ContainingType, name, symbols, cancellationToken))
                {
                    callee = null;
                    break;
                }

                callee ??= name;
            }

            if (callee is not null)
            {
                return (loop, callee);
            }
        }

        return null;
    }

    /// <summary>The name of a method of the same type called directly: <c>TickAsync()</c> or <c>this.TickAsync()</c>.</summary>
    private static string? CalleeName(InvocationExpressionSyntax call) => call.Expression switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } => name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax { Identifier.ValueText: var name } } => name,
        _ => null,
    };

    private static bool HasAsyncForeachOrUsing(StatementSyntax loop) =>
        loop.DescendantNodes().Any(n => n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
            or UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
            or LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword });

    /// <summary>True when every method named <paramref name="name"/> of <paramref name="type"/> is a sync method in source, returning a task, whose every returned value is a complete task.</summary>
    private static bool ReturnsOnlyCompleteTasks(INamedTypeSymbol type, string name, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var candidates = type.GetMembers(name);
        return !candidates.IsEmpty && candidates.All(m => m is IMethodSymbol method && ReturnsOnlyCompleteTasks(method, symbols, cancellationToken));
    }

    private static bool ReturnsOnlyCompleteTasks(IMethodSymbol method, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (method.IsAsync || method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern || !symbols.IsTaskLike(method.ReturnType)
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        // Work first, then a complete task: a body of statements besides its returns.
        if (declaration.Body is not { } body || body.Statements.All(s => s is ReturnStatementSyntax))
        {
            return false;
        }

        var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().ToList();
        return returns.Count > 0 && returns.All(r => r.Expression is { } value && IsCompleteTask(value));
    }

    private static bool IsCompleteTask(ExpressionSyntax value) => value switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } } => true,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier.ValueText: "FromResult" or "FromCanceled" or "FromException" }, Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } } } => true,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax => true,
        ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "ValueTask" } or IdentifierNameSyntax { Identifier.ValueText: "ValueTask" } } => true,
        ParenthesizedExpressionSyntax parenthesized => IsCompleteTask(parenthesized.Expression),
        _ => false,
    };
}
