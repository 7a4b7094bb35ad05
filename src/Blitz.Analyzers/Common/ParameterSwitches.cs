using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Work that runs only when a bool parameter has one value: <c>if (disposing) { ... }</c>, the <c>else</c> of
/// <c>if (!disposing)</c>, or after <c>if (!disposing) return;</c>; or only when an int parameter is positive
/// (<c>if (timeout &gt; 0)</c>). A caller that passes the other value as a constant (<c>Dispose(false)</c> from
/// <c>DisposeAsync</c>, <c>Close(0)</c>) does not run it.
/// </summary>
internal static class ParameterSwitches
{
    /// <summary>The innermost bool parameter switch of <paramref name="operation"/> inside <paramref name="body"/>: its ordinal (or -1) and the value that runs it.</summary>
    public static (int Ordinal, bool Value) SwitchOf(IOperation operation, IOperation body)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && conditional.Condition != child
                && BranchTest(conditional.Condition, conditional.WhenTrue == child) is { Ordinal: >= 0 } test)
            {
                return (test.Ordinal, conditional.WhenTrue == child ? test.Value : !test.Value);
            }

            if (parent is IBlockOperation block && EarlyReturn(block, child) is { Ordinal: >= 0 } returned)
            {
                return (returned.Ordinal, !returned.Value);
            }
        }

        return (-1, false);
    }

    /// <summary>An earlier <c>if (p) return;</c> in <paramref name="block"/>: the parameter and the value that returns.</summary>
    private static (int Ordinal, bool Value) EarlyReturn(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } conditional && FirstUseGuards.Returns(conditional.WhenTrue)
                && BranchTest(conditional.Condition, whenTrue: false) is { Ordinal: >= 0 } test)
            {
                return test;
            }
        }

        return (-1, false);
    }

    /// <summary>
    /// The parameter test that decides one branch of <paramref name="condition"/>: the condition itself, or an operand
    /// of <c>&amp;&amp;</c> for the branch taken when it holds (<c>if (disposing &amp;&amp; !_closed)</c> runs only when
    /// <c>disposing</c>), or an operand of <c>||</c> for the branch taken when it fails.
    /// </summary>
    private static (int Ordinal, bool Value) BranchTest(IOperation condition, bool whenTrue)
    {
        if (Test(condition) is { Ordinal: >= 0 } plain)
        {
            return plain;
        }

        if (OperationHelpers.WithoutConversions(condition) is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
            && (logical.OperatorKind == BinaryOperatorKind.ConditionalAnd) == whenTrue)
        {
            return BranchTest(logical.LeftOperand, whenTrue) is { Ordinal: >= 0 } left ? left : BranchTest(logical.RightOperand, whenTrue);
        }

        return (-1, false);
    }

    /// <summary>
    /// <c>p</c> is (ordinal, true), <c>!p</c> is (ordinal, false), for a bool parameter <c>p</c>; for an int parameter,
    /// <c>p &gt; 0</c> is (ordinal, true) and <c>p &lt;= 0</c> is (ordinal, false), the value being whether <c>p</c> is
    /// positive (<c>if (waitMilliseconds &gt; 0) WaitOne(...)</c>, called with <c>0</c>).
    /// </summary>
    private static (int Ordinal, bool Value) Test(IOperation condition) => OperationHelpers.WithoutConversions(condition) switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThanOrEqual, LeftOperand: var left, RightOperand: var right } comparison
            when OperationHelpers.WithoutConversions(left) is IParameterReferenceOperation { Parameter.Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } parameter
                && OperationHelpers.IsConstantZero(right) =>
            (parameter.Parameter.Ordinal, comparison.OperatorKind == BinaryOperatorKind.GreaterThan),
        IParameterReferenceOperation { Parameter.Type.SpecialType: SpecialType.System_Boolean } parameter => (parameter.Parameter.Ordinal, true),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IParameterReferenceOperation { Parameter.Type.SpecialType: SpecialType.System_Boolean } parameter } => (parameter.Parameter.Ordinal, false),
        _ => (-1, false),
    };
}
