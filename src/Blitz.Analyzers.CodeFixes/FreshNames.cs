using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>Names a fix introduces into a body (a lambda parameter, a local) that the body does not use already.</summary>
internal static class FreshNames
{
    /// <summary><paramref name="name"/>, or <c>name1</c>, <c>name2</c>, ...: the first the body does not name.</summary>
    public static string For(SyntaxNode body, string name)
    {
        var candidate = name;
        for (var i = 1; IsNamedIn(body, candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    /// <summary>Whether <paramref name="body"/> has an identifier <paramref name="name"/> (a use, a declaration or a discard).</summary>
    public static bool IsNamedIn(SyntaxNode body, string name) =>
        body.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name);
}
