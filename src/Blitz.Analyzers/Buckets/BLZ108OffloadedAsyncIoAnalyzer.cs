using System;
using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ108: async I/O sent to the ThreadPool (<c>Task.Run(async () => await IoAsync())</c>, <c>Task.Run(() => IoAsync())</c>,
/// <c>Task.Run(IoAsync)</c>, <c>StartNew(async ...)</c>) in async context. The delegate must be a pure pass-through to one
/// task-returning call whose arguments involve no other call, so nothing synchronous is moved back to the caller.
/// A start that is not awaited is a detached start (fire-and-forget, a background loop) and is left alone, except where
/// the caller cannot await (<see cref="DetachedStarts"/>: a constructor or a non-async Main, and for an async lambda
/// also a void override, interface implementation or event handler): there the pool hop only
/// runs the call's synchronous start elsewhere, and the advice is to start the call directly (no code fix); so is an
/// async lambda there that only awaits around cheap work, with no loop (the advice: move it into an async method).
/// A pass-through start dropped in any method (a statement or a discard) is reported the same way when its call is a
/// short source async method (<see cref="DetachedStarts.RunsShortWithoutBlocking"/>: a handler per connection).
/// A pass-through collected in a list the method awaits with <c>Task.WhenAll</c> is reported (no fix) when its call
/// starts without blocking; in a loop of a constant number of passes, only when that call cannot go round on its caller
/// (a library's async method, or a short source one).
/// </summary>
internal sealed class BLZ108OffloadedAsyncIoAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OffloadedAsyncIo, Descriptors.DetachedAsyncIo, Descriptors.DetachedAsyncDelegate);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var cheap = registry.CheapWork; // built only when an async delegate needs it
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), (c, resolved) => Analyze(c, resolved, cheap), RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, Lazy<CheapWork> cheap)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (FindingAt(invocation, context.ContainingSymbol, context.Compilation, symbols, cheap, context.CancellationToken) is { } finding)
        {
            context.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, invocation.Syntax.GetLocation(), finding.Properties, finding.Arguments));
        }
    }

    /// <summary>
    /// What BLZ108 reports at a pool start, or null. BLZ107 asks too: a start per item whose work is only async I/O
    /// gets this rule's advice (call it directly), not a bound on a pool's concurrency.
    /// </summary>
    internal static OffloadedAsyncIoFinding? FindingAt(IInvocationOperation invocation, ISymbol containingSymbol, Compilation compilation, BlitzSymbols symbols,
        Lazy<CheapWork> cheap, System.Threading.CancellationToken cancellationToken)
    {
        if (!symbols.TryGetOffloadStarter(invocation, out var destination) || destination != OffloadDestination.ThreadPool
            || invocation.TargetMethod.Name is not ("Run" or "StartNew")
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return null;
        }

        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        var isStartNew = invocation.TargetMethod.Name == "StartNew";
        var inner = PassThroughCall(work.Target, symbols, out var isAsyncLambda);
        var awaited = AwaitedAt(invocation);
        if (awaited == Awaited.No && inner is not null && DetachedStarts.IsForced(invocation, containingSymbol)
            && DetachedStarts.StartsWithoutBlocking(inner, compilation, symbols, cancellationToken))
        {
            return new(Descriptors.DetachedAsyncIo, None, starter, DetachedStarts.CallText(inner));
        }

        // Task.Run(async () => await Answer(peer)); per accepted connection: the handler is a few library calls with no
        // loop, so nothing in it holds the caller even when all of it completes at once.
        if (awaited == Awaited.No && inner is not null && invocation.Arguments.Length == 1 && DetachedStarts.IsStatementOrDiscard(invocation)
            && DetachedStarts.RunsShortWithoutBlocking(inner, compilation, symbols, cancellationToken))
        {
            return new(Descriptors.DetachedAsyncIo, None, starter, DetachedStarts.CallText(inner));
        }

        if (awaited == Awaited.No && inner is null && isAsyncLambda && work.Target is IAnonymousFunctionOperation detached
            && DetachedStarts.IsForced(invocation, containingSymbol, fixedSignatures: true)
            && DetachedStarts.IsCheapAsyncBody(detached, cheap.Value, compilation, symbols, cancellationToken))
        {
            return new(Descriptors.DetachedAsyncDelegate, None, starter);
        }

        // tasks.Add(Task.Run(() => File.ReadAllTextAsync(path))), then await Task.WhenAll(tasks), or
        // await Task.WhenAll(urls.Select(u => Task.Run(() => http.GetStringAsync(u)))): the tasks are awaited together.
        // Per item (a loop, a per-element lambda) the hop may be how the author starts workers side by side (a worker
        // loop runs on its caller for as long as its awaits complete at once), so there only a call that cannot go round
        // on the caller is reported: a library's async method, or a short source one. Its items hold no thread while
        // they wait, so the advice is to start the calls directly, not to bound a pool's concurrency (BLZ107 defers).
        // A per-element lambda is sync code of its own: the async context is the query's.
        var query = PerElementQuery(invocation);
        var perItem = query is not null || OperationHelpers.InnermostLoopInSameFunction(invocation) is not null;
        if (awaited == Awaited.Together && inner is not null
            && AsyncContext.IsAsyncContext(query ?? invocation, containingSymbol, symbols)
            && (perItem
                ? DetachedStarts.IsLibraryCall(inner) || DetachedStarts.RunsShortWithoutBlocking(inner, compilation, symbols, cancellationToken)
                : DetachedStarts.StartsWithoutBlocking(inner, compilation, symbols, cancellationToken)))
        {
            return Offloaded(None, inner);
        }

        if ((inner is null && !(isStartNew && isAsyncLambda))
            || awaited is Awaited.No or Awaited.Together
            || !AsyncContext.IsAsyncContext(invocation, containingSymbol, symbols))
        {
            // Task.Run of an async delegate that only awaits, around cheap work: nothing in it needs a pool thread.
            if (inner is null && isAsyncLambda && awaited != Awaited.No && work.Target is IAnonymousFunctionOperation lambda
                && AsyncContext.IsAsyncContext(invocation, containingSymbol, symbols)
                && cheap.Value.IsCheapAroundAwaits(lambda.Body, symbols, cancellationToken))
            {
                return Offloaded(None, null);
            }

            return null;
        }

        // Inlining keeps the type only for Task.Run(Func<Task<T>>) over a Task-returning call, with no other argument,
        // and keeps the timing only where the task is awaited in place.
        var canInline = awaited == Awaited.InPlace && !isStartNew && inner is not null && invocation.Arguments.Length == 1
            && SymbolEqualityComparer.Default.Equals(invocation.Type, inner is IMethodReferenceOperation reference ? reference.Method.ReturnType : inner.Type);
        return Offloaded(canInline ? None.Add(DiagnosticProperties.FixKind, FixKinds.Inline) : None, inner);

        OffloadedAsyncIoFinding Offloaded(ImmutableDictionary<string, string?> properties, IOperation? call) =>
            new(Descriptors.OffloadedAsyncIo, properties, starter, call is IInvocationOperation named ? named.TargetMethod.Name + "(...)" : "the async delegate");
    }

    private static readonly ImmutableDictionary<string, string?> None = ImmutableDictionary<string, string?>.Empty;

    private enum Awaited
    {
        No,
        InPlace,
        NextStatement,
        InPlaceWithOthers,
        Together,
    }

    /// <summary>
    /// Whether the caller waits for the offloaded task right away: it is awaited in place (through
    /// <c>ConfigureAwait</c>, or as the outer task of <c>await await StartNew(...)</c>), it is an argument of an
    /// awaited-in-place <c>Task.WhenAll</c>/<c>WhenAny</c>, or it initializes a local that the very next statement awaits. A task stored in a field, discarded, passed on or awaited later is a detached
    /// start — fire-and-forget, often a loop — not offloaded I/O: awaiting the call instead would make the caller wait.
    /// </summary>
    private static Awaited AwaitedAt(IInvocationOperation invocation)
    {
        if (AwaitedInPlace.Is(invocation))
        {
            return Awaited.InPlace;
        }

        var parent = invocation.Parent;
        while (parent is IArrayInitializerOperation or IArrayCreationOperation or ICollectionExpressionOperation or IArgumentOperation or IConversionOperation
            || parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
        {
            parent = parent.Parent;
        }

        if (parent is IInvocationOperation { TargetMethod: { Name: "WhenAll" or "WhenAny", ContainingType.Name: "Task" } } join
            && join != invocation && AwaitedAt(join) == Awaited.InPlace)
        {
            return Awaited.InPlaceWithOthers;
        }

        // tasks.Add(Task.Run(...)), then await Task.WhenAll(tasks): the caller waits for all of them, together.
        if (parent is IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation { Local: var list } } add
            && IsAwaitedWithWhenAll(list, add))
        {
            return Awaited.Together;
        }

        // items.Select(i => Task.Run(...)), passed to an awaited Task.WhenAll directly or through a local (and ToList/ToArray).
        if (PerElementQuery(invocation) is { } query && IsQueryAwaitedWithWhenAll(query))
        {
            return Awaited.Together;
        }

        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }
            && invocation.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { Parent: BlockSyntax block } declaration)
        {
            var index = block.Statements.IndexOf(declaration);
            if (index + 1 < block.Statements.Count && AwaitsLocal(block.Statements[index + 1], local.Name))
            {
                return Awaited.NextStatement;
            }
        }

        return Awaited.No;
    }

    /// <summary>The <c>Select</c> call whose lambda returns <paramref name="start"/> (<c>u =&gt; Task.Run(...)</c>), or null.</summary>
    private static IInvocationOperation? PerElementQuery(IInvocationOperation start)
    {
        var parent = start.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation lambda } }
            && lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Select", ContainingType.Name: "Enumerable" } } select } }
            ? select
            : null;
    }

    /// <summary>
    /// True when the tasks <paramref name="query"/> makes are awaited together: it is (through <c>ToList</c>/<c>ToArray</c>)
    /// the argument of an awaited-in-place <c>Task.WhenAll</c>, or it initializes a local that one awaits.
    /// </summary>
    private static bool IsQueryAwaitedWithWhenAll(IInvocationOperation query)
    {
        IOperation current = query;
        while (current.Parent is IConversionOperation or IArgumentOperation or IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray", Arguments.Length: <= 1 })
        {
            current = current.Parent;
        }

        if (current.Parent is IInvocationOperation { TargetMethod: { Name: "WhenAll", ContainingType.Name: "Task" } } join)
        {
            return AwaitedInPlace.Is(join);
        }

        return current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }
            && IsAwaitedWithWhenAll(local, current);
    }

    /// <summary>True when the function around <paramref name="use"/> awaits <c>Task.WhenAll(list)</c> (or <c>WhenAll(list.ToArray())</c>).</summary>
    private static bool IsAwaitedWithWhenAll(ILocalSymbol list, IOperation use)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(use)))
        {
            if (operation is IAwaitOperation { Operation: var awaited }
                && OperationHelpers.WithoutConversions(awaited) is IInvocationOperation { TargetMethod: { Name: "WhenAll", ContainingType.Name: "Task" } } join
                && join.Arguments.Any(a => ReferencesLocal(a.Value, list)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReferencesLocal(IOperation value, ILocalSymbol list)
    {
        value = OperationHelpers.WithoutConversions(value);
        if (value is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } copy)
        {
            value = OperationHelpers.WithoutConversions(OperationHelpers.Receiver(copy) ?? value);
        }

        return value is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, list);
    }

    /// <summary>True when <paramref name="statement"/> is <c>await t;</c>, <c>var x = await t;</c> or <c>return await t;</c>, possibly through <c>ConfigureAwait</c>.</summary>
    private static bool AwaitsLocal(StatementSyntax statement, string local)
    {
        var expression = statement switch
        {
            ExpressionStatementSyntax { Expression: var e } => e,
            ReturnStatementSyntax { Expression: { } e } => e,
            LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
            _ => null,
        };
        if (expression is not AwaitExpressionSyntax { Expression: var operand })
        {
            return false;
        }

        if (operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var receiver } })
        {
            operand = receiver;
        }

        return operand is IdentifierNameSyntax { Identifier.ValueText: var name } && name == local;
    }

    /// <summary>The single task-returning call a delegate passes through, or null.</summary>
    private static IOperation? PassThroughCall(IOperation target, BlitzSymbols symbols, out bool isAsyncLambda)
    {
        isAsyncLambda = false;
        switch (target)
        {
            case IMethodReferenceOperation reference when reference.Method.Parameters.Length == 0 && symbols.IsTaskLike(reference.Method.ReturnType):
                return reference;
            case IAnonymousFunctionOperation lambda:
                isAsyncLambda = lambda.Symbol.IsAsync;
                var value = PoolDelegates.SoleValue(lambda);
                if (value is null)
                {
                    return null;
                }

                if (lambda.Symbol.IsAsync)
                {
                    if (value is not IAwaitOperation awaited)
                    {
                        return null;
                    }

                    value = OperationHelpers.WithoutConversions(awaited.Operation);
                }

                // A delegate invoked (Task.Run(() => taskFactory())) may run any synchronous code before its first
                // await: the hop is how sync-over-async helpers keep it off the caller's context, not overhead.
                return value is IInvocationOperation call && symbols.IsTaskLike(call.Type) && !HasNestedCall(call)
                    && call.TargetMethod.MethodKind != MethodKind.DelegateInvoke ? call : null;
            default:
                return null;
        }
    }

    private static bool HasNestedCall(IInvocationOperation call) =>
        call.Descendants().Any(o => o is IInvocationOperation or IAnonymousFunctionOperation or IAwaitOperation);
}
