using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ113: offloaded bodies that leave the pool thread with nothing to do. Either the body does no work at all
/// (<c>Task.Run(() => { })</c>, or a call to an empty private method), or it only starts a private async void method
/// whose first statement yields at once (<c>await Task.Delay(10)</c> or <c>await Task.Yield()</c>), so the pool thread
/// returns before that method's work begins. Helpers are read two calls deep at most, like <see cref="CheapWork"/>'s.
/// </summary>
internal static class IdleOffloads
{
    private const int HelperDepth = 2;

    /// <summary>True when running <paramref name="body"/> does nothing: empty blocks and calls of empty private methods.</summary>
    public static bool DoesNothing(IOperation body, Compilation compilation, CancellationToken cancellationToken) =>
        DoesNothing(body, compilation, depth: 0, cancellationToken);

    /// <summary>
    /// True when <paramref name="body"/> only calls a private async void method of its own type, with plain values,
    /// whose first statement awaits <c>Task.Yield()</c> or a <c>Task.Delay</c> of a positive constant: it returns to
    /// the pool thread at that await, before any of its work runs.
    /// </summary>
    public static bool OnlyStartsAsyncVoid(IBlockOperation body, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var statements = body.Operations.Where(o => o is not IReturnOperation { IsImplicit: true, ReturnedValue: null }).ToList();
        if (statements.Count != 1 || statements[0] is not IExpressionStatementOperation { Operation: IInvocationOperation call }
            || !IsOwnPlainCall(call)
            || call.TargetMethod is not { IsAsync: true, ReturnsVoid: true }
            || BodyOf(call.TargetMethod, compilation, cancellationToken) is not { } started)
        {
            return false;
        }

        var block = started is IMethodBodyOperation method ? method.BlockBody ?? method.ExpressionBody : null;
        var first = block?.Operations.FirstOrDefault();
        return first is IExpressionStatementOperation { Operation: IAwaitOperation awaited } && YieldsAtOnce(awaited.Operation, symbols);
    }

    private static bool DoesNothing(IOperation body, Compilation compilation, int depth, CancellationToken cancellationToken)
    {
        foreach (var operation in body.ChildOperations)
        {
            var empty = operation switch
            {
                IBlockOperation block => DoesNothing(block, compilation, depth, cancellationToken),
                IReturnOperation { ReturnedValue: null } or IEmptyOperation => true,
                IExpressionStatementOperation { Operation: IInvocationOperation call } => depth < HelperDepth && IsOwnPlainCall(call)
                    && !call.TargetMethod.IsAsync
                    && BodyOf(call.TargetMethod, compilation, cancellationToken) is { } helper
                    && DoesNothing(helper, compilation, depth + 1, cancellationToken),
                _ => false,
            };
            if (!empty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A call on this instance (or a static one) of a private method declared once in source, whose arguments are
    /// plain values that run no code of their own when evaluated.
    /// </summary>
    private static bool IsOwnPlainCall(IInvocationOperation call) =>
        call.Instance is null or IInstanceReferenceOperation
        && call.TargetMethod is { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary, IsExtern: false, DeclaringSyntaxReferences.Length: 1 }
        && call.Arguments.All(argument => OperationHelpers.WithoutConversions(argument.Value)
            is ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation });

    private static IOperation? BodyOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        var declaration = method.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        return declaration is MethodDeclarationSyntax { } source && (source.Body is not null || source.ExpressionBody is not null)
            ? SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken)
            : null;
    }

    /// <summary><c>Task.Yield()</c>, or <c>Task.Delay</c> of a positive constant (zero would complete at once and run on).</summary>
    private static bool YieldsAtOnce(IOperation awaited, BlitzSymbols symbols)
    {
        return OperationHelpers.AwaitedTask(awaited) is IInvocationOperation { TargetMethod: { IsStatic: true } target } call
            && BlitzSymbols.Is(target.ContainingType, symbols.Task)
            && target.Name switch
            {
                "Yield" => true,
                "Delay" => call.Arguments.Length == 1 && call.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int milliseconds } && milliseconds > 0,
                _ => false,
            };
    }
}
