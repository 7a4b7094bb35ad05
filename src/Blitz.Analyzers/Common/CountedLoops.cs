using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// For loops whose number of passes is fixed at compile time (<c>for (var n = 0; n &lt; 100_000; n++)</c>) and whose
/// body is plain arithmetic: the one kind of loop whose cost can be read from the code alone. Each pass of such a loop
/// costs about a nanosecond (a compare, an increment, a jump and a few register operations), so its passes measure
/// its time:
/// <list type="bullet">
/// <item>at most <see cref="CheapPasses"/> (a millisecond at most) it is cheap inline work, bucket 2 (BLZ113 when it
/// is offloaded);</item>
/// <item>at least <see cref="HeavyPasses"/> (ten milliseconds at least, most of a UI frame, ten thousand async
/// continuations' worth of a pool thread) it is heavy CPU, bucket 3 (BLZ104 when it runs inline);</item>
/// <item>between the two, neither is claimed.</item>
/// </list>
/// A body that calls anything, creates anything, reads a property or leaves the loop early (break, return, throw,
/// goto: a search, a retry loop bounded by <c>int.MaxValue</c>) is not plain arithmetic, and its cost is not read here.
/// </summary>
internal static class CountedLoops
{
    /// <summary>The most passes of plain arithmetic that are still cheap work (about a millisecond).</summary>
    public const long CheapPasses = 1_000_000;

    /// <summary>The fewest passes of plain arithmetic that are heavy work (about ten milliseconds).</summary>
    public const long HeavyPasses = 10_000_000;

    /// <summary>
    /// The passes of <paramref name="loop"/> and the counted loops nested in it, when it is a counted loop whose whole
    /// body is plain arithmetic; else null.
    /// </summary>
    public static long? ArithmeticPasses(IForLoopOperation loop)
    {
        if (Passes(loop) is not { } passes || !IsArithmetic(loop.Condition) || !IsArithmetic(loop.Body) || WritesCounter(loop))
        {
            return null;
        }

        long perPass = 1;
        foreach (var inner in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            // Each nested loop is counted once, from the loop directly around it.
            if (inner is IForLoopOperation nested && IsDirectlyWithin(nested, loop))
            {
                if (ArithmeticPasses(nested) is not { } nestedPasses)
                {
                    return null;
                }

                perPass = Saturating(perPass + nestedPasses);
            }
        }

        return Saturating(passes, perPass);
    }

    /// <summary>
    /// The passes of <c>for (var i = a; i &lt; b; i++)</c> (or <c>&lt;=</c>, <c>i += 1</c>, <c>++i</c>) with constant
    /// <c>a</c> and <c>b</c>, one loop variable and nothing else in its header; else null.
    /// </summary>
    public static long? Passes(IForLoopOperation loop)
    {
        if (loop.Before.Length != 1 || loop.AtLoopBottom.Length != 1 || loop.Locals.Length != 1
            || loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } condition
            || OperationHelpers.WithoutConversions(condition.LeftOperand) is not ILocalReferenceOperation { Local: var counter }
            || !SymbolEqualityComparer.Default.Equals(counter, loop.Locals[0])
            || OperationHelpers.WithoutConversions(condition.RightOperand).ConstantValue is not { HasValue: true, Value: { } end }
            || Start(loop.Before[0]) is not { } start
            || !StepsByOne(loop.AtLoopBottom[0], counter)
            || !TryGetInteger(end, out var last))
        {
            return null;
        }

