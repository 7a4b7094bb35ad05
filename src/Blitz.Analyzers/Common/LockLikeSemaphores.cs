using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A <c>SemaphoreSlim</c> used as a lock in a sync method: <c>_gate.Wait(); try { ... } finally { _gate.Release(); }</c>
/// (or the wait as the first statement of the try) around a region that does no blocking work itself. Like a
/// <c>lock</c> statement, which Blitz does not report one call away, it holds the caller only while another thread
/// runs a short region. BLZ111's summaries leave it out; a direct <c>Wait</c> in async code stays BLZ103, since
/// <c>WaitAsync</c> is at hand there.
/// </summary>
internal static class LockLikeSemaphores
{
    /// <summary>Whether <paramref name="operation"/> is a <c>SemaphoreSlim.Wait</c> that acquires a lock-like region.</summary>
    public static bool IsLockAcquisition(IOperation operation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (operation is not IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance } wait
            || !BlitzSymbols.Is(wait.TargetMethod.ContainingType, symbols.SemaphoreSlim)
            || OperationHelpers.ReferencedSymbol(instance) is not { } semaphore
            || wait.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block } statement)
        {
            return false;
        }

        var index = block.Operations.IndexOf(statement);
        var region = index + 1 < block.Operations.Length && block.Operations[index + 1] is ITryOperation following ? following
            : index == 0 && block.Parent is ITryOperation enclosing && enclosing.Body == block ? enclosing
            : null;
        return region?.Finally is { } release && Releases(release, semaphore) && !Blocks(region.Body, wait, symbols, cancellationToken);
    }

    private static bool Releases(IOperation block, ISymbol semaphore)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(block))
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Release" } release
                && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(release.Instance), semaphore))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The region (apart from <paramref name="wait"/>) waits, sleeps or does sync I/O: then a holder may keep others waiting for long.</summary>
    private static bool Blocks(IOperation region, IOperation wait, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(region))
        {
            if (operation != wait && operation is IInvocationOperation or IPropertyReferenceOperation or IObjectCreationOperation
                && BlockingCalls.Classify(operation, symbols, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
