using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>
/// The mark on every member the generator emits, and its test: after generation the wrappers and work items are
/// members of the user's type, and the rules must not count them as the user's own.
/// </summary>
internal static class BlitzGeneratedCode
{
    /// <summary>The tool name in the <c>[GeneratedCode]</c> attribute of every generated member.</summary>
    public const string GeneratorName = "Blitz.Generators";

    /// <summary>Whether <paramref name="symbol"/> was emitted by this generator (its <c>[GeneratedCode]</c> names Blitz.Generators).</summary>
    public static bool IsBlitzGenerated(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } attributeClass
                && SymbolNames.IsNamespace(attributeClass.ContainingNamespace, "Compiler", "CodeDom", "System")
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value as string == GeneratorName)
            {
                return true;
            }
        }

        return false;
    }
}
