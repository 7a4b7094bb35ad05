using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Source helpers that only hand their delegate to the ThreadPool: <c>static Task RunWrapped(Action action) =>
/// Task.Factory.StartNew(action);</c>. A call to one (<c>Helpers.RunWrapped(() => Pack(folder))</c>) starts its lambda
/// on the pool as <c>Task.Run</c> would, so BLZ109 reads that lambda as it reads <c>Task.Run</c>'s. A helper is one
/// only when its whole body returns a ThreadPool start (<see cref="BlitzSymbols.TryGetOffloadStarter(IInvocationOperation, out OffloadDestination)"/>,
/// no LongRunning) of one of its own delegate parameters, unchanged; anything else it does (a scheduler of its own, a
/// retry, a wrapper around the delegate) makes it something this does not read.
/// </summary>
internal static class PoolWrappers
{
    private const int NotAWrapper = -1;

    // Per compilation: a method definition -> the ordinal of the delegate parameter it starts on the pool, or NotAWrapper.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, int>> PerCompilation = new();

    /// <summary>
    /// The delegate that <paramref name="call"/> hands to a pool-starting source helper, or null. The cheap tests come
    /// first (a task-returning non-async method, a delegate argument, declared in source), so most calls stop there.
    /// </summary>
    public static IDelegateCreationOperation? StartedDelegate(IInvocationOperation call, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        if (method.IsAsync || method.MethodKind != MethodKind.Ordinary || !symbols.IsTaskLike(method.ReturnType) || !HasDelegateArgument(call)
            || method.OriginalDefinition.DeclaringSyntaxReferences.Length != 1 || call.SemanticModel is not { } model)
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        var known = PerCompilation.GetValue(model.Compilation, _ => new ConcurrentDictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default));
        if (!known.TryGetValue(definition, out var ordinal))
        {
            ordinal = StartedParameter(definition, model.Compilation, symbols, cancellationToken);
            known.TryAdd(definition, ordinal);
        }

        if (ordinal == NotAWrapper)
        {
            return null;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return OperationHelpers.WithoutConversions(argument.Value) as IDelegateCreationOperation;
            }
        }

        return null;
    }

    private static bool HasDelegateArgument(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ordinal of the parameter <paramref name="method"/>'s whole body starts on the ThreadPool, or <see cref="NotAWrapper"/>.</summary>
    private static int StartedParameter(IMethodSymbol method, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return NotAWrapper;
        }

        var returned = declaration switch
        {
            { ExpressionBody.Expression: { } expression } => expression,
            { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } expression } => expression,
            _ => null,
        };
        if (returned is null
            || SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(returned, cancellationToken) is not { } operation
            || OperationHelpers.WithoutConversions(operation) is not IInvocationOperation start
            || !symbols.TryGetOffloadStarter(start, out var destination) || destination != OffloadDestination.ThreadPool
            || start.TargetMethod.Name is not ("Run" or "StartNew")
            || AsyncContext.AsksForLongRunning(start, symbols))
        {
            return NotAWrapper;
        }

        foreach (var argument in start.Arguments)
        {
            if (OperationHelpers.WithoutConversions(argument.Value) is IParameterReferenceOperation { Parameter: { Type.TypeKind: TypeKind.Delegate } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
            {
                return parameter.Ordinal;
            }
        }

        return NotAWrapper;
    }
}
