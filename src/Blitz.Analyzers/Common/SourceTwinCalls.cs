using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A call to a sync member declared in source that has an async twin (<see cref="SyncTwins"/>): one diagnostic per
/// call. When the member's body blocks (its <see cref="BlockingSummary"/>), BLZ111 reports it with the chain down to
/// the blocking call; otherwise (an interface member, a body the summary sees nothing in) BLZ102 reports it, since the
/// type's own twin is the advice either way.
/// </summary>
internal static class SourceTwinCalls
{
    /// <summary>True when <paramref name="operation"/> calls a sync member declared in this compilation that has an async twin.</summary>
    public static bool IsOne(IOperation operation, Compilation compilation, BlitzSymbols symbols) =>
        operation is IInvocationOperation { TargetMethod: var method }
        && BlockingSummaries.IsDeclaredInSource(method, compilation) && symbols.TryGetSyncIoCounterpart(method, out _);

    /// <summary>True when the call is <see cref="IsOne"/> and the member's body blocks: BLZ111's to report.</summary>
    public static bool BodyBlocks(IInvocationOperation invocation, OperationAnalysisContext context, BlitzSymbols symbols) =>
        IsOne(invocation, context.Compilation, symbols)
        && BlockingSummaries.For(context.Compilation, symbols, context.Options, invocation.Syntax.SyntaxTree) is { } summaries
        && !summaries.Settle(invocation.TargetMethod, invocation.SemanticModel, context.CancellationToken).IsNone;
}
