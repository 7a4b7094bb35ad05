using System.Linq;
using System.Threading;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
    /// The loop that <paramref name="call"/> makes never yield, when <paramref name="call"/> is the first call of it: an
    /// endless loop of an async method (or async local function) that calls nothing but methods returning only complete
    /// tasks (<see cref="ReturnsOnlyCompleteTasks"/>), each awaited in place. A loop that calls anything else may block,
    /// and is left to the rule of that call. BLZ106's call filter admits only such methods, so this runs rarely.
    /// </summary>
    public static ILoopOperation? Around(IInvocationOperation call, ISymbol containingSymbol, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (call.Parent is not IAwaitOperation || OperationHelpers.InnermostLoopInSameFunction(call) is not { } loop || loop is not (IWhileLoopOperation or IForLoopOperation) || !ForeverLoops.IsEndless(loop.Syntax) || HasAsyncForeachOrUsing((StatementSyntax)loop.Syntax))
        {
            return null;
        }

        if (!AsyncContext.IsInAsyncMethodBody(call, containingSymbol))
        {
            return null;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop))
        {
            if (operation is IInvocationOperation other
                && (other.Parent is not IAwaitOperation || other.Syntax.SpanStart < call.Syntax.SpanStart
                    || !ReturnsOnlyCompleteTasks(other.TargetMethod.OriginalDefinition, symbols, cancellationToken)))
            {
                return null;
            }
        }

        return loop;
    }

    private static bool HasAsyncForeachOrUsing(StatementSyntax loop) =>
        loop.DescendantNodes().Any(n => n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
            or UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
            or LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword });

    /// <summary>
    /// A sync, non-virtual method declared in source, returning a task, that does some work and returns a complete task
    /// from every return. BLZ106's call filter (asked once per method).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool ReturnsOnlyCompleteTasks(IMethodSymbol method, BlitzSymbols symbols, CancellationToken cancellationToken)
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
        ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "ValueTask" } or IdentifierNameSyntax { Identifier.ValueText: "ValueTask" } } creation =>
            IsValueArgument(creation.ArgumentList),
        ParenthesizedExpressionSyntax parenthesized => IsCompleteTask(parenthesized.Expression),
        _ => false,
    };

    /// <summary>
    /// <c>new ValueTask&lt;T&gt;(value)</c> is finished; <c>new ValueTask&lt;T&gt;(task)</c> (or over an
    /// <c>IValueTaskSource</c>) is only as finished as what it wraps. Read from the syntax: a value written in place
    /// (a literal, a tuple, a new object, a default, no argument) is finished; anything that may be a task is not.
    /// </summary>
    private static bool IsValueArgument(ArgumentListSyntax? arguments) =>
        arguments is null || arguments.Arguments.Count == 0
        || (arguments.Arguments.Count == 1 && arguments.Arguments[0].Expression is LiteralExpressionSyntax or TupleExpressionSyntax
            or DefaultExpressionSyntax or ObjectCreationExpressionSyntax { Type: not (IdentifierNameSyntax { Identifier.ValueText: "Task" } or GenericNameSyntax { Identifier.ValueText: "Task" }) });
}
