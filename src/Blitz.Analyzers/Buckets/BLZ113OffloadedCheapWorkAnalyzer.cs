using System;
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
/// BLZ113: cheap, bounded work sent to the ThreadPool (<c>await Task.Run(() => Path.Combine(root, name))</c>) in async
/// context, or from sync code that drops the task or waits for it where it is made (bucket 2). Only <c>Task.Run</c>,
/// <c>Task.Factory.StartNew</c> without a scheduler or options and <c>ThreadPool.QueueUserWorkItem</c>, with a lambda or
/// anonymous method whose body <see cref="CheapWork"/> proves cheap; when in doubt it does not report.
/// Offloads that leave the pool thread idle (<see cref="IdleOffloads"/>: no work at all, or only the start of an async
/// void method) are reported too, in any context and without a code fix.
/// </summary>
internal sealed class BLZ113OffloadedCheapWorkAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OffloadedCheapWork);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var cheapWork = registry.CheapWork;
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), (operation, resolved) => Analyze(operation, resolved, cheapWork.Value),
            RuleRequirements.Tasks, OperationKind.Invocation);
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, CheapWork cheapWork)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation.TargetMethod, out var destination) || destination != OffloadDestination.ThreadPool
            || invocation.TargetMethod.Name is not ("Run" or "StartNew" or "QueueUserWorkItem")
            || Work(invocation, symbols, out var hasToken) is not { } work)
        {
            return;
        }

        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        if (work is not IAnonymousFunctionOperation lambda)
        {
            // A local function passed by name (Task.Run(Compute)): its body is read like a lambda's; no fix (its body
            // would have to move to the call).
            if (work is ILocalFunctionOperation { Body: { } body } && cheapWork.IsCheap(body, context.CancellationToken, out _)
                && AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols)
                && !(IsReturned(invocation) && PoolDelegates.SoleValue(body) is { ConstantValue.HasValue: true }))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.OffloadedCheapWork, invocation.Syntax.GetLocation(), starter, CheapMessage));
            }

            return;
        }

        if (Idle(invocation, lambda, symbols, context) is { } idle)
        {
            // No fix: inlined, the code would lose a thread hop its author may rely on (or an async void's continuation
            // would resume on the caller's context).
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OffloadedCheapWork, invocation.Syntax.GetLocation(), starter, idle));
            return;
        }

        if (!cheapWork.IsCheap(lambda.Body, context.CancellationToken, out var readsThread)
            || !(AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols) || IsHandlersTask(invocation, symbols) || IsWaitedOrDropped(invocation))
            || IsPlaceholder(invocation, lambda))
        {
            return;
        }

        var properties = invocation.TargetMethod.Name == "Run" && !hasToken && !readsThread && CanInline(invocation, lambda)
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, FixKinds.Inline)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.OffloadedCheapWork, invocation.Syntax.GetLocation(), properties, starter, CheapMessage));
    }

    private const string CheapMessage = "offloads only cheap, bounded work, which is pure overhead (bucket 2); run it inline";

    /// <summary>
    /// The message for an offload that leaves the pool thread idle, in any context, or null. An empty body is reported
    /// only where the task is dropped (a statement) or awaited on the spot: a task that is returned or stored is a
    /// stand-in whose shape the caller may need (a stub for work not written yet). A task that only starts an async void
    /// method is reported where it is awaited or returned: whoever waits for it is told the work is done before it is.
    /// Dropped, the hop may be how the author keeps the method's continuations off a UI context, and nobody is misled.
    /// </summary>
    private static string? Idle(IInvocationOperation invocation, IAnonymousFunctionOperation work, BlitzSymbols symbols, OperationAnalysisContext context)
    {
        if ((IsReturned(invocation) || AwaitedInPlace.Is(invocation))
            && IdleOffloads.OnlyStartsAsyncVoid(work.Body, context.Compilation, symbols, context.CancellationToken))
        {
            return "only starts an async void method, which gives the pool thread back at its first await (bucket 2): the task completes before that method's work runs; make the method return a Task and await it";
        }

        return (invocation.Parent is IExpressionStatementOperation || AwaitedInPlace.Is(invocation))
            && IdleOffloads.DoesNothing(work.Body, context.Compilation, context.CancellationToken)
            ? "offloads a body that does no work: the pool hop is pure overhead (bucket 2); remove it, or say why the hop is needed"
            : null;
    }

    /// <summary>
    /// The parameterless, non-async lambda (or local function passed by name) the starter runs, or null when the call is
    /// not a plain ThreadPool start: a scheduler, creation options (LongRunning) or a state argument make it something
    /// else, and so does a <c>StartNew</c> on a factory other than <c>Task.Factory</c> (it may carry its own scheduler).
    /// </summary>
    private static IOperation? Work(IInvocationOperation invocation, BlitzSymbols symbols, out bool hasToken)
    {
        hasToken = false;
        if (invocation.TargetMethod.Name == "StartNew" && !IsTaskFactory(invocation.Instance, symbols))
        {
            return null;
        }

        IAnonymousFunctionOperation? work = null;
        IMethodSymbol? localFunction = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                work = lambda;
            }
            else if (argument.Value is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } local } })
            {
                localFunction = local;
            }
            else if (BlitzSymbols.Is(argument.Parameter?.Type, symbols.CancellationToken))
            {
                hasToken = true;
            }
            else
            {
                return null;
            }
        }

        // A delegate that returns a task passes it through: BLZ108's (offloaded async I/O), not cheap work.
        if (localFunction is { IsAsync: false, Parameters.Length: 0 } && !symbols.IsTaskLike(localFunction.ReturnType))
        {
            return LocalFunction(localFunction, invocation);
        }

        // QueueUserWorkItem(_ => ...): its one parameter is the state, which a lambda that never reads it does not use.
        var parameters = invocation.TargetMethod.Name == "QueueUserWorkItem" && work is { Symbol.Parameters: { Length: 1 } state } && !Reads(work, state[0]) ? 1 : 0;
        return work is { Symbol.IsAsync: false } && work.Symbol.Parameters.Length == parameters && !symbols.IsTaskLike(work.Symbol.ReturnType) ? work : null;
    }

    private static bool Reads(IAnonymousFunctionOperation work, IParameterSymbol parameter) =>
        work.Body.Descendants().Any(o => o is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter));

    /// <summary>
    /// Outside async code, a start whose task is dropped (<c>ThreadPool.QueueUserWorkItem(_ => Console.WriteLine(..))</c>,
    /// <c>_ = Task.Run(...)</c>) or waited for where it is made (<c>Task.Run(() => 7).Result</c>, or a local that the
    /// method only waits on, from the very next statement: <c>var job = Task.Run(...); job.Wait();</c>, or one it never
    /// reads): the hop buys
    /// nothing there either. Two starts waited after both were made run side by side, and a task stored, returned or
    /// handed on may be what its receiver needs: both are left alone.
    /// </summary>
    private static bool IsWaitedOrDropped(IInvocationOperation start)
    {
        if (DetachedStarts.IsStatementOrDiscard(start) || IsWaitedOn(start))
        {
            return true;
        }

        if (start.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }
            || start.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Parent: BlockSyntax block } declaration)
        {
            return false;
        }

        // Never read at all (Task job = Task.Run(...); and nothing more): dropped under a name. Else waited by the very
        // next statement: nothing runs beside it (two starts waited after both run side by side).
        var uses = OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(start))
            .Where(o => o is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)).ToList();
        var next = block.Statements.IndexOf(declaration) + 1;
        return uses.Count == 0
            || (next < block.Statements.Count && uses.All(IsWaitedOn) && block.Statements[next].Span.Contains(uses[0].Syntax.Span));
    }

    /// <summary><c>task.Wait()</c> (no timeout), <c>task.Result</c>, <c>task.GetAwaiter().GetResult()</c>, through implicit conversions.</summary>
    private static bool IsWaitedOn(IOperation task) =>
        WaitedInPlace.Find(task, throughCasts: false) is { } wait && wait is not IInvocationOperation { TargetMethod.Name: "Wait", Arguments.Length: > 0 };

    /// <summary>The declaration of <paramref name="local"/>, a local function of the member that makes <paramref name="start"/>.</summary>
    private static ILocalFunctionOperation? LocalFunction(IMethodSymbol local, IInvocationOperation start)
    {
        var root = (IOperation)start;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.Descendants().OfType<ILocalFunctionOperation>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, local));
    }

    /// <summary>
    /// <c>return Task.Run(() => false);</c>: a method whose task is a constant made on the pool is a stand-in for work
    /// not written yet (a stub that keeps the asynchronous shape of the real thing), not cheap work someone chose to
    /// offload; reporting it would only ask to take the placeholder out.
    /// </summary>
    private static bool IsPlaceholder(IInvocationOperation invocation, IAnonymousFunctionOperation work) =>
        IsReturned(invocation) && PoolDelegates.SoleValue(work.Body) is { ConstantValue.HasValue: true };

    /// <summary>The task is what its function returns (through an implicit conversion, <c>Task&lt;int&gt;</c> to <c>Task</c>).</summary>
    private static bool IsReturned(IInvocationOperation invocation)
    {
        var parent = invocation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent is IReturnOperation;
    }

    /// <summary>
    /// <c>(message, token) => Task.Factory.StartNew(() => Console.WriteLine("received"))</c>: the task a non-async,
    /// task-returning lambda (a message handler, a callback) returns is awaited by whoever calls it, so the offload
    /// sits in async context as much as in an async lambda's await. Not a lambda that is itself offloaded (that task is
    /// passed through a starter: BLZ108's ground).
    /// </summary>
    private static bool IsHandlersTask(IInvocationOperation invocation, BlitzSymbols symbols)
    {
        return IsReturned(invocation)
            && AsyncContext.EnclosingFunction(invocation) is IAnonymousFunctionOperation { Symbol: { IsAsync: false } handler } lambda
            && symbols.IsTaskLike(handler.ReturnType)
            && AsyncContext.FindOffloadStarter(lambda, symbols, out _) is null;
    }

    private static bool IsTaskFactory(IOperation? instance, BlitzSymbols symbols) =>
        instance is IPropertyReferenceOperation { Property: { Name: "Factory", IsStatic: true } factory }
        && (BlitzSymbols.Is(factory.ContainingType.OriginalDefinition, symbols.Task) || BlitzSymbols.Is(factory.ContainingType.OriginalDefinition, symbols.TaskOfT));

    /// <summary>
    /// The fix keeps behaviour only where Task.Run is awaited on the spot (so the caller waits for it anyway) and the
    /// inlined expression has the type the await had: an implicit conversion to the task's type would be lost.
    /// </summary>
    private static bool CanInline(IInvocationOperation invocation, IAnonymousFunctionOperation work)
    {
        // Inlined, the code would stay on the caller's context where ConfigureAwait(false) moved it off.
        if (AwaitedInPlace.Find(invocation, out var plain) is not { } awaitOperation || !plain)
        {
            return false;
        }

        var statements = work.Body.Operations.Where(o => o is not IReturnOperation { IsImplicit: true, ReturnedValue: null }).ToList();
        if (statements.Count != 1)
        {
            return false;
        }

        return statements[0] switch
        {
            IExpressionStatementOperation => awaitOperation.Parent is IExpressionStatementOperation,
            IReturnOperation { ReturnedValue: { } value } => value is not IConversionOperation { IsImplicit: true }
                && value.Type is not null && SymbolEqualityComparer.Default.Equals(value.Type, awaitOperation.Type),
            _ => false,
        };
    }
}
