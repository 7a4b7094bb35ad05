using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ102: synchronous I/O in async context or in a sync request handler when an async counterpart with equivalent
/// parameters exists (from <see cref="KnownApis.SyncIo"/>), or sent alone to the ThreadPool as a fake async version of it
/// (<see cref="PoolDelegates.IsFakeAsyncTwin"/>). In-memory streams, string readers/writers and the console writers are exempt.
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

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (SyncQueries.AsyncTwinName(invocation) is { } queryTwin)
        {
            // The provider's twin is an extension method of its own package: no fix, the advice names it.
            var queryPlace = Place(invocation, context.ContainingSymbol, symbols);
            if (queryPlace != SyncIoPlace.Elsewhere)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncIo, invocation.Syntax.GetLocation(),
                    "IQueryable." + method.Name, Where(queryPlace), Advice(queryPlace, queryTwin)));
            }

            return;
        }

        if (!symbols.TryGetSyncIoCounterpart(method, out var counterpart))
        {
            return;
        }

        var place = Place(invocation, context.ContainingSymbol, symbols);
        if (place == SyncIoPlace.Elsewhere)
        {
            // Task.Run(() => db.SaveChanges()) in async code: a fake async version of SaveChangesAsync, whose twin is
            // the advice.
            if (PoolDelegates.IsFakeAsyncTwin(invocation, context.ContainingSymbol, symbols, context.CancellationToken, out _)
                && !SourceTwinCalls.BodyDoesNotBlock(invocation, context, symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncIo, invocation.Syntax.GetLocation(), FakeTwinFix(invocation, counterpart),
                    method.ContainingType.Name + "." + method.Name, Where(SyncIoPlace.AsyncCode), Advice(SyncIoPlace.AsyncCode, Advice(counterpart))));
            }

            return;
        }

        if (BlockingCalls.IsCompressionStreamCall(invocation, symbols)
            || BlockingCalls.HasNonBlockingTarget(invocation, symbols, context.CancellationToken)
            || FailurePathTeardown.IsFailurePathTeardown(invocation)
            || AsyncTwins.WouldRecurse(invocation, counterpart.Name, context.ContainingSymbol) // BLZ111 looks into this type's own override
            || AsyncTwins.IsBesideAwaitedTwin(invocation, counterpart.Name)
            || SourceTwinCalls.BodyDecides(invocation, context, symbols)) // BLZ111 reports it, with the chain down to the blocking call, or nothing blocks
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
        // A sync request handler gets none either: making the handler async is not a local edit.
        var properties = DiagnosticProperties.WithToken(token);
        if (counterpart.CanBeCalledWith(token) && counterpart.Rewritable && place == SyncIoPlace.AsyncCode)
        {
            properties = properties.Add(DiagnosticProperties.Replacement, counterpart.Name);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncIo, invocation.Syntax.GetLocation(), properties,
            method.ContainingType.Name + "." + method.Name, Where(place), Advice(place, Advice(counterpart))));
    }

    /// <summary>
    /// Async code (an async lambda sent to the pool, <c>Task.Run(async () => ...)</c>, included: it is async code on a
    /// pool thread), or a sync request handler (<see cref="RequestHandlers"/>): the framework runs it on a ThreadPool
    /// thread once per request, so its sync I/O holds a pool thread per request just as in async code.
    /// </summary>
    private static SyncIoPlace Place(IInvocationOperation invocation, ISymbol containingSymbol, BlitzSymbols symbols) =>
        AsyncContext.IsAsyncCodeOnThePool(invocation, containingSymbol, symbols) ? SyncIoPlace.AsyncCode
        : RequestHandlers.Contains(invocation, containingSymbol) ? SyncIoPlace.RequestHandler
        : SyncIoPlace.Elsewhere;

    private static string Where(SyncIoPlace place) => place == SyncIoPlace.RequestHandler ? "in a sync request handler, on a ThreadPool thread" : "in async code";

    private static string Advice(SyncIoPlace place, string twin) =>
        place == SyncIoPlace.RequestHandler ? "make the handler async and use 'await " + twin + "'" : "use 'await " + twin + "'";

    /// <summary>
    /// <c>await Task.Run(() => x.M(args))</c> becomes <c>await x.MAsync(args)</c> when nothing else changes: the
    /// starter has no other argument (a token there would cancel the start, not the I/O), the lambda is the bare call,
    /// and the twin is awaited like the task it replaces.
    /// </summary>
    private static ImmutableDictionary<string, string?> FakeTwinFix(IInvocationOperation call, SyncIoCounterpart counterpart)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        var isBareCall = call.Syntax.Parent is LambdaExpressionSyntax { ExpressionBody: { } body } && body == call.Syntax;
        var starter = call.Syntax.Parent?.Parent?.Parent?.Parent as InvocationExpressionSyntax;
        return isBareCall && starter is { ArgumentList.Arguments.Count: 1, Parent: AwaitExpressionSyntax }
            && counterpart.Rewritable && counterpart.CanBeCalledWith(null)
            ? none.Add(DiagnosticProperties.FixKind, FixKinds.TwinInsteadOfStarter).Add(DiagnosticProperties.Replacement, counterpart.Name)
            : none;
    }

    private static string Advice(SyncIoCounterpart counterpart) => counterpart.IsSequence ? "foreach over " + counterpart.Name : counterpart.Name;

    private enum SyncIoPlace
    {
        Elsewhere,
        AsyncCode,
        RequestHandler,
    }
}
