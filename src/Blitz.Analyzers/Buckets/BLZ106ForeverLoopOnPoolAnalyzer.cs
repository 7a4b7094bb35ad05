using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ106: a forever loop (<see cref="ForeverLoops"/>) sent to a pool — <c>Task.Run</c>, <c>StartNew</c> without
/// <c>LongRunning</c>, <c>ThreadPool.QueueUserWorkItem</c>, <c>SpawnBlocking</c>, <c>SpawnCpu</c> — or inside a
/// <c>[Blocking]</c>/<c>[CpuBound]</c> method. It holds a pool thread forever: bucket 4, <c>SpawnDedicated</c>.
/// </summary>
internal sealed class BLZ106ForeverLoopOnPoolAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForeverLoopOnPool);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterCall((member, resolved) => resolved.IsOffloadStarter(member), AnalyzeStarter, RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterMethodSymbol(AnalyzeOffloadTarget, RuleRequirements.OffloadAttributes);
    }

    private static void AnalyzeStarter(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!symbols.TryGetOffloadStarter(invocation.TargetMethod, out var target) || target == OffloadTarget.Dedicated
            || AsyncContext.AsksForLongRunning(invocation, symbols))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation work && ForeverLoops.Find(Body(work.Target, context.CancellationToken)) is not null)
            {
                var name = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
                var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, location, "'" + name + "'"));
                return;
            }
        }
    }

    /// <summary>The body of a lambda, or of a method passed as a method group when it is declared in source.</summary>
    private static SyntaxNode? Body(IOperation target, System.Threading.CancellationToken cancellationToken) => target switch
    {
        IAnonymousFunctionOperation lambda => lambda.Syntax,
        IMethodReferenceOperation reference => reference.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken),
        _ => null,
    };

    private static void AnalyzeOffloadTarget(SymbolAnalysisContext context, BlitzSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        var kind = Blitz.CodeAnalysis.OffloadTargetRules.GetAttributeKind(method);
        if (kind == Blitz.CodeAnalysis.OffloadAttributeKind.None)
        {
            return;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var loop = ForeverLoops.Find(reference.GetSyntax(context.CancellationToken));
            if (loop is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForeverLoopOnPool, ForeverLoops.Keyword(loop).GetLocation(),
                    "[" + ((kind & Blitz.CodeAnalysis.OffloadAttributeKind.Blocking) != 0 ? "Blocking" : "CpuBound") + "] method '" + method.Name + "'"));
                return;
            }
        }
    }
}
