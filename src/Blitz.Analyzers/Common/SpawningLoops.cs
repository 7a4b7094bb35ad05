using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A spawn storm through a forever loop: a loop that never ends but on cancellation and never awaits, which starts a
/// task on every pass that nobody waits for (<c>while (!ct.IsCancellationRequested) { Forget(HandleNextAsync()); }</c>)
/// and does nothing else that could pace it. It starts tasks as fast as its thread can spin: BLZ107 reports the start
/// (a storm first), and BLZ106 leaves the loop to it (one diagnostic, one advice). A loop that calls anything besides
/// its starts (a read, a helper that may block) is paced by it, and stays BLZ106's.
/// </summary>
internal static class SpawningLoops
{
    /// <summary>True when <paramref name="call"/> starts a task on every pass of <paramref name="loop"/>, an unpaced forever loop.</summary>
    public static bool IsUnpacedStart(IInvocationOperation call, ILoopOperation loop, BlitzSymbols symbols) =>
        IsDetachedStart(call, symbols) && loop is IWhileLoopOperation or IForLoopOperation
        && ForeverLoops.HasEndlessCondition(loop.Syntax) && ForeverLoops.IsForeverLoop(loop.Syntax) && !IsPaced(loop, symbols);

    /// <summary>True when the forever loop <paramref name="loopSyntax"/> of <paramref name="work"/> starts a task per pass and nothing paces it.</summary>
    public static bool IsStorm(IAnonymousFunctionOperation work, StatementSyntax loopSyntax, BlitzSymbols symbols)
    {
        var loop = OperationHelpers.DescendantsInSameFunction(work.Body).OfType<ILoopOperation>().FirstOrDefault(l => l.Syntax == loopSyntax);
        return loop is not null && !IsPaced(loop, symbols)
            && OperationHelpers.DescendantsInSameFunction(loop.Body).Any(o => o is IInvocationOperation call && IsDetachedStart(call, symbols) && OperationHelpers.InnermostLoopInSameFunction(call) == loop);
    }

    /// <summary>
    /// A call that returns a task nobody awaits or waits for here: not awaited, and not the receiver of a member
    /// (<c>.Wait()</c>, <c>.Result</c>, <c>.GetAwaiter()</c> block or chain on it).
    /// </summary>
    private static bool IsDetachedStart(IInvocationOperation call, BlitzSymbols symbols)
    {
        if (!symbols.IsTaskLike(call.Type) || AwaitedInPlace.Is(call))
        {
            return false;
        }

        IOperation task = call;
        while (task.Parent is IConversionOperation conversion)
        {
            task = conversion;
        }

        return task.Parent switch
        {
            IInvocationOperation { Instance: var instance } => instance != task,
            IPropertyReferenceOperation { Instance: var instance } => instance != task,
            _ => true,
        };
    }

    /// <summary>True when the loop calls anything besides its starts and the helpers it hands them to (<c>Forget(task)</c>).</summary>
    private static bool IsPaced(ILoopOperation loop, BlitzSymbols symbols)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation is IInvocationOperation call && !IsDetachedStart(call, symbols)
                && !call.Arguments.Any(a => OperationHelpers.WithoutConversions(a.Value) is IInvocationOperation started && IsDetachedStart(started, symbols)))
            {
                return true;
            }
        }

        return false;
    }
}
