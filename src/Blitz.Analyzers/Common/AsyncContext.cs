using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Where code runs, decided precisely: "async context" is the body of an async method, async lambda or async local
/// function, or of a method that returns a task without being async. A sync lambda or local function nested in one is not (it may run anywhere, e.g. inside a LINQ query
/// after the awaits), nor is a delegate handed to Task.Run, SpawnBlocking or a thread: it runs on another thread.
/// </summary>
internal static class AsyncContext
{
    /// <summary>True when <paramref name="operation"/> runs in async context.</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsAsyncContext(IOperation operation, ISymbol containingSymbol, BlitzSymbols symbols)
    {
        var function = EnclosingFunction(operation);
        var isAsync = function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync && FindOffloadStarter(lambda, symbols, out _) is null,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => containingSymbol is IMethodSymbol method && IsAsyncMethod(method, symbols),
        };
        // A sync path the caller chose, or a debugger-only aid, is not work misplaced in async code.
        return isAsync && !CallerChosenSyncPath.Contains(operation) && !DebugOnlyPaths.Contains(operation);
    }

    /// <summary>
    /// True when <paramref name="operation"/> is in the body of an async method or async local function itself, not in
    /// a lambda: code whose loops the loop rules judge where they stand (a lambda's, where it is started).
    /// </summary>
    public static bool IsInAsyncMethodBody(IOperation operation, ISymbol containingSymbol) => EnclosingFunction(operation) switch
    {
        null => containingSymbol is IMethodSymbol { IsAsync: true },
        ILocalFunctionOperation local => local.Symbol.IsAsync,
        _ => false,
    };

    /// <summary>The innermost lambda or local function containing <paramref name="operation"/>, or null for the member's own body.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The body that contains <paramref name="operation"/>: the enclosing lambda, local function, or the member's root.</summary>
    public static IOperation EnclosingBody(IOperation operation)
    {
        var function = EnclosingFunction(operation);
        if (function is not null)
        {
            return function;
        }

        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    /// <summary>
    /// When <paramref name="delegateOperation"/> (a lambda or method group) is an argument of a call that runs it
    /// elsewhere (Task.Run, StartNew, SpawnBlocking, new Thread...), returns that call.
    /// </summary>
    public static IOperation? FindOffloadStarter(IOperation delegateOperation, BlitzSymbols symbols, out OffloadDestination destination)
    {
        destination = default;
        var current = delegateOperation.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current is not IArgumentOperation argument)
        {
            return null;
        }

        switch (argument.Parent)
        {
            case IInvocationOperation invocation when symbols.TryGetOffloadStarter(invocation.TargetMethod, out destination):
                return invocation;
            case IObjectCreationOperation { Constructor: { } constructor } creation when symbols.TryGetOffloadStarter(constructor, out destination):
                return creation;
            default:
                return null;
        }
    }

    /// <summary>
    /// True when a pool starter is asked for <c>TaskCreationOptions.LongRunning</c>: <c>StartNew</c> then runs the
    /// delegate on a thread of its own, not on a pool thread.
    /// </summary>
    public static bool AsksForLongRunning(IInvocationOperation starter, BlitzSymbols symbols) => AsksForLongRunning(starter.Arguments, symbols);

    /// <summary>True when one of <paramref name="arguments"/> is a constant <c>TaskCreationOptions</c> with <c>LongRunning</c> (a starter's, or <c>new Task(...)</c>'s).</summary>
    public static bool AsksForLongRunning(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols)
    {
        const int LongRunning = 2;
        foreach (var argument in arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: int options } && (options & LongRunning) != 0
                && BlitzSymbols.Is(argument.Value.Type, symbols.TaskCreationOptions))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of a CancellationToken parameter visible at <paramref name="operation"/>, innermost first, or null.</summary>
    public static string? CancellationTokenInScope(IOperation operation, ISymbol containingSymbol, BlitzSymbols symbols)
    {
        if (symbols.CancellationToken is null)
        {
            return null;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };
            var name = function is null ? null : TokenParameter(function, symbols);
            if (name is not null)
            {
                return name;
            }
        }

        return containingSymbol is IMethodSymbol method ? TokenParameter(method, symbols) : null;
    }

    private static string? TokenParameter(IMethodSymbol method, BlitzSymbols symbols)
    {
        foreach (var parameter in method.Parameters)
        {
            if (BlitzSymbols.Is(parameter.Type, symbols.CancellationToken) && !parameter.IsDiscard)
            {
                return parameter.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// Async context, or the body of an async lambda handed to a ThreadPool starter (<c>Task.Run(async () => ...)</c>):
    /// that body is async code on the pool too, and a blocking wait in it holds a pool thread just the same.
    /// </summary>
    public static bool IsAsyncCodeOnThePool(IOperation operation, ISymbol containingSymbol, BlitzSymbols symbols) =>
        IsAsyncContext(operation, containingSymbol, symbols)
        || (EnclosingFunction(operation) is IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda
            && FindOffloadStarter(lambda, symbols, out var destination) is not null && destination == OffloadDestination.ThreadPool);

    /// <summary>
    /// An async method; a method that returns a task without being async (callers await it, and its whole body runs
    /// on the caller's thread before the task is handed back, like an async method's code before its first await); or
    /// top-level statements that await (their entry point returns a task).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsAsyncMethod(IMethodSymbol method, BlitzSymbols symbols) =>
        method.IsAsync
        || ((method.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation
                || method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            && symbols.IsTaskLike(method.ReturnType));
}
