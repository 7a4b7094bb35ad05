using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>
/// What the rules need to know about a type's methods, each part built once per type symbol on first use: without
/// it every annotated method would scan all its siblings, which is quadratic in a type with many annotated methods.
/// Held weakly, so it lives as long as the compilation's symbols do.
/// </summary>
internal sealed class TypeMethodIndex
{
    private static readonly ConditionalWeakTable<INamedTypeSymbol, TypeMethodIndex> Cache = new();

    // Names of methods the compiler declares without a member declaration of that name, compared ignoring case.
    private static readonly string[] SynthesizedPrefixes = { "get_", "set_", "add_", "remove_", "op_" };
    private static readonly string[] SynthesizedNames = { "ToString", "Equals", "GetHashCode", "PrintMembers", "Deconstruct", "Finalize", "Invoke", "BeginInvoke", "EndInvoke" };

    private readonly INamedTypeSymbol _type;
    private Dictionary<IMethodSymbol, int>? _ordinals;
    private Dictionary<string, List<IMethodSymbol>>? _annotatedByWrapperName;

    private TypeMethodIndex(INamedTypeSymbol type) => _type = type;

    /// <summary>The 1-based position of each method among the type's methods named alike ignoring case, for groups of two or more.</summary>
    private Dictionary<IMethodSymbol, int> Ordinals => _ordinals ?? Interlocked.CompareExchange(ref _ordinals, BuildOrdinals(_type), null) ?? _ordinals!;

    /// <summary>The type's annotated ordinary methods, by the (unescaped) name of the wrapper each would get.</summary>
    /// <remarks>Built apart from <see cref="Ordinals"/>: a collision check needs only this, and it reads the attributes of annotated methods only.</remarks>
    private Dictionary<string, List<IMethodSymbol>> AnnotatedByWrapperName =>
        _annotatedByWrapperName ?? Interlocked.CompareExchange(ref _annotatedByWrapperName, BuildAnnotatedByWrapperName(_type), null) ?? _annotatedByWrapperName!;

    /// <summary>
    /// The ordinary methods of <paramref name="type"/> marked <c>[Blocking]</c> or <c>[CpuBound]</c> whose wrapper would
    /// be named <paramref name="wrapperName"/>, valid targets or not; empty when there are none.
    /// </summary>
    public static IReadOnlyList<IMethodSymbol> GetAnnotatedMethods(INamedTypeSymbol type, string wrapperName)
        => For(type).AnnotatedByWrapperName.TryGetValue(wrapperName, out List<IMethodSymbol>? methods) ? methods : Array.Empty<IMethodSymbol>();

    /// <summary>
    /// The 1-based position of <paramref name="method"/> among its type's methods whose names are equal ignoring case,
    /// or 0 when no other method shares its name.
    /// </summary>
    public static int GetNamesakeOrdinal(IMethodSymbol method)
        => MayHaveNamesakes(method) && For(method.ContainingType).Ordinals.TryGetValue(method, out int ordinal) ? ordinal : 0;

    private static TypeMethodIndex For(INamedTypeSymbol type) => Cache.GetValue(type, static t => new TypeMethodIndex(t));

    /// <summary>
    /// False when no other method of the type can share the method's name ignoring case; true when one might. Most
    /// methods have no namesake, and the type's declared member names say so without indexing all its methods.
    /// </summary>
    private static bool MayHaveNamesakes(IMethodSymbol method)
    {
        string name = method.Name;
        if (MayBeSynthesizedName(name))
        {
            return true; // accessors and record members are methods that the declared member names do not list
        }

        INamedTypeSymbol type = method.ContainingType;
        foreach (string memberName in type.MemberNames)
        {
            if (!string.Equals(memberName, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (ISymbol member in type.GetMembers(memberName))
            {
                if (member is IMethodSymbol && !SymbolEqualityComparer.Default.Equals(member, method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MayBeSynthesizedName(string name)
    {
        foreach (string prefix in SynthesizedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (string synthesized in SynthesizedNames)
        {
            if (string.Equals(name, synthesized, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<IMethodSymbol, int> BuildOrdinals(INamedTypeSymbol type)
    {
        var groups = new Dictionary<string, List<IMethodSymbol>>(StringComparer.OrdinalIgnoreCase);
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && !BlitzGeneratedCode.IsBlitzGenerated(method))
            {
                Add(groups, method.Name, method);
            }
        }

        var ordinals = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        foreach (List<IMethodSymbol> group in groups.Values)
        {
            for (int i = 0; group.Count > 1 && i < group.Count; i++)
            {
                ordinals[group[i]] = i + 1;
            }
        }

        return ordinals;
    }

    private static Dictionary<string, List<IMethodSymbol>> BuildAnnotatedByWrapperName(INamedTypeSymbol type)
    {
        var annotated = new Dictionary<string, List<IMethodSymbol>>(StringComparer.Ordinal);
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && OffloadAttributes.GetKind(method) != OffloadAttributeKind.None
                && !BlitzGeneratedCode.IsBlitzGenerated(method))
            {
                Add(annotated, WrapperNaming.GetWrapperName(method), method);
            }
        }

        return annotated;
    }

    private static void Add(Dictionary<string, List<IMethodSymbol>> map, string key, IMethodSymbol method)
    {
        if (!map.TryGetValue(key, out List<IMethodSymbol>? list))
        {
            map.Add(key, list = new List<IMethodSymbol>(1));
        }

        list.Add(method);
    }
}
