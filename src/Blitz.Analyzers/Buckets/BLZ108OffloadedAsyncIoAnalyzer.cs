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
/// the caller cannot await (<see cref="DetachedStarts"/>: a constructor or a non-async Main): there the pool hop only
/// runs the call's synchronous start elsewhere, and the advice is to start the call directly (no code fix); so is an
/// async lambda there that only awaits around cheap work, with no loop (the advice: move it into an async method).
/// A pass-through start dropped in any method (a statement or a discard) is reported the same way when its call is a
/// short source async method (<see cref="DetachedStarts.RunsShortWithoutBlocking"/>: a handler per connection).
/// A pass-through collected once, outside any loop, in a list the method awaits with <c>Task.WhenAll</c> is reported
/// (no fix) when its call starts without blocking.
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
        if (!symbols.TryGetOffloadStarter(invocation, out var destination) || destination != OffloadDestination.ThreadPool
            || invocation.TargetMethod.Name is not ("Run" or "StartNew")
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return;
        }

        var isStartNew = invocation.TargetMethod.Name == "StartNew";
        var inner = PassThroughCall(work.Target, symbols, out var isAsyncLambda);
        var awaited = AwaitedAt(invocation);
        if (awaited == Awaited.No && inner is not null && DetachedStarts.IsForced(invocation, context.ContainingSymbol)
            && DetachedStarts.StartsWithoutBlocking(inner, context.Compilation, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DetachedAsyncIo, invocation.Syntax.GetLocation(),
                invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, DetachedStarts.CallText(inner)));
            return;
        }

        // Task.Run(async () => await Answer(peer)); per accepted connection: the handler is a few library calls with no
        // loop, so nothing in it holds the caller even when all of it completes at once.
        if (awaited == Awaited.No && inner is not null && invocation.Arguments.Length == 1 && DetachedStarts.IsStatementOrDiscard(invocation)
            && DetachedStarts.RunsShortWithoutBlocking(inner, context.Compilation, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DetachedAsyncIo, invocation.Syntax.GetLocation(),
                invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, DetachedStarts.CallText(inner)));
            return;
        }

        if (awaited == Awaited.No && inner is null && isAsyncLambda && work.Target is IAnonymousFunctionOperation detached
            && DetachedStarts.IsForced(invocation, context.ContainingSymbol)
            && DetachedStarts.IsCheapAsyncBody(detached, cheap.Value, context.Compilation, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DetachedAsyncDelegate, invocation.Syntax.GetLocation(),
                invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name));
            return;
        }

        // tasks.Add(Task.Run(() => File.ReadAllTextAsync(path))) once, outside any loop, then await Task.WhenAll(tasks):
        // the list form of an awaited WhenAll argument. In a loop the hop may be how the author starts workers side by
        // side (each runs synchronously up to its first await), so only a start that cannot block there is reported.
        if (awaited == Awaited.Together && inner is not null && OperationHelpers.InnermostLoopInSameFunction(invocation) is null
            && AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols)
            && DetachedStarts.StartsWithoutBlocking(inner, context.Compilation, symbols, context.CancellationToken))
        {
            Report(context, invocation, ImmutableDictionary<string, string?>.Empty, inner is IInvocationOperation collected ? collected.TargetMethod.Name + "(...)" : "the async delegate");
            return;
        }

        if ((inner is null && !(isStartNew && isAsyncLambda))
            || awaited is Awaited.No or Awaited.Together
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            // Task.Run of an async delegate that only awaits, around cheap work: nothing in it needs a pool thread.
            if (inner is null && isAsyncLambda && awaited != Awaited.No && work.Target is IAnonymousFunctionOperation lambda
                && AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols)
                && cheap.Value.IsCheapAroundAwaits(lambda.Body, symbols, context.CancellationToken))
            {
                Report(context, invocation, ImmutableDictionary<string, string?>.Empty, "the async delegate");
            }

            return;
        }

        // Inlining keeps the type only for Task.Run(Func<Task<T>>) over a Task-returning call, with no other argument,
        // and keeps the timing only where the task is awaited in place.
        var canInline = awaited == Awaited.InPlace && !isStartNew && inner is not null && invocation.Arguments.Length == 1
            && SymbolEqualityComparer.Default.Equals(invocation.Type, inner is IMethodReferenceOperation reference ? reference.Method.ReturnType : inner.Type);
        var properties = canInline
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, FixKinds.Inline)
            : ImmutableDictionary<string, string?>.Empty;
        Report(context, invocation, properties, inner is IInvocationOperation call ? call.TargetMethod.Name + "(...)" : "the async delegate");
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, ImmutableDictionary<string, string?> properties, string inner)
    {
        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.OffloadedAsyncIo, invocation.Syntax.GetLocation(), properties, starter, inner));
    }

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

                return value is IInvocationOperation call && symbols.IsTaskLike(call.Type) && !HasNestedCall(call) ? call : null;
            default:
                return null;
        }
    }

    private static bool HasNestedCall(IInvocationOperation call) =>
        call.Descendants().Any(o => o is IInvocationOperation or IAnonymousFunctionOperation or IAwaitOperation);
}
