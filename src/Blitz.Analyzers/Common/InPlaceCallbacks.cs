using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Lambdas that run in place: passed to a method that calls them before it returns, on the caller's thread, so their
/// work is their enclosing function's work (<c>list.ForEach(x =&gt; Thread.Sleep(100))</c> inside a <c>Task.Run</c>
/// lambda blocks that pool thread). The invokers, from the framework's contracts: every delegate-taking method of
/// <c>List&lt;T&gt;</c>, <c>Array</c>, <c>ImmutableArray&lt;T&gt;</c>, <c>ImmutableList&lt;T&gt;</c> (ForEach, Find*,
/// Exists, TrueForAll, RemoveAll, ConvertAll, Sort) and <c>ConcurrentDictionary</c>'s value factories; a LINQ operator
/// that returns no sequence (Sum, Any, First, ToList, ToDictionary, Aggregate ...), or one that returns a lazy
/// sequence enumerated right there (by such an operator, or by a <c>foreach</c>). A lambda stored, returned or handed to
/// anything else may run later or elsewhere, and is not looked into.
/// </summary>
internal static class InPlaceCallbacks
{
    /// <summary>
    /// The operations of <paramref name="root"/> in its own function and in the sync lambdas it runs in place (nested
    /// as deep as they go), in no particular order.
    /// </summary>
    public static IEnumerable<IOperation> DescendantsRunHere(IOperation root)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(root))
        {
            yield return operation;
            if (operation is IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda && IsRunInPlace(lambda))
            {
                foreach (var inner in DescendantsRunHere(lambda.Body))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>True when <paramref name="lambda"/> is an argument of a call that runs it before returning.</summary>
    public static bool IsRunInPlace(IAnonymousFunctionOperation lambda) =>
        lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invoker } } && RunsCallbacksInPlace(invoker);

    private static bool RunsCallbacksInPlace(IInvocationOperation invoker)
    {
        var method = invoker.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var space = type.ContainingNamespace?.ToDisplayString();
        return (space, type.MetadataName) switch
        {
            ("System", "Array") => true,
            ("System.Collections.Generic", "List`1") => true,
            ("System.Collections.Immutable", "ImmutableArray`1" or "ImmutableList`1") => true,
            ("System.Collections.Concurrent", "ConcurrentDictionary`2") => method.Name is "GetOrAdd" or "AddOrUpdate",
            ("System.Linq", "Enumerable") => !ReturnsSequence(method) || IsEnumeratedHere(invoker),
            _ => false,
        };
    }

    /// <summary>A lazy LINQ result: <c>IEnumerable&lt;T&gt;</c> or <c>IOrderedEnumerable&lt;T&gt;</c>.</summary>
    private static bool ReturnsSequence(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { MetadataName: "IEnumerable`1" or "IOrderedEnumerable`1" };

    /// <summary>A lazy LINQ call whose sequence is enumerated in the same expression or by the foreach it feeds.</summary>
    private static bool IsEnumeratedHere(IInvocationOperation sequence)
    {
        IOperation value = sequence;
        while (value.Parent is IConversionOperation)
        {
            value = value.Parent;
        }

        return value.Parent switch
        {
            IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } next } => RunsCallbacksInPlace(next),
            IForEachLoopOperation each => each.Collection == value,
            _ => false,
        };
    }
}
