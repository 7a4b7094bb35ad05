using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Where the sequence a call returns is enumerated in the same method: a <c>foreach</c> over the call, or an
/// enumerating LINQ method on it (<c>.ToList()</c>, <c>.Count()</c>, <see cref="KnownApis.EnumeratingLinqMethods"/>),
/// directly or through a local that holds the call's result. An iterator's work runs there, not at the call.
/// </summary>
internal static class SequenceEnumerations
{
    private static readonly HashSet<string> Enumerating = new(KnownApis.EnumeratingLinqMethods);

    /// <summary>The enumerations of <paramref name="call"/>'s result: <c>foreach</c> loops and LINQ invocations, in source order.</summary>
    public static IReadOnlyList<IOperation> Of(IOperation call)
    {
        var found = new List<IOperation>();
        var value = Outermost(call);
        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } })
        {
            foreach (var reference in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(call)).OfType<ILocalReferenceOperation>())
            {
                if (SymbolEqualityComparer.Default.Equals(reference.Local, local) && Enumeration(Outermost(reference)) is { } enumeration)
                {
                    found.Add(enumeration);
                }
            }
        }
        else if (Enumeration(value) is { } enumeration)
        {
            found.Add(enumeration);
        }

        return found.OrderBy(e => e.Syntax.SpanStart).ToList();
    }

    /// <summary><paramref name="value"/> with the implicit conversions around it: what its parent sees.</summary>
    public static IOperation Outermost(IOperation value)
    {
        while (value.Parent is IConversionOperation conversion)
        {
            value = conversion;
        }

        return value;
    }

    private static IOperation? Enumeration(IOperation value) => value.Parent switch
    {
        IForEachLoopOperation { IsAsynchronous: false } loop when loop.Collection == value => loop,
        IArgumentOperation { Parent: IInvocationOperation invocation } argument
            when invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument && IsEnumeratingLinq(invocation.TargetMethod) => invocation,
        _ => null,
    };

    private static bool IsEnumeratingLinq(IMethodSymbol method) =>
        method.IsExtensionMethod && Enumerating.Contains(method.Name)
        && method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
