using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.Generators;

/// <summary>Writes a parameter's default value as C# source that means the same value in the wrapper's signature.</summary>
internal static class DefaultValueFormatter
{
    /// <summary>The default value of <paramref name="parameter"/> as C# source, or <see langword="null"/> if it has none.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="annotations">Nullable annotations are enabled where the method was declared.</param>
    /// <param name="typeFormat">The format the parser writes types with.</param>
    public static string? Format(IParameterSymbol parameter, bool annotations, SymbolDisplayFormat typeFormat)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        ITypeSymbol type = parameter.Type;
        object? value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return FormatNull(type, annotations);
        }

        ITypeSymbol underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
        if (underlying.TypeKind == TypeKind.Enum)
        {
            // The constant is the enum's underlying number; the cast turns it back into the member it names.
            return "(" + underlying.ToDisplayString(typeFormat) + ")(" + FormatPrimitive(value) + ")";
        }

        return FormatPrimitive(value);
    }

    private static string FormatNull(ITypeSymbol type, bool annotations)
    {
        if (type.IsValueType && type is not INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
        {
            return "default";
        }

        if (type.IsReferenceType)
        {
            // 'string s = null' in annotated code already warns at the user's declaration; the copy must not warn again.
            return annotations && type.NullableAnnotation == NullableAnnotation.NotAnnotated ? "null!" : "null";
        }

        // An unconstrained 'T x = default' warns in annotated code too (CS8601); the suppression keeps the copy quiet.
        return type is ITypeParameterSymbol
            ? annotations && type.NullableAnnotation != NullableAnnotation.Annotated ? "default!" : "default"
            : "null";
    }

    private static string FormatPrimitive(object value) => value switch
    {
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        char character => SymbolDisplay.FormatLiteral(character, quote: true),
        bool flag => flag ? "true" : "false",
        float single => FormatSingle(single),
        double number => FormatDouble(number),
        decimal money => money.ToString(CultureInfo.InvariantCulture) + "M",
        sbyte or byte or short or ushort or int or uint or long or ulong => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),

        // Only a [DateTimeConstant]-style attribute default gets here; C# cannot write it as a value.
        _ => "default",
    };

    private static string FormatSingle(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "F";
    }

    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "D";
    }
}
