using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ103: sync-over-async and blocking waits in async context (<see cref="KnownApis.BlockingWaits"/>). Not reported
/// when the task is provably complete (<see cref="TaskCompletion"/>) or the wait has a zero timeout (a non-blocking poll).
/// </summary>
internal sealed class BLZ103BlockingWaitAnalyzer : IBlitzRule
{
    /// <summary>The fix awaits the receiving task (<c>.Result</c>, <c>.GetAwaiter().GetResult()</c>, <c>.Wait()</c>).</summary>
    public const string AwaitTaskFix = "AwaitTask";
    /// <summary>The fix awaits <c>Task.WhenAll</c> with the same arguments.</summary>
    public const string WhenAllFix = "WhenAll";
    /// <summary>The fix awaits the call renamed to <see cref="DiagnosticProperties.Replacement"/> (SemaphoreSlim.WaitAsync, Task.WaitAsync).</summary>
    public const string RenameFix = "Rename";

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingWait);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.TryGetBlockingWait(member, out _), Analyze, RuleRequirements.Tasks, OperationKind.Invocation, OperationKind.PropertyReference);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var operation = context.Operation;
        var (member, instance, arguments) = operation switch
        {
            IInvocationOperation invocation => ((ISymbol)invocation.TargetMethod, invocation.Instance, invocation.Arguments),
            IPropertyReferenceOperation property => (property.Property, property.Instance, property.Arguments),
            _ => (null!, null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (member is null || !symbols.TryGetBlockingWait(member, out var remedy)
            || !AsyncContext.IsAsyncContext(operation, context.ContainingSymbol, symbols)
            || BlockingCalls.IsNonBlockingWait(member, instance, arguments, operation, symbols))
        {
            return;
        }

        var task = BlockingCalls.WaitedTask(member, instance);
        var name = member.Name == "GetResult" ? "GetAwaiter().GetResult()" : member.ContainingType.Name + "." + member.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingWait, operation.Syntax.GetLocation(),
            FixProperties(member, task, arguments, operation, symbols), name, remedy));
    }

    /// <summary>The fix is offered only where the rewrite keeps the meaning.</summary>
    private static ImmutableDictionary<string, string?> FixProperties(ISymbol member, IOperation? task, ImmutableArray<IArgumentOperation> arguments, IOperation operation, BlitzSymbols symbols)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        var isStatement = operation.Parent is IExpressionStatementOperation;
        var type = member.ContainingType.OriginalDefinition;
        if (member.Name is "Result" or "GetResult" && task is not null && symbols.IsTaskLike(task.Type))
        {
            return none.Add(DiagnosticProperties.FixKind, AwaitTaskFix);
        }

        if (BlitzSymbols.Is(type, symbols.Task) && member.Name == "Wait" && isStatement)
        {
            return arguments.Length == 0
                ? none.Add(DiagnosticProperties.FixKind, AwaitTaskFix)
                : arguments.Length == 1 && BlitzSymbols.Is(arguments[0].Value.Type, symbols.CancellationToken)
                    ? none.Add(DiagnosticProperties.FixKind, RenameFix).Add(DiagnosticProperties.Replacement, "WaitAsync")
                    : none;
        }

        if (BlitzSymbols.Is(type, symbols.Task) && member.Name == "WaitAll" && isStatement
            && arguments.Length == 1 && arguments[0].ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection)
        {
            return none.Add(DiagnosticProperties.FixKind, WhenAllFix);
        }

        if (BlitzSymbols.Is(type, symbols.SemaphoreSlim))
        {
            return none.Add(DiagnosticProperties.FixKind, RenameFix).Add(DiagnosticProperties.Replacement, "WaitAsync");
        }

        return none;
    }
}
