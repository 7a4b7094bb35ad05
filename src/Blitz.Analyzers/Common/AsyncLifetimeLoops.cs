using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The blocking lifetime loop of a source async method, the one BLZ106 reports inside that method
/// (<see cref="LifetimeLoops.OfAsyncMethod"/>), seen from a start that sends a call of the method to the pool:
/// <c>Task.Run(async () =&gt; await reader.ReadAllAsync(ct))</c> hands the loop a pool thread every time it blocks, for
/// the life of the host (BLZ112 reports the start). Blocking summaries skip async methods (an async method does not block
/// its caller), so this is the one look into an async callee, and only a pool start asks for it.
/// </summary>
internal static class AsyncLifetimeLoops
{
    // Per compilation and method: a callee started from several places (and asked again by BLZ107) is read once.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, Found?>> PerCompilation = new();

    private sealed class Found(BlockingFinding finding, bool awaitsBeforeBlocking)
    {
        public BlockingFinding Finding { get; } = finding;

        public bool AwaitsBeforeBlocking { get; } = awaitsBeforeBlocking;
    }

    /// <summary>
    /// The lifetime loop of <paramref name="method"/> as a finding (<c>ReadAllAsync → while (…) blocking on
    /// IConsumer.Consume</c>), and whether the method reaches the pool in it even when started on a thread of its own (it
    /// awaits in the loop or before it); null when the method is not an async source method with such a loop.
    /// </summary>
    public static (BlockingFinding Finding, bool AwaitsBeforeBlocking)? Of(IMethodSymbol method, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (!method.IsAsync || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null; // metadata methods and sync ones: no lookup at all
        }

        var known = PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<ISymbol, Found?>(ReferenceComparer.Instance));
        if (!known.TryGetValue(method, out var found))
        {
            found = Compute(method, compilation, symbols, cancellationToken);
            known.TryAdd(method, found);
        }

        return found is null ? null : (found.Finding, found.AwaitsBeforeBlocking);
    }

    private static Found? Compute(IMethodSymbol method, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (!method.IsAsync || method.DeclaringSyntaxReferences.Length != 1 || !BlockingSummaries.IsDeclaredInSource(method, compilation)
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not { } declaration
            || !compilation.ContainsSyntaxTree(declaration.SyntaxTree)
            || SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return null;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            if (operation is IInvocationOperation wait && symbols.IsLifetimeLoopWait(wait.TargetMethod)
                && LifetimeLoops.OfAsyncMethod(wait, method, symbols) is { Syntax: StatementSyntax loopSyntax } loop && LifetimeLoops.FirstWait(loop, symbols) == wait)
            {
                var described = LifetimeLoops.DescribeLoop(loop, wait);
                var finding = new BlockingFinding(ImmutableArray.Create(BlockingSummaries.ChainName(method), described),
                    new BlockingWork(null, described, LifetimeLoops.What, BlockingKind.ForeverLoop));
                return new Found(finding, ForeverLoops.Awaits(loopSyntax) || ForeverLoops.AwaitsBefore(declaration, loopSyntax));
            }
        }

        return null;
    }
}
