using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ102: synchronous I/O in async context when an async counterpart with equivalent parameters exists (from
/// <see cref="KnownApis.SyncIo"/>). In-memory streams, string readers/writers and the console writers are exempt.
/// </summary>
internal sealed class BLZ102SyncIoAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SyncIo);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => member is IMethodSymbol method && (resolved.TryGetSyncIoCounterpart(method, out _) || SyncQueries.MayExecute(method)), Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (SyncQueries.AsyncTwinName(invocation) is { } queryTwin)
        {
            // The provider's twin is an extension method of its own package: no fix, the advice names it.
            if (AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncIo, invocation.Syntax.GetLocation(),
                    "IQueryable." + method.Name, queryTwin));
            }

            return;
        }

        if (!symbols.TryGetSyncIoCounterpart(method, out var counterpart)
            || BlockingCalls.IsCompressionStreamCall(invocation, symbols)
            || BlockingCalls.HasNonBlockingTarget(invocation, symbols, context.CancellationToken)
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols)
            || AsyncTwins.WouldRecurse(invocation, counterpart.Name, context.ContainingSymbol) // BLZ111 looks into this type's own override
            || SourceTwinCalls.BodyBlocks(invocation, context, symbols)) // BLZ111 reports it, with the chain down to the blocking call
        {
            return;
        }

        // The fix appends the token positionally, so only when every parameter was given explicitly and in order.
        var token = counterpart.AcceptsCancellationToken && invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.Explicit)
            && !invocation.Arguments.Any(a => a.Syntax is ArgumentSyntax { NameColon: not null })
            ? AsyncContext.CancellationTokenInScope(invocation, context.ContainingSymbol, symbols)
            : null;
        // A counterpart that must be given a token, with none at hand, gets no fix: the rewritten call would not compile.
        // Nor does an async sequence: the loop that enumerates it becomes 'await foreach', not the call an 'await'.
        var properties = DiagnosticProperties.WithToken(token);
        if (counterpart.CanBeCalledWith(token) && !counterpart.IsSequence)
        {
            properties = properties.Add(DiagnosticProperties.Replacement, counterpart.Name);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncIo, invocation.Syntax.GetLocation(), properties,
            method.ContainingType.Name + "." + method.Name, counterpart.IsSequence ? "foreach over " + counterpart.Name : counterpart.Name));
    }
}