        var passes = last - start + (condition.OperatorKind == BinaryOperatorKind.LessThanOrEqual ? 1 : 0);
        return passes < 0 ? 0 : passes;
    }

    /// <summary>
    /// A loop whose number of passes is written in the source: a counted <c>for</c> between constants (<see cref="Passes"/>),
    /// or a <c>foreach</c> over what <see cref="IsWrittenInSource"/> accepts. Its author chose how many, however many.
    /// </summary>
    public static bool HasConstantPasses(ILoopOperation loop) => loop switch
    {
        IForLoopOperation counted => Passes(counted) is not null,
        IForEachLoopOperation { Collection: var collection } => IsWrittenInSource(OperationHelpers.WithoutConversions(collection)),
        _ => false,
    };

    /// <summary>
    /// <c>Enumerable.Range</c> of a constant count, an array or collection written out element by element, or a local
    /// whose only value is one (<c>var pages = new[] { "a", "b" }; foreach (var page in pages)</c>).
    /// </summary>
    private static bool IsWrittenInSource(IOperation collection)
    {
        if (collection is ILocalReferenceOperation { Local: var local } && collection.SemanticModel is { } model
            && LocalWrites.SoleValue(local, model, default) is { } value)
        {
            collection = OperationHelpers.WithoutConversions(value);
        }

        return collection switch
        {
            IInvocationOperation { TargetMethod: { Name: "Range", ContainingType.Name: "Enumerable" } } range => range.Arguments.Length == 2 && range.Arguments[1].Value.ConstantValue.HasValue,
            IArrayCreationOperation { Initializer: not null } => true,
            ICollectionExpressionOperation => true,
            _ => false,
        };
    }

    /// <summary>A body that moves the counter itself (<c>n += 4</c>) makes its own number of passes.</summary>
    private static bool WritesCounter(IForLoopOperation loop)
    {
        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation step => step.Target,
                _ => null,
            };
            if (target is ILocalReferenceOperation { Local: var local } && SymbolEqualityComparer.Default.Equals(local, loop.Locals[0]))
            {
                return true;
            }
        }

        return false;
    }

    private static long? Start(IOperation before)
    {
        var initializer = before switch
        {
            IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations } when declarations[0].Declarators.Length == 1
                => declarations[0].Declarators[0].Initializer?.Value ?? declarations[0].Initializer?.Value,
            _ => null,
        };
        return initializer is not null && OperationHelpers.WithoutConversions(initializer).ConstantValue is { HasValue: true, Value: { } value }
            && TryGetInteger(value, out var start)
            ? start
            : null;
    }

    private static bool StepsByOne(IOperation step, ILocalSymbol counter)
    {
        var operation = step is IExpressionStatementOperation statement ? statement.Operation : step;
        return operation switch
        {
            IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, counter),
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: 1 } }
                => SymbolEqualityComparer.Default.Equals(target.Local, counter),
            _ => false,
        };
    }

    /// <summary>
    /// Locals, parameters, fields, literals, array elements, built-in operators, assignments, conditions and nested
    /// counted loops: work whose every pass costs a few instructions, with no exit but the loop's own condition.
    /// </summary>
    public static bool IsArithmetic(IOperation? root)
    {
        if (root is null)
        {
            return true;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            var plain = operation switch
            {
                IBlockOperation or IExpressionStatementOperation or IEmptyOperation or IVariableDeclarationGroupOperation
                    or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
                    or ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
                    or IFieldReferenceOperation or IArrayElementReferenceOperation or ISimpleAssignmentOperation
                    or IConditionalOperation or IForLoopOperation => true,
                IBinaryOperation binary => binary.OperatorMethod is null,
                IUnaryOperation unary => unary.OperatorMethod is null,
                ICompoundAssignmentOperation compound => compound.OperatorMethod is null && !compound.InConversion.IsUserDefined && !compound.OutConversion.IsUserDefined,
                IIncrementOrDecrementOperation increment => increment.OperatorMethod is null,
                IConversionOperation conversion => !conversion.Conversion.IsUserDefined && conversion.Type?.IsReferenceType != true,
                _ => false,
            };
            if (!plain)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDirectlyWithin(IForLoopOperation nested, IForLoopOperation outer)
    {
        for (var current = nested.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation loop)
            {
                return loop == outer;
            }
        }

        return false;
    }

    private static bool TryGetInteger(object value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case short s: result = s; return true;
            case byte b: result = b; return true;
            case uint u: result = u; return true;
            case ushort us: result = us; return true;
            default: result = 0; return false;
        }
    }

    private static long Saturating(long sum) => sum < 0 ? long.MaxValue : sum;

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
