using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ104: heavy CPU work in async context (bucket 3). Two sources, both precision first (cheap inline work, bucket 2,
/// is never flagged): calls to known CPU-heavy APIs (<see cref="KnownApis.CpuHeavy"/>, with their conditions), and
/// loops without any await whose work grows with the input — a nest of indexed loops over input bounds (per pixel,
/// per cell), a byte-by-byte loop over a payload read whole in the same method, or hashing repeated an input-dependent number of times.
/// </summary>
internal sealed partial class BLZ104HeavyCpuAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HeavyCpu);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterOperation(AnalyzeCall, RuleRequirements.Tasks, OperationKind.Invocation, OperationKind.ObjectCreation);
        registry.RegisterOperation(AnalyzeLoop, RuleRequirements.Tasks, OperationKind.Loop);
        registry.RegisterOperation(AnalyzeMethodGroup, RuleRequirements.Tasks, OperationKind.MethodReference);
    }

    private static void AnalyzeCall(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var (method, arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (method is null)
        {
            return;
        }

        (HeavyWhen When, string What) entry;
        if (context.Operation is IInvocationOperation call && symbols.TryGetSyncIoCounterpart(method, out _) && BlockingCalls.IsCompressionStreamCall(call, symbols))
        {
            if (!BlockingCalls.IsHeavyCompressionCall(call, symbols))
            {
                return; // one write of bytes of unknown, maybe tiny, size
            }

            entry = (HeavyWhen.Always, "compression through a compression stream");
        }
        else if (!symbols.TryGetCpuHeavy(method, out entry) || !BlockingCalls.HeavyApplies(entry.When, method, arguments, symbols, context.CancellationToken)
            || (entry.When == HeavyWhen.BlockingIo && symbols.TryGetSyncIoCounterpart(method, out _)))
        {
            // Blocking I/O that has a twin after all is BLZ102's, whose advice is the twin.
            return;
        }

        if (!AsyncContext.IsAsyncContext(context.Operation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var name = method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeavyCpu, context.Operation.Syntax.GetLocation(), $"'{name}' ({entry.What})"));
    }

    private static void AnalyzeLoop(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        // Each nest of loops is analysed once, from its outermost loop: the inner ones are reached from there.
        var loop = (ILoopOperation)context.Operation;
        if (HasEnclosingLoop(loop) || !AsyncContext.IsAsyncContext(loop, context.ContainingSymbol, symbols))
        {
            return;
        }

        ReportOutermostHeavyLoops(context, loop, symbols);
    }

    /// <summary>Reports <paramref name="loop"/> if it is heavy, else the outermost heavy loops nested in it.</summary>
    private static void ReportOutermostHeavyLoops(OperationAnalysisContext context, ILoopOperation loop, BlitzSymbols symbols)
    {
        var kind = HeavyLoops.Classify(loop, symbols);
        if (kind != HeavyLoopKind.None)
        {
            var what = HeavyLoops.Describe(kind);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeavyCpu, Keyword(loop).GetLocation(), char.ToUpperInvariant(what[0]) + what.Substring(1)));
            return;
        }

        foreach (var inner in LoopsDirectlyWithin(loop.Body))
        {
            ReportOutermostHeavyLoops(context, inner, symbols);
        }
    }

    private static bool HasEnclosingLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null && current is not (IAnonymousFunctionOperation or ILocalFunctionOperation); current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The loops in <paramref name="body"/>'s own function that no other loop of it encloses.</summary>
    private static List<ILoopOperation> LoopsDirectlyWithin(IOperation body)
    {
        var loops = new List<ILoopOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            foreach (var child in pending.Pop().ChildOperations)
            {
                if (child is ILoopOperation loop)
                {
                    loops.Add(loop);
                }
                else if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return loops;
    }

    private static SyntaxToken Keyword(ILoopOperation loop) => loop.Syntax switch
    {
        ForStatementSyntax f => f.ForKeyword,
        CommonForEachStatementSyntax f => f.ForEachKeyword,
        WhileStatementSyntax w => w.WhileKeyword,
        DoStatementSyntax d => d.DoKeyword,
        _ => loop.Syntax.GetFirstToken(),
    };
}
