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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class BLZ104HeavyCpuAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HeavyCpu);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = BlitzSymbols.Deferred(start.Compilation);
            start.RegisterTaskRuleAction(symbols, AnalyzeCall, OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterTaskRuleAction(symbols, AnalyzeLoop, OperationKind.Loop);
            start.RegisterTaskRuleAction(symbols, AnalyzeMethodGroup, OperationKind.MethodReference);
        });
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
            entry = (HeavyWhen.Always, "compression through a compression stream");
        }
        else if (!symbols.TryGetCpuHeavy(method, out entry) || !BlockingCalls.HeavyApplies(entry.When, method, arguments, symbols, context.CancellationToken))
        {
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
        var what = HeavyLoop(loop, symbols);
        if (what is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeavyCpu, Keyword(loop).GetLocation(), what));
            return;
        }

        foreach (var inner in LoopsDirectlyWithin(loop.Body))
        {
            ReportOutermostHeavyLoops(context, inner, symbols);
        }
    }

    /// <summary>What makes the loop heavy, or null. A loop that awaits is never heavy: it yields its thread.</summary>
    internal static string? HeavyLoop(ILoopOperation loop, BlitzSymbols symbols)
    {
        if (!DependsOnInput(loop))
        {
            return null;
        }

        var inner = OperationHelpers.DescendantsInSameFunction(loop).ToList();
        if (inner.Any(OperationHelpers.IsAwait))
        {
            return null;
        }

        if (loop is IForLoopOperation && inner.OfType<IForLoopOperation>().Any(l => l != loop && DependsOnInput(l) && IndexesElements(l.Body)))
        {
            return "A nest of per-element loops over the input";
        }

        if (WalkedPayload(loop, inner) is { } payload && WholePayload.IsReadWhole(payload, loop))
        {
            return "A byte-by-byte loop over a whole payload";
        }

        if (inner.Any(o => o is IInvocationOperation call && symbols.IsHashingCall(call.TargetMethod)))
        {
            return "Hashing repeated an input-dependent number of times";
        }

        return null;
    }

    /// <summary>
    /// The byte payload the loop walks element by element: indexed up to its <c>Length</c> by a for loop, or enumerated,
    /// whole or in chunks, by a foreach. Null for any other loop.
    /// </summary>
    private static ISymbol? WalkedPayload(ILoopOperation loop, List<IOperation> inner) => loop switch
    {
        IForLoopOperation { Condition: IBinaryOperation { RightOperand: var bound } } when LengthOfPayload(bound) is { } payload
            && inner.Any(o => o is IArrayElementReferenceOperation element && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(element.ArrayReference), payload)
                || o is IPropertyReferenceOperation { Arguments.Length: 1 } indexer && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(indexer.Instance), payload)) => payload,
        IForEachLoopOperation forEach => EnumeratedPayload(forEach.Collection),
        _ => null,
    };

    /// <summary>A for loop bounded by a non-constant, a foreach over anything but a small literal, or a while loop.</summary>
    private static bool DependsOnInput(ILoopOperation loop) => loop switch
    {
        IForLoopOperation { Condition: IBinaryOperation condition } => !OperationHelpers.WithoutConversions(condition.RightOperand).ConstantValue.HasValue,
        IForLoopOperation => false,
        IForEachLoopOperation forEach => OperationHelpers.WithoutConversions(forEach.Collection) is not (IArrayCreationOperation or ICollectionExpressionOperation),
        _ => true,
    };

    private static bool IndexesElements(IOperation body) =>
        OperationHelpers.DescendantsInSameFunction(body).Any(o => o is IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.Length: > 0 } or IInlineArrayAccessOperation);

    /// <summary>The byte array or byte span whose <c>Length</c> bounds the loop, or null.</summary>
    private static ISymbol? LengthOfPayload(IOperation bound)
    {
        if (OperationHelpers.WithoutConversions(bound) is not IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance })
        {
            return null;
        }

        var type = instance.Type;
        var element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        return element?.SpecialType == SpecialType.System_Byte ? OperationHelpers.ReferencedSymbol(instance) : null;
    }

    /// <summary>The byte array a foreach walks, directly or in pieces (<c>payload.Chunk(width)</c>), or null.</summary>
    private static ISymbol? EnumeratedPayload(IOperation collection)
    {
        var source = OperationHelpers.WithoutConversions(collection);
        if (source is IInvocationOperation call)
        {
            source = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : source);
        }

        source = OperationHelpers.WithoutConversions(source);
        return source.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } ? OperationHelpers.ReferencedSymbol(source) : null;
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
