using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>A wrapper's overload identity: arity and parameter types; a <see langword="null"/> type is the added cancellation token.</summary>
internal readonly struct WrapperSignature
{
    private readonly int arity;
    private readonly List<ITypeSymbol?> parameterTypes;

    private WrapperSignature(int arity, List<ITypeSymbol?> parameterTypes)
    {
        this.arity = arity;
        this.parameterTypes = parameterTypes;
    }

    /// <summary>
    /// The index of the parameter that receives the wrapper's cancellation token (the last
    /// <see cref="System.Threading.CancellationToken"/> parameter), or -1 when the wrapper adds its own.
    /// </summary>
    public static int GetCancellationTokenParameterIndex(IMethodSymbol method)
    {
        for (int i = method.Parameters.Length - 1; i >= 0; i--)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (parameter.RefKind == RefKind.None && !parameter.IsParams && SymbolNames.IsCancellationToken(parameter.Type))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The signatures of the wrappers generated for <paramref name="method"/>: one, or two for a <c>params</c> method
    /// without its own token, since the token cannot follow a params parameter: <c>(params T[] items)</c> and
    /// <c>(T[] items, CancellationToken)</c>.
    /// </summary>
    public static List<WrapperSignature> OfWrappers(IMethodSymbol method)
    {
        var parameterTypes = new List<ITypeSymbol?>(method.Parameters.Length + 1);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            parameterTypes.Add(parameter.Type);
        }

        var signatures = new List<WrapperSignature>(2);
        if (GetCancellationTokenParameterIndex(method) >= 0)
        {
            signatures.Add(new WrapperSignature(method.TypeParameters.Length, parameterTypes));
            return signatures;
        }

        if (method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams)
        {
            signatures.Add(new WrapperSignature(method.TypeParameters.Length, new List<ITypeSymbol?>(parameterTypes)));
        }

        parameterTypes.Add(null);
        signatures.Add(new WrapperSignature(method.TypeParameters.Length, parameterTypes));
        return signatures;
    }

    /// <summary>The signature of an existing method, as a wrapper's would be compared with it.</summary>
    public static WrapperSignature Of(IMethodSymbol method)
    {
        var types = new List<ITypeSymbol?>(method.Parameters.Length);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            // A by-ref parameter never matches a wrapper's by-value one: arity -1 marks "matches nothing".
            if (parameter.RefKind != RefKind.None)
            {
                return new WrapperSignature(-1, types);
            }

            types.Add(parameter.Type);
        }

        return new WrapperSignature(method.TypeParameters.Length, types);
    }

    /// <summary>Whether the two would be one overload, so that they cannot both be members of a type.</summary>
    public bool SameAs(WrapperSignature other)
    {
        if (arity < 0 || arity != other.arity || parameterTypes.Count != other.parameterTypes.Count)
        {
            return false;
        }

        for (int i = 0; i < parameterTypes.Count; i++)
        {
            if (!SameParameterType(parameterTypes[i], other.parameterTypes[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameParameterType(ITypeSymbol? left, ITypeSymbol? right)
    {
        if (left is null || right is null)
        {
            return (left ?? right) is null || SymbolNames.IsCancellationToken(left ?? right);
        }

        return SameType(left, right);
    }

    // Method type parameters match by position (M<T>(T) and M<U>(U) are the same signature); names of tuple
    // elements and nullability do not count, as in C# overloading.
    private static bool SameType(ITypeSymbol left, ITypeSymbol right)
    {
        switch (left)
        {
            case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } leftParameter:
                return right is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } rightParameter
                    && leftParameter.Ordinal == rightParameter.Ordinal;
            case IArrayTypeSymbol leftArray:
                return right is IArrayTypeSymbol rightArray && leftArray.Rank == rightArray.Rank
                    && SameType(leftArray.ElementType, rightArray.ElementType);
            case INamedTypeSymbol { IsGenericType: true } leftNamed:
                if (right is not INamedTypeSymbol { IsGenericType: true } rightNamed
                    || !SymbolEqualityComparer.Default.Equals(leftNamed.OriginalDefinition, rightNamed.OriginalDefinition))
                {
                    return false;
                }

                for (int i = 0; i < leftNamed.TypeArguments.Length; i++)
                {
                    if (!SameType(leftNamed.TypeArguments[i], rightNamed.TypeArguments[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return SymbolEqualityComparer.Default.Equals(left, right);
        }
    }
}
