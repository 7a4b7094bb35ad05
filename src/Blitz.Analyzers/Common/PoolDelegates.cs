using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Sync delegates that async code sends to the ThreadPool (<c>Task.Run(() => ...)</c>, <c>StartNew</c> without
/// LongRunning), and the one shape among them whose remedy is not the blocking pool: a delegate that is nothing but a
/// sync call with an async twin, <c>Task.Run(() => db.SaveChanges())</c>, a fake async version of a method that has a
/// real one.
/// </summary>
internal static class PoolDelegates
{
    /// <summary>
    /// <paramref name="operation"/> runs in a sync lambda handed to a ThreadPool starter (Task.Run, StartNew without
    /// LongRunning, QueueUserWorkItem) by async code.
    /// </summary>
    public static bool IsInPoolDelegateOfAsyncCode(IOperation operation, ISymbol containingSymbol, BlitzSymbols symbols) =>
        AsyncContext.EnclosingFunction(operation) is IAnonymousFunctionOperation { Symbol.IsAsync: false } work
        && AsyncContext.FindOffloadStarter(work, symbols, out var destination) is IInvocationOperation starter
        && destination == OffloadDestination.ThreadPool
        && !AsyncContext.AsksForLongRunning(starter, symbols)
        && AsyncContext.IsAsyncCodeOnThePool(starter, containingSymbol, symbols);

    /// <summary>The call a lambda's body consists of (<c>() => db.SaveChanges()</c>, <c>() => { return x.Read(); }</c>), or null.</summary>
    public static IInvocationOperation? SoleCall(IAnonymousFunctionOperation work) => SoleValue(work) as IInvocationOperation;

    /// <summary>
    /// The one expression a lambda's body consists of, without conversions: an expression body, a single
    /// <c>return x;</c> or a single expression statement (labels and the implicit return an async block may add do
    /// not count), or null.
    /// </summary>
    public static IOperation? SoleValue(IAnonymousFunctionOperation work) => SoleValue(work.Body);

    /// <summary>The one expression a lambda's or local function's body consists of (see the overload above), or null.</summary>
    public static IOperation? SoleValue(IBlockOperation body)
    {
        IOperation? only = null;
        foreach (var statement in body.Operations)
        {
            if (statement is ILabeledOperation or IReturnOperation { ReturnedValue: null, IsImplicit: true })
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = statement;
        }

        var value = only switch
        {
            IReturnOperation { ReturnedValue: { } returned } => returned,
            IExpressionStatementOperation statement => statement.Operation,
            _ => null,
        };
        return value is null ? null : OperationHelpers.WithoutConversions(value);
    }

    /// <summary>
    /// <paramref name="call"/> is the whole of a pool delegate of async code, and sync I/O whose async twin async code
    /// can await in its place (BLZ102 names it; BLZ109 leaves it). Not a call inside the twin itself (the advice would
    /// recurse), nor one on an in-memory target.
    /// </summary>
    public static bool IsFakeAsyncTwin(IInvocationOperation call, ISymbol containingSymbol, BlitzSymbols symbols, CancellationToken cancellationToken, out SyncIoCounterpart counterpart)
    {
        counterpart = default;
        return AsyncContext.EnclosingFunction(call) is IAnonymousFunctionOperation { Symbol.IsAsync: false } work
            && SoleCall(work) == call
            && symbols.TryGetSyncIoCounterpart(call.TargetMethod, out counterpart)
            && IsInPoolDelegateOfAsyncCode(call, containingSymbol, symbols)
            && !BlockingCalls.IsCompressionStreamCall(call, symbols)
            && !BlockingCalls.HasNonBlockingTarget(call, symbols, cancellationToken)
            && !AsyncTwins.WouldRecurse(call, counterpart.Name, containingSymbol);
    }
}
