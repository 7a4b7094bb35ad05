using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Loops without any await whose work grows with the input: a nest of indexed loops over input bounds (not one pass
/// over a grid's cells, <see cref="GridCells"/>), a
/// byte-by-byte loop over a payload read whole in the same method, or hashing repeated an input-dependent number of
/// times; and a loop whose work is long whatever the input (<see cref="CountedLoops"/>: ten million passes of
/// arithmetic or more). BLZ104 reports them in async methods; the blocking summaries (BLZ111) count them as blocking work.
/// </summary>
internal static class HeavyLoops
{
    /// <summary>What makes the loop heavy, or <see cref="HeavyLoopKind.None"/>. A loop that awaits is never heavy: it yields its thread.</summary>
    public static HeavyLoopKind Classify(ILoopOperation loop, BlitzSymbols symbols)
    {
        if (!DependsOnInput(loop))
        {
            // A loop bounded by a constant does the same work whatever the input; heavy only when that work is long.
            return loop is IForLoopOperation counted && CountedLoops.ArithmeticPasses(counted) >= CountedLoops.HeavyPasses
                ? HeavyLoopKind.LongArithmeticLoop
                : HeavyLoopKind.None;
        }

        var inner = OperationHelpers.DescendantsInSameFunction(loop).ToList();
        if (inner.Any(OperationHelpers.IsAwait))
        {
            return HeavyLoopKind.None;
        }

        if (loop is IForLoopOperation outer
            && inner.OfType<IForLoopOperation>().Any(l => l != loop && DependsOnInput(l) && IndexesElements(l.Body) && !GridCells.IsWalkOfCells(outer, l)
                && !LeavesAfterward(l, outer)))
        {
            return HeavyLoopKind.NestedPerElement;
        }

        if (WalkedPayload(loop, inner) is { } payload && WholePayload.IsReadWhole(payload, loop))
        {
            return HeavyLoopKind.BytewiseOverWholePayload;
        }

        if (inner.Any(o => o is IInvocationOperation call && symbols.IsHashingCall(call.TargetMethod)))
        {
            return HeavyLoopKind.RepeatedHashing;
        }

        return HeavyLoopKind.None;
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
        IForLoopOperation { Condition: IBinaryOperation condition } => !OperationHelpers.WithoutConversions(condition.RightOperand).ConstantValue.HasValue
            && !IsLengthOfFixedSizeLocal(condition.RightOperand) && !IsFixedByType(condition.RightOperand, depth: 0),
        IForLoopOperation => false,
        IForEachLoopOperation forEach => OperationHelpers.WithoutConversions(forEach.Collection) is not (IArrayCreationOperation or ICollectionExpressionOperation),
        _ => true,
    };

    /// <summary>
    /// An inner loop followed, in its own block, by a statement that leaves the outer loop (<c>throw</c>, <c>return</c>,
    /// a <c>break</c> of the outer loop): it runs at most once, so the nest is one pass, not one per outer element.
    /// </summary>
    private static bool LeavesAfterward(IForLoopOperation innerLoop, IForLoopOperation outer)
    {
        if (innerLoop.Parent is not IBlockOperation block)
        {
            return false;
        }

        var after = false;
        foreach (var statement in block.Operations)
        {
            if (statement == innerLoop)
            {
                after = true;
                continue;
            }

            if (after && (statement is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }
                || (statement is IBranchOperation { BranchKind: BranchKind.Break } exit && SymbolEqualityComparer.Default.Equals(exit.Target, outer.ExitLabel))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A bound fixed by a type, not by the input: <c>sizeof(T)</c>, <c>Marshal.SizeOf&lt;T&gt;()</c>,
    /// <c>Unsafe.SizeOf&lt;T&gt;()</c>, constants, arithmetic of those, or a local whose only value is one (<c>var size =
    /// Marshal.SizeOf&lt;T&gt;(); for (j = 0; j &lt; size / 2; j++)</c>: the bytes of one element, swapped in place).
    /// </summary>
    private static bool IsFixedByType(IOperation bound, int depth)
    {
        bound = OperationHelpers.WithoutConversions(bound);
        switch (bound)
        {
            case { ConstantValue.HasValue: true }:
            case ISizeOfOperation:
            case IInvocationOperation { TargetMethod: { Name: "SizeOf", ContainingType.Name: "Marshal" or "Unsafe" }, Arguments.Length: 0 }:
                return true;
            case IBinaryOperation binary:
                return IsFixedByType(binary.LeftOperand, depth) && IsFixedByType(binary.RightOperand, depth);
            case ILocalReferenceOperation { Local: var local } when depth < 2 && bound.SemanticModel is { } model:
                return LocalWrites.SoleValue(local, model, default) is { } value && IsFixedByType(value, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>block.Length</c> of a local array created with a constant size (<c>var block = new uint[16];</c>) and never
    /// assigned again: a fixed bound, like the constant itself.
    /// </summary>
    private static bool IsLengthOfFixedSizeLocal(IOperation bound) =>
        OperationHelpers.WithoutConversions(bound) is IPropertyReferenceOperation { Property.Name: "Length", Instance: ILocalReferenceOperation { Local: { Type: IArrayTypeSymbol { Rank: 1 } } local } reference }
        && reference.SemanticModel is { } model
        && LocalWrites.SoleValue(local, model, default) is { } value
        && OperationHelpers.WithoutConversions(value) is IArrayCreationOperation { DimensionSizes: { Length: 1 } sizes } && sizes[0].ConstantValue.HasValue;

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
            source = OperationHelpers.Receiver(call) ?? source;
        }

        source = OperationHelpers.WithoutConversions(source);
        return source.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } ? OperationHelpers.ReferencedSymbol(source) : null;
    }

    /// <summary>The kind as the messages phrase it, in lower case: "a nest of per-element loops over the input".</summary>
    public static string Describe(HeavyLoopKind kind) => kind switch
    {
        HeavyLoopKind.NestedPerElement => "a nest of per-element loops over the input",
        HeavyLoopKind.BytewiseOverWholePayload => "a byte-by-byte loop over a whole payload",
        HeavyLoopKind.RepeatedHashing => "hashing repeated an input-dependent number of times",
        HeavyLoopKind.LongArithmeticLoop => "an arithmetic loop of at least ten million passes fixed at compile time",
        _ => "",
    };
}
