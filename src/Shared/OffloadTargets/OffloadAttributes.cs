using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>
/// Recognizes <c>[Blocking]</c> and <c>[CpuBound]</c> by name, so that a method carrying one is an offload target
/// whether the attributes come from a referenced Blitz.Runtime or from source.
/// </summary>
internal static class OffloadAttributes
{
    /// <summary>Metadata name of <c>[Blocking]</c>.</summary>
    public const string BlockingMetadataName = "Blitz.BlockingAttribute";

    /// <summary>Metadata name of <c>[CpuBound]</c>.</summary>
    public const string CpuBoundMetadataName = "Blitz.CpuBoundAttribute";

    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name: a compiler process keeps an
    /// analyzer's code at tier 0 (unoptimized) for most of a build, so the lookups run on every method are compiled
    /// optimized on first call instead. Older runtimes ignore it.
    /// </summary>
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    /// <summary>Which of the two offload attributes <paramref name="method"/> carries.</summary>
    /// <remarks>Asked of every method the analyzers meet, so compiled optimized on first call (see <see cref="AggressiveOptimization"/>).</remarks>
    [MethodImpl(AggressiveOptimization)]
    public static OffloadAttributeKind GetKind(IMethodSymbol method)
    {
        OffloadAttributeKind kind = OffloadAttributeKind.None;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            kind |= GetKind(attribute.AttributeClass);
        }

        return kind;
    }

    /// <summary>Whether <paramref name="attributeClass"/> is <c>Blitz.BlockingAttribute</c> or <c>Blitz.CpuBoundAttribute</c>.</summary>
    [MethodImpl(AggressiveOptimization)]
    public static OffloadAttributeKind GetKind(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || attributeClass.ContainingType is not null || !SymbolNames.IsNamespace(attributeClass.ContainingNamespace, "Blitz"))
        {
            return OffloadAttributeKind.None;
        }

        return attributeClass.Name switch
        {
            "BlockingAttribute" => OffloadAttributeKind.Blocking,
            "CpuBoundAttribute" => OffloadAttributeKind.CpuBound,
            _ => OffloadAttributeKind.None,
        };
    }
}
