using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>Small structural questions about operation trees, shared by the bucket analyzers.</summary>
internal static class OperationHelpers
{
    /// <summary>The descendants of <paramref name="root"/> that run in the same function (nested lambdas and local functions are skipped).</summary>
    public static IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
    {
        var stack = new Stack<IOperation>();
        foreach (var child in root.ChildOperations)
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>True when <paramref name="root"/> awaits (await, await foreach, await using) in its own function.</summary>
    public static bool ContainsAwait(IOperation root)
    {
        foreach (var operation in DescendantsInSameFunction(root))
        {
            if (IsAwait(operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an await, an await foreach or an await using.</summary>
    public static bool IsAwait(IOperation operation) =>
        operation is IAwaitOperation
        || operation is IForEachLoopOperation { IsAsynchronous: true }
        || operation is IUsingOperation { IsAsynchronous: true }
        || operation is IUsingDeclarationOperation { IsAsynchronous: true };

    public static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The symbol a simple reference denotes (a local, parameter, field or property), or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : WithoutConversions(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        _ => null,
    };

    public static bool IsConstantZero(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: int or long } constant && System.Convert.ToInt64(constant.Value) == 0;

    /// <summary>True when <paramref name="inner"/> lies within <paramref name="outer"/>'s syntax.</summary>
    public static bool IsWithin(IOperation inner, IOperation outer) => outer.Syntax.Span.Contains(inner.Syntax.Span);
}
