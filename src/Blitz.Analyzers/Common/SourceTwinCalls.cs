using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A call to a sync member declared in source that has an async twin (<see cref="SyncTwins"/>): one diagnostic per
/// call. When the member's body blocks (its <see cref="BlockingSummary"/>), BLZ111 reports it with the chain down to
/// the blocking call; when its body (an abstract member's: its overrides beside its type) does real work and blocks
/// nowhere, nobody does; otherwise (an interface member, a stub's body) BLZ102 reports it by the twin's name, the type's
/// own twin being the advice.
/// </summary>
internal static class SourceTwinCalls
{
    /// <summary>True when <paramref name="operation"/> calls a sync member declared in this compilation that has an async twin.</summary>
    public static bool IsOne(IOperation operation, Compilation compilation, BlitzSymbols symbols) =>
        operation is IInvocationOperation { TargetMethod: var method }
        && BlockingSummaries.IsDeclaredInSource(method, compilation) && symbols.TryGetSyncIoCounterpart(method, out _);

    /// <summary>
    /// True when the call is <see cref="IsOne"/> and the member's body decides: it blocks (BLZ111's to report, with the
    /// chain), or it is in view and does real work without blocking (a sync member that runs a delegate beside its
    /// async twin: nothing to report). A stub's body or none at all leaves the call to BLZ102, by the twin's name.
    /// </summary>
    public static bool BodyDecides(IInvocationOperation invocation, OperationAnalysisContext context, BlitzSymbols symbols) =>
        SummariesOf(invocation, context, symbols) is { } summaries
        && (summaries.ReadsBodyInstead(invocation.TargetMethod, context.CancellationToken)
            || !summaries.Settle(invocation.TargetMethod, invocation.SemanticModel, context.CancellationToken).IsNone);

    /// <summary>
    /// True when the call is <see cref="IsOne"/> and the member's body (or every override's, for an abstract member) is
    /// in view, does real work and blocks nowhere: a sync member over a delegate, not I/O, wherever it is called.
    /// </summary>
    public static bool BodyDoesNotBlock(IInvocationOperation invocation, OperationAnalysisContext context, BlitzSymbols symbols) =>
        SummariesOf(invocation, context, symbols) is { } summaries
        && summaries.ReadsBodyInstead(invocation.TargetMethod, context.CancellationToken)
        && summaries.Settle(invocation.TargetMethod, invocation.SemanticModel, context.CancellationToken).IsNone;

    /// <summary>The summaries that read the member's body, when the call is <see cref="IsOne"/>; else null.</summary>
    private static BlockingSummaries? SummariesOf(IInvocationOperation invocation, OperationAnalysisContext context, BlitzSymbols symbols) =>
        IsOne(invocation, context.Compilation, symbols)
            ? BlockingSummaries.For(context.Compilation, symbols, context.Options, invocation.Syntax.SyntaxTree)
            : null;
}
