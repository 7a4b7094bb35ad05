using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Sync teardown on the failure path: <c>socket.Disconnect(false)</c>, <c>Close()</c>, <c>Shutdown</c> or
/// <c>Dispose()</c> in a catch clause, before the exception goes on. The connection is being abandoned, the call
/// returns without waiting for the peer as a rule, and an async twin there only delays the rethrow: not reported,
/// neither in place (BLZ102) nor one call away (a helper that tears down, called from a catch clause, or a teardown in
/// a helper's own catch clause, BLZ111). Teardown on the success path, in <c>finally</c>, and any other blocking work
/// in a catch clause (reading, writing, sleeping) stays reported.
/// </summary>
internal static class FailurePathTeardown
{
    /// <summary>A sync teardown member: a method named Close, Disconnect, Shutdown or Dispose.</summary>
    public static bool IsTeardown(ISymbol? member) =>
        member is IMethodSymbol { Name: "Close" or "Disconnect" or "Shutdown" or "Dispose" };

    /// <summary>Sync I/O that tears something down (<see cref="IsTeardown(ISymbol?)"/>).</summary>
    public static bool IsTeardown(BlockingWork work) => work.Kind == BlockingKind.SyncIo && IsTeardown(work.Api);

    /// <summary>A teardown call made in a catch clause's handler (<see cref="IsInCatchClause"/>).</summary>
    public static bool IsFailurePathTeardown(IInvocationOperation invocation) =>
        IsTeardown(invocation.TargetMethod) && IsInCatchClause(invocation);

    /// <summary>
    /// Whether <paramref name="operation"/> runs in the handler of a catch clause of its own function: a lambda or
    /// local function declared there runs whenever it is called, so it is not on the failure path.
    /// </summary>
    public static bool IsInCatchClause(IOperation operation)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ICatchClauseOperation clause:
                    return clause.Handler == child;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }
}
