using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The async twin of a sync member declared in source: <c>Connect</c> → <c>ConnectAsync</c>, a getter
/// <c>IsConnected</c> → <c>IsConnectedAsync</c>/<c>GetIsConnectedAsync</c>, <c>Dispose</c> → <c>DisposeAsync</c>;
/// task-returning, same parameters optionally followed by a CancellationToken. Never the caller itself: suggesting
/// <c>await ReadAsync()</c> inside <c>ReadAsync</c> would be endless recursion.
/// </summary>
internal static class AsyncTwins
{
    public static IMethodSymbol? Find(IMethodSymbol method, ISymbol caller, BlitzSymbols symbols)
    {
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.Constructor)
        {
            return null;
        }

        var isGetter = method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is not null;
        var baseName = isGetter ? method.AssociatedSymbol!.Name : method.Name;
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var name in isGetter ? new[] { baseName + "Async", "Get" + baseName + "Async" } : new[] { baseName + "Async" })
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol candidate && candidate.IsStatic == method.IsStatic && symbols.IsTaskLike(candidate.ReturnType)
                        && TakesSameParameters(method, candidate, symbols)
                        && !IsCallerOrOverriddenByIt(candidate, caller))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Both twins called on purpose: the statement right before or right after the sync call awaits its async twin on
    /// the same receiver (an event raised to a handler's sync and async members alike: <c>handler.Handle(e); await
    /// handler.HandleAsync(e);</c>, or a module's two hooks run in turn: <c>await module.BeforeExecuteAsync(c);
    /// module.BeforeExecute(c);</c>). The sync member is a callback here, and the advice is already followed.
    /// </summary>
    public static bool IsBesideAwaitedTwin(IInvocationOperation invocation, string counterpartName)
    {
        if (invocation.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block
            || OperationHelpers.ReferencedSymbol(invocation.Instance) is not { } receiver)
        {
            return false;
        }

        // After the awaited twin, only a callback: a member of an interface or one declared in source (a hook a user
        // overrides); a framework member run again after its twin (a stream copied twice) is no pair.
        var at = block.Operations.IndexOf(statement);
        var isCallback = invocation.TargetMethod.ContainingType.TypeKind == TypeKind.Interface || !invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty;
        return AwaitsTwin(at + 1) || (isCallback && AwaitsTwin(at - 1));

        bool AwaitsTwin(int index) =>
            index >= 0 && index < block.Operations.Length
            && block.Operations[index] is IExpressionStatementOperation { Operation: IAwaitOperation awaited }
            && OperationHelpers.AwaitedTask(awaited.Operation) is IInvocationOperation twin && twin.TargetMethod.Name == counterpartName
            && SymbolEqualityComparer.Default.Equals(receiver, OperationHelpers.ReferencedSymbol(twin.Instance));
    }

    /// <summary>
    /// True when the async counterpart of a sync call on <c>this</c> would be the calling method itself (inside an
    /// override of <c>ReadAsync</c>, <c>Read(...)</c> on this stream maps to <c>ReadAsync</c>; inside a static
    /// <c>LoadAsync</c> that wraps the static <c>Load</c> of its own type in <c>Task.FromResult</c>): suggesting it, let
    /// alone rewriting to it, would be endless recursion.
    /// </summary>
    public static bool WouldRecurse(IInvocationOperation invocation, string counterpartName, ISymbol caller) =>
        caller is IMethodSymbol { Name: var name } && name == counterpartName
        && (invocation.TargetMethod.IsStatic
            ? SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType.OriginalDefinition, caller.ContainingType?.OriginalDefinition)
            : invocation.Instance is null
                || invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                    && invocation.Instance.Syntax is not BaseExpressionSyntax);

    /// <summary>
    /// The caller, a method it overrides, or an overload of the caller's name in the caller's own type hierarchy
    /// (<c>Stream.ReadAsync(byte[], int, int)</c> forwards to the overload the caller overrides): any of them may run
    /// the caller again.
    /// </summary>
    private static bool IsCallerOrOverriddenByIt(IMethodSymbol candidate, ISymbol caller)
    {
        if (caller is IMethodSymbol { ContainingType: { } callerType } && candidate.Name == caller.Name
            && BlitzSymbols.InheritsFrom(callerType, candidate.ContainingType.OriginalDefinition))
        {
            return true;
        }

        for (var current = caller as IMethodSymbol; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TakesSameParameters(IMethodSymbol method, IMethodSymbol candidate, BlitzSymbols symbols)
    {
        var count = method.Parameters.Length;
        return BlitzSymbols.SameLeadingParameters(method, candidate)
            && (candidate.Parameters.Length == count
                || (candidate.Parameters.Length == count + 1 && BlitzSymbols.Is(candidate.Parameters[count].Type, symbols.CancellationToken)));
    }
}
