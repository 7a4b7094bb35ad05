using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ113: sequences whose size is provably small wherever the code runs, so that a query over them is bounded work.
/// A size is known from the code alone: an array written out or created with a constant size, a collection expression
/// without a spread, <c>Enumerable.Range</c> with a small constant count, a local initialized with one of these and
/// never written again, and a parameter of a private method whose every call in its type passes one of these (two
/// calls up at most: <c>Render() => LoadAsync(100)</c>, <c>LoadAsync(int count) => Build(count)</c>). A private method
/// is called only from its own type, so its call sites are all known; one that is also used as a method group (or in
/// any other way than a call) has callers this cannot list, and is not read. Anything else, a public method's
/// parameter above all, is a caller's input of unknown size.
/// </summary>
internal static class SmallInputs
{
    /// <summary>The most elements a small sequence has: a query of plain arithmetic over them takes microseconds.</summary>
    public const int MostElements = 1000;

    // Call sites read upwards from the offloaded work; deeper chains are not read (and the walk stays short).
    private const int CallerDepth = 2;

    /// <summary>True when <paramref name="value"/> is a sequence of at most <see cref="MostElements"/> elements.</summary>
    public static bool IsSmallSequence(IOperation value, Compilation compilation, CancellationToken cancellationToken) =>
        IsSmallSequence(value, compilation, depth: 0, cancellationToken);

    private static bool IsSmallSequence(IOperation value, Compilation compilation, int depth, CancellationToken cancellationToken)
    {
        value = OperationHelpers.WithoutConversions(value);
        return value switch
        {
            IArrayCreationOperation array => array.DimensionSizes.Length == 1 && IsSmallCount(array.DimensionSizes[0], compilation, depth, cancellationToken),
            ICollectionExpressionOperation collection => collection.Elements.Length <= MostElements && !collection.Elements.Any(e => e is ISpreadOperation),
            IInvocationOperation { TargetMethod: { Name: "Range", ContainingType: { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } } } } range
                => range.Arguments.Length == 2 && IsSmallCount(range.Arguments[1].Value, compilation, depth, cancellationToken),
            ILocalReferenceOperation local => IsSmallLocal(local, compilation, depth, cancellationToken),
            IParameterReferenceOperation parameter => EveryCallPasses(parameter.Parameter, compilation, depth, cancellationToken, IsSmallSequence),
            _ => false,
        };
    }

    private static bool IsSmallCount(IOperation value, Compilation compilation, int depth, CancellationToken cancellationToken)
    {
        value = OperationHelpers.WithoutConversions(value);
        if (value.ConstantValue is { HasValue: true, Value: int count })
        {
            return count is >= 0 and <= MostElements;
        }

        return value is IParameterReferenceOperation parameter && EveryCallPasses(parameter.Parameter, compilation, depth, cancellationToken, IsSmallCount);
    }

    /// <summary>A local initialized with a small sequence and never written again in the block that declares it.</summary>
    private static bool IsSmallLocal(ILocalReferenceOperation reference, Compilation compilation, int depth, CancellationToken cancellationToken) =>
        LocalWrites.SoleValue(reference.Local, SourceModels.Of(compilation, reference.Syntax.SyntaxTree), cancellationToken) is { } initial
        && IsSmallSequence(initial, compilation, depth, cancellationToken);

    /// <summary>
    /// True when <paramref name="parameter"/> belongs to a private ordinary method that is only ever called, at least
    /// once, and every call passes a value that <paramref name="passes"/> accepts one call further up.
    /// </summary>
    private static bool EveryCallPasses(IParameterSymbol parameter, Compilation compilation, int depth, CancellationToken cancellationToken,
        Func<IOperation, Compilation, int, CancellationToken, bool> passes)
    {
        if (depth >= CallerDepth || parameter.RefKind != RefKind.None || parameter.IsParams
            || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private } method)
        {
            return false;
        }

        var calls = 0;
        foreach (var declaration in method.ContainingType.DeclaringSyntaxReferences)
        {
            var root = declaration.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var name in root.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                // Only a call names the method as the callee; any other use (a method group, nameof) has unknown callers.
                var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
                {
                    return false;
                }

                model ??= SourceModels.Of(compilation, root.SyntaxTree);
                if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call
                    || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    continue; // an overload of the same name
                }

                var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal);
                if (argument is null || !passes(argument.Value, compilation, depth + 1, cancellationToken))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }
}
