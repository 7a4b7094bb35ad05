using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>
/// Whether an offload target's wrapper (or its work item) would clash with a member the user wrote, with a member it
/// would hide (CS0108 is an error under warnings-as-errors), or with another wrapper.
/// </summary>
/// <remarks>
/// Annotated methods of the type and of its source base types count through the wrappers they would get, so the
/// answer is the same before generation (the generator) and after it (the analyzers). Wrappers compiled into a
/// referenced base type are plain members.
/// </remarks>
internal static class WrapperCollisions
{
    /// <summary>Whether the wrapper or the work item of <paramref name="method"/> collides; <paramref name="subject"/> is then what it collides with.</summary>
    public static bool HasNameCollision(IMethodSymbol method, ref ISymbol? subject)
    {
        string wrapperName = WrapperNaming.GetWrapperName(method);
        string workItemName = WrapperNaming.GetWorkItemName(method);
        List<WrapperSignature> signatures = WrapperSignature.OfWrappers(method);
        INamedTypeSymbol containingType = method.ContainingType;
        if (containingType.Name == wrapperName || containingType.Name == workItemName)
        {
            subject = containingType;
            return true;
        }

        foreach (ISymbol member in containingType.GetMembers(workItemName))
        {
            if (!BlitzGeneratedCode.IsBlitzGenerated(member))
            {
                subject = member;
                return true;
            }
        }

        for (INamedTypeSymbol? type = containingType; type is not null; type = type.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(type, containingType);
            bool inSource = type.DeclaringSyntaxReferences.Length > 0;
            foreach (ISymbol member in type.GetMembers(wrapperName))
            {
                if ((inherited && member.DeclaredAccessibility == Accessibility.Private) || (inSource && BlitzGeneratedCode.IsBlitzGenerated(member)))
                {
                    continue;
                }

                if (member is not IMethodSymbol existing
                    || (existing.MethodKind == MethodKind.Ordinary && Overlaps(signatures, WrapperSignature.Of(existing))))
                {
                    subject = member;
                    return true;
                }
            }

            if (inSource && CollidesWithOtherWrapper(method, type, inherited, wrapperName, signatures, ref subject))
            {
                return true;
            }

            // The work item is a nested type: it would hide any inherited member of its name (CS0108).
            if (inherited)
            {
                foreach (ISymbol member in type.GetMembers(workItemName))
                {
                    if (member.DeclaredAccessibility != Accessibility.Private)
                    {
                        subject = member;
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool CollidesWithOtherWrapper(IMethodSymbol method, INamedTypeSymbol type, bool inherited, string wrapperName, List<WrapperSignature> signatures, ref ISymbol? subject)
    {
        foreach (IMethodSymbol other in TypeMethodIndex.GetAnnotatedMethods(type, wrapperName))
        {
            if ((inherited && other.DeclaredAccessibility == Accessibility.Private)
                || SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            foreach (WrapperSignature signature in WrapperSignature.OfWrappers(other))
            {
                if (Overlaps(signatures, signature))
                {
                    subject = other;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Overlaps(List<WrapperSignature> signatures, WrapperSignature other)
    {
        foreach (WrapperSignature signature in signatures)
        {
            if (signature.SameAs(other))
            {
                return true;
            }
        }

        return false;
    }
}
