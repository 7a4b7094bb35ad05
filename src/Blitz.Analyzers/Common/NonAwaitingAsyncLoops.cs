using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A forever loop (<see cref="ForeverLoops.IsForeverLoop"/>: endless, no exit but cancellation, no await) in an async
/// method or async local function: it never gives its thread back, so the method holds its caller's thread (or, after
/// an earlier await, a ThreadPool thread) for as long as it lives: a lifetime loop, bucket 4. BLZ106 reports it when
/// it blocks through a helper (<c>while (!stop.IsCancellationRequested) consumer.PullOne();</c> in a hosted service's
/// <c>ExecuteAsync</c>), and BLZ111 leaves the helper call to it, so the loop gets one diagnostic with one advice.
/// </summary>
internal static class NonAwaitingAsyncLoops
{
    /// <summary>The outermost forever loop around <paramref name="operation"/> in its own function when that function is async, or null.</summary>
    /// <remarks>
    /// The walk up reads only the loops' conditions; the loops' bodies are read (for exits and awaits) only when the
    /// function is async and a condition never ends its loop.
    /// </remarks>
    [MethodImpl(Jit.Optimized)]
    public static ILoopOperation? Around(IOperation operation, ISymbol containingSymbol)
    {
        ILoopOperation? outermost = null, inner = null; // the endless-condition candidates: rarely more than one
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                    // A lambda's loop is judged where the lambda is started (BLZ106, BLZ112).
                    return null;
                case ILocalFunctionOperation local:
                    return local.Symbol.IsAsync ? Forever(outermost, inner) : null;
                case ILoopOperation loop when ForeverLoops.HasEndlessCondition(loop.Syntax):
                    inner ??= outermost;
                    outermost = loop;
                    break;
            }
        }

        return containingSymbol is IMethodSymbol { IsAsync: true } ? Forever(outermost, inner) : null;
    }

    [MethodImpl(Jit.Optimized)]
    private static ILoopOperation? Forever(ILoopOperation? outermost, ILoopOperation? inner) =>
        outermost is not null && ForeverLoops.IsForeverLoop(outermost.Syntax) ? outermost
        : inner is not null && ForeverLoops.IsForeverLoop(inner.Syntax) ? inner
        : null;
}
