using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Work that runs only on first use of an object: behind <c>if (_connection == null)</c>, <c>if (!_initialized)</c>,
/// <c>if (!IsConnected)</c> or <c>if (_connectCount == 0)</c> on state of <c>this</c> (or of the type, for a static
/// cache), after an early <c>if (_cache != null) return _cache;</c>, or in the value of <c>_x ??= Make()</c> and
/// <c>_x ?? (_x = Make())</c>. A test of an enum state (<c>State == Unknown</c>) is not one: that state comes back.
/// Neither is a disposed or closed flag: disposing is the last use, not the first.
/// </summary>
internal static class FirstUseGuards
{
    /// <summary>Whether <paramref name="operation"/>, inside <paramref name="body"/>, runs only on first use.</summary>
    public static bool IsBehindFirstUseGuard(IOperation operation, IOperation body)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
        {
            var guarded = parent switch
            {
                IConditionalOperation conditional => (conditional.WhenTrue == child && IsNotYetTest(conditional.Condition))
                    || (conditional.WhenFalse == child && IsAlreadyTest(conditional.Condition)),
                ICoalesceAssignmentOperation assignment => assignment.Value == child && IsOwnState(assignment.Target),
                ICoalesceOperation coalesce => coalesce.WhenNull == child && IsOwnState(coalesce.Value),
                IBlockOperation block => FollowsEarlyReturn(block, child),
                _ => false,
            };
            if (guarded)
            {
                return !IsInLoop(parent, body); // a guard inside a loop is asked again on every pass
            }
        }

        return false;
    }

    private static bool IsInLoop(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A statement before <paramref name="statement"/> in <paramref name="block"/> returns when the object is already set up.</summary>
    private static bool FollowsEarlyReturn(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } conditional && Returns(conditional.WhenTrue) && IsAlreadyTest(conditional.Condition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A branch that ends in <c>return</c>: the body of an early return.</summary>
    public static bool Returns(IOperation branch) => branch switch
    {
        IReturnOperation => true,
        IBlockOperation { Operations.Length: > 0 } block => block.Operations[block.Operations.Length - 1] is IReturnOperation,
        _ => false,
    };

    /// <summary>True when the object is not set up yet: <c>_x == null</c>, <c>!_ready</c>, <c>_count == 0</c>.</summary>
    private static bool IsNotYetTest(IOperation condition) => OperationHelpers.WithoutConversions(condition) switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsOwnFlag(not.Operand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => IsNotYetTest(or.LeftOperand) && IsNotYetTest(or.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => IsNotYetTest(and.LeftOperand) || IsNotYetTest(and.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals => ComparesOwnStateWithUnset(equals),
        IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } pattern => IsOwnState(pattern.Value),
        _ => false,
    };

    /// <summary>True when the object is already set up: <c>_x != null</c>, <c>_ready</c>, <c>_count &gt; 0</c>.</summary>
    private static bool IsAlreadyTest(IOperation condition) => OperationHelpers.WithoutConversions(condition) switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => IsAlreadyTest(and.LeftOperand) && IsAlreadyTest(and.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => IsAlreadyTest(or.LeftOperand) || IsAlreadyTest(or.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals => ComparesOwnStateWithUnset(notEquals),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan } greater => IsOwnCounter(greater.LeftOperand) && OperationHelpers.IsConstantZero(greater.RightOperand),
        IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } } pattern => IsOwnState(pattern.Value),
        var flag => IsOwnFlag(flag),
    };

    /// <summary><c>_x == null</c>, <c>_count == 0</c>, <c>_ready == false</c>, either way round (and the same with <c>!=</c>).</summary>
    private static bool ComparesOwnStateWithUnset(IBinaryOperation comparison) =>
        (IsOwnState(comparison.LeftOperand) && IsUnset(comparison.RightOperand, comparison.LeftOperand))
        || (IsOwnState(comparison.RightOperand) && IsUnset(comparison.LeftOperand, comparison.RightOperand));

    private static bool IsUnset(IOperation value, IOperation state)
    {
        var constant = OperationHelpers.WithoutConversions(value).ConstantValue;
        if (!constant.HasValue)
        {
            return false;
        }

        var type = OperationHelpers.WithoutConversions(state).Type;
        return constant.Value is null
            || (constant.Value is false && type?.SpecialType == SpecialType.System_Boolean)
            || (type is { TypeKind: not TypeKind.Enum } && IsCounterType(type) && OperationHelpers.IsConstantZero(value));
    }

    private static bool IsOwnFlag(IOperation operation) =>
        OperationHelpers.WithoutConversions(operation).Type?.SpecialType == SpecialType.System_Boolean && IsOwnState(operation);

    private static bool IsOwnCounter(IOperation operation) =>
        OperationHelpers.WithoutConversions(operation).Type is { TypeKind: not TypeKind.Enum } type && IsCounterType(type) && IsOwnState(operation);

    private static bool IsCounterType(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    /// <summary>A field or property of <c>this</c> (or a static one), or a member of one: <c>_stream</c>, <c>Status.ConnectCount</c>.</summary>
    private static bool IsOwnState(IOperation operation)
    {
        var (member, instance) = OperationHelpers.WithoutConversions(operation) switch
        {
            IFieldReferenceOperation field => ((ISymbol)field.Field, field.Instance),
            IPropertyReferenceOperation { Arguments.Length: 0 } property => (property.Property, property.Instance),
            _ => (null, null),
        };
        if (member is null || IsTeardownState(member.Name))
        {
            return false;
        }

        // A static member counts when declared in source (a type's own cache), not a framework flag like Console.KeyAvailable.
        return instance is null ? !member.DeclaringSyntaxReferences.IsEmpty : instance is IInstanceReferenceOperation || IsOwnState(instance);
    }

    private static bool IsTeardownState(string name) =>
        name.IndexOf("dispos", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("clos", StringComparison.OrdinalIgnoreCase) >= 0;
}
