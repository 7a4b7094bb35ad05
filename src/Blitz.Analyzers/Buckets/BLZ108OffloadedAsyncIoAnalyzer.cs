using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ108: async I/O sent to the ThreadPool (<c>Task.Run(async () => await IoAsync())</c>, <c>Task.Run(() => IoAsync())</c>,
/// <c>Task.Run(IoAsync)</c>, <c>StartNew(async ...)</c>) in async context. The delegate must be a pure pass-through to one
/// task-returning call whose arguments involve no other call, so nothing synchronous is moved back to the caller.
/// </summary>
internal sealed class BLZ108OffloadedAsyncIoAnalyzer : IBlitzRule
{
    /// <summary>The fix replaces the <c>Task.Run</c> call with the inner call.</summary>
    public const string InlineFix = "Inline";

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OffloadedAsyncIo);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation.TargetMethod, out var target) || target != OffloadTarget.ThreadPool
            || invocation.TargetMethod.Name is not ("Run" or "StartNew")
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return;
        }

        var isStartNew = invocation.TargetMethod.Name == "StartNew";
        var inner = PassThroughCall(work.Target, symbols, out var isAsyncLambda);
        if ((inner is null && !(isStartNew && isAsyncLambda))
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        // Inlining keeps the type only for Task.Run(Func<Task<T>>) over a Task-returning call, with no other argument.
        var canInline = !isStartNew && inner is not null && invocation.Arguments.Length == 1
            && SymbolEqualityComparer.Default.Equals(invocation.Type, inner is IMethodReferenceOperation reference ? reference.Method.ReturnType : inner.Type);
        var properties = canInline
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FixKind, InlineFix)
            : ImmutableDictionary<string, string?>.Empty;
        var starter = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        var innerName = inner is IInvocationOperation call ? call.TargetMethod.Name + "(...)" : "the async delegate";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.OffloadedAsyncIo, invocation.Syntax.GetLocation(), properties, starter, innerName));
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
                var statements = lambda.Body.Operations.Where(o => o is not ILabeledOperation).ToList();
                // An expression-bodied lambda is a block with one return (or expression statement); "async { await X(); }" may add an implicit return.
                var meaningful = statements.Where(o => !(o is IReturnOperation { ReturnedValue: null, IsImplicit: true })).ToList();
                if (meaningful.Count != 1)
                {
                    return null;
                }

                var value = meaningful[0] switch
                {
                    IReturnOperation { ReturnedValue: { } returned } => returned,
                    IExpressionStatementOperation statement => statement.Operation,
                    _ => null,
                };
                if (value is null)
                {
                    return null;
                }

                value = OperationHelpers.WithoutConversions(value);
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
