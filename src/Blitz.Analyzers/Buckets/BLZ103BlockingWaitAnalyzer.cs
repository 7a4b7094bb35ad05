using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ103: sync-over-async and blocking waits in async context (<see cref="KnownWaits.Entries"/> marked <see cref="WaitRoles.BlockingWait"/>),
/// and sync-over-async in a sync request handler (<see cref="RequestHandlers"/>). Not reported
/// when the task is provably complete (<see cref="TaskCompletion"/>) or the wait has a zero timeout (a non-blocking poll).
/// </summary>
internal sealed class BLZ103BlockingWaitAnalyzer : IBlitzRule
{
    private const string AwaitDirectly = "await the task directly: a pool delegate only moves the wait to another ThreadPool thread";
    private const string PaceWithDelay = "it paces a loop: use 'await Task.Delay(interval, token)' and cancel the token to stop early";

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingWait);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.TryGetBlockingWait(member, out _), Analyze, RuleRequirements.Tasks, OperationKind.Invocation, OperationKind.PropertyReference);
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var operation = context.Operation;
        var (member, instance, arguments) = operation switch
        {
            IInvocationOperation invocation => ((ISymbol)invocation.TargetMethod, invocation.Instance, invocation.Arguments),
            IPropertyReferenceOperation property => (property.Property, property.Instance, property.Arguments),
            _ => (null!, null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (member is null || !symbols.TryGetBlockingWait(member, out var remedy))
        {
            return;
        }

        // Sync over async in a sync delegate that async code sends to the ThreadPool: Task.Run(() => t.Result) still
        // blocks a pool thread, waiting for work that needs one. BLZ109 leaves these waits to this rule.
        var inAsyncContext = AsyncContext.IsAsyncCodeOnThePool(operation, context.ContainingSymbol, symbols);
        var inPoolDelegate = !inAsyncContext && BlockingCalls.IsTaskWait(member, symbols) && PoolDelegates.IsInPoolDelegateOfAsyncCode(operation, context.ContainingSymbol, symbols);
        // Sync over async in a sync request handler holds a pool thread per request; other waits there (a lock, a
        // signal) are the handler's own synchronization.
        var inRequestHandler = !inAsyncContext && !inPoolDelegate && BlockingCalls.IsTaskWait(member, symbols) && RequestHandlers.Contains(operation, context.ContainingSymbol);
        if ((!inAsyncContext && !inPoolDelegate && !inRequestHandler) || BlockingCalls.IsNonBlockingWait(member, instance, arguments, operation, symbols)
            || IsConsoleInputOfTheEntryPoint(member, operation, context.ContainingSymbol)
            || (operation is IInvocationOperation call && LifetimeLoops.OfAsyncMethod(call, context.ContainingSymbol, symbols) is not null))
        {
            return;
        }

        if (inPoolDelegate)
        {
            remedy = AwaitDirectly;
        }
        else if (!BlockingCalls.IsTaskWait(member, symbols) && PacesLoop(operation, arguments))
        {
            remedy = PaceWithDelay;
        }

        var task = BlockingCalls.WaitedTask(member, instance);
        var name = member.Name == "GetResult" ? "GetAwaiter().GetResult()" : member.ContainingType.Name + "." + member.Name;
        var properties = inPoolDelegate ? ImmutableDictionary<string, string?>.Empty : FixProperties(member, task, arguments, operation, symbols);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingWait, operation.Syntax.GetLocation(), properties, name, remedy));
    }

    /// <summary>
    /// A console read in the body of the program's entry point (<c>Main</c> or top-level statements), or of a static
    /// method of its type that only <c>Main</c> calls (<c>static void Main() =&gt; RunAsync().Wait();</c>): the console is
    /// the entry point's own input, and "press Enter to stop" or a prompt there holds no thread anything else is waiting for.
    /// </summary>
    private static bool IsConsoleInputOfTheEntryPoint(ISymbol member, IOperation operation, ISymbol containingSymbol) =>
        member.ContainingType is { Name: "Console", ContainingNamespace.Name: "System" }
        && containingSymbol is IMethodSymbol { IsStatic: true } method
        && (method.Name is "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName || IsOnlyCalledByMain(method))
        && AsyncContext.EnclosingFunction(operation) is null;

    /// <summary>Every use of <paramref name="method"/>'s name in its type is inside a static <c>Main</c> of that type, and there is one.</summary>
    private static bool IsOnlyCalledByMain(IMethodSymbol method)
    {
        var used = false;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var name in reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                if (name.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Identifier.ValueText: "Main" } main
                    || !main.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)))
                {
                    return false;
                }

                used = true;
            }
        }

        return used;
    }

    /// <summary>
    /// A wait with a timeout that is a loop's condition (<c>while (!stop.WaitOne(1000)) { ... }</c>): a Thread.Sleep
    /// that can be woken, whose async form is a delay the stop signal cancels.
    /// </summary>
    private static bool PacesLoop(IOperation operation, ImmutableArray<IArgumentOperation> arguments)
    {
        if (!arguments.Any(a => a.Parameter is { } parameter && KnownWaits.IsTimeout(parameter)))
        {
            return false;
        }

        var condition = operation;
        while (condition.Parent is IConversionOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not })
        {
            condition = condition.Parent;
        }

        return condition.Parent switch
        {
            IWhileLoopOperation loop => loop.Condition == condition,
            IForLoopOperation loop => loop.Condition == condition,
            _ => false,
        };
    }

    /// <summary>The fix is offered only where the rewrite keeps the meaning.</summary>
    private static ImmutableDictionary<string, string?> FixProperties(ISymbol member, IOperation? task, ImmutableArray<IArgumentOperation> arguments, IOperation operation, BlitzSymbols symbols)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        var isStatement = operation.Parent is IExpressionStatementOperation;
        var type = member.ContainingType.OriginalDefinition;
        if (member.Name is "Result" or "GetResult" && task is not null && symbols.IsTaskLike(task.Type))
        {
            return none.Add(DiagnosticProperties.FixKind, FixKinds.AwaitTask);
        }

        if (BlitzSymbols.Is(type, symbols.Task) && member.Name == "Wait" && isStatement)
        {
            return arguments.Length == 0
                ? none.Add(DiagnosticProperties.FixKind, FixKinds.AwaitTask)
                : arguments.Length == 1 && BlitzSymbols.Is(arguments[0].Value.Type, symbols.CancellationToken)
                    ? none.Add(DiagnosticProperties.FixKind, FixKinds.Rename).Add(DiagnosticProperties.Replacement, "WaitAsync")
                    : none;
        }

        if (BlitzSymbols.Is(type, symbols.Task) && member.Name == "WaitAll" && isStatement
            && arguments.Length == 1 && arguments[0].ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection)
        {
            return none.Add(DiagnosticProperties.FixKind, FixKinds.WhenAll);
        }

        // DataflowBlock.Receive(source, ...) has a ReceiveAsync with the same parameters and the same exceptions.
        if (BlitzSymbols.Is(type, symbols.SemaphoreSlim) || (member.Name == "Receive" && type.Name == "DataflowBlock"))
        {
            return none.Add(DiagnosticProperties.FixKind, FixKinds.Rename).Add(DiagnosticProperties.Replacement, member.Name + "Async");
        }

        return none;
    }
}
