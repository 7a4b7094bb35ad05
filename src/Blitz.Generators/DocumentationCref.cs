using System.Text;
using Microsoft.CodeAnalysis;

namespace Blitz.Generators;

/// <summary>Writes the <c>cref</c> by which a wrapper's <c>&lt;inheritdoc/&gt;</c> names the method it wraps.</summary>
internal static class DocumentationCref
{
    private static readonly SymbolDisplayFormat TypeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.ExpandNullable);

    /// <summary>
    /// A C# cref (<c>Max{T}(global::System.Collections.Generic.List{T})</c>) when every parameter type can be written
    /// as one, else the documentation ID (<c>M:…</c>, which the compiler takes as written). The documentation ID is
    /// always correct but several times slower to compute, and most signatures are plain.
    /// </summary>
    public static string For(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!IsPlain(parameter.Type))
            {
                return method.GetDocumentationCommentId() ?? string.Empty;
            }
        }

        var cref = new StringBuilder(OffloadGenerator.Escape(method.Name));
        if (method.TypeParameters.Length > 0)
        {
            cref.Append('{');
            for (int i = 0; i < method.TypeParameters.Length; i++)
            {
                cref.Append(i == 0 ? string.Empty : ", ").Append(OffloadGenerator.Escape(method.TypeParameters[i].Name));
            }

            cref.Append('}');
        }

        cref.Append('(');
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            // Generic arguments are written with braces inside XML.
            cref.Append(i == 0 ? string.Empty : ", ")
                .Append(method.Parameters[i].Type.ToDisplayString(TypeFormat).Replace('<', '{').Replace('>', '}'));
        }

        return cref.Append(')').ToString();
    }

    // Tuples, dynamic, native integers and pointers have no cref spelling worth the risk of a cref warning.
    private static bool IsPlain(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsPlain(array.ElementType);
            case ITypeParameterSymbol:
                return true;
            case INamedTypeSymbol named when !named.IsTupleType && !named.IsNativeIntegerType && named.TypeKind != TypeKind.Error:
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    foreach (ITypeSymbol argument in current.TypeArguments)
                    {
                        if (!IsPlain(argument))
                        {
                            return false;
                        }
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
