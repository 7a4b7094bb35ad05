using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>
/// Recognizes well-known types by name rather than through a <see cref="Compilation"/>: the offload rules are asked
/// of single symbols, by the generator and the analyzers alike, with no compilation-wide lookup at hand.
/// </summary>
internal static class SymbolNames
{
    /// <summary>Whether <paramref name="type"/> is <c>System.Threading.CancellationToken</c>.</summary>
    public static bool IsCancellationToken(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0, ContainingType: null } named
            && IsNamespace(named.ContainingNamespace, "Threading", "System");

    /// <summary>Whether <paramref name="ns"/> is the namespace whose dotted name is given innermost first (<c>"Threading", "System"</c>).</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, params string[] namesInnermostFirst)
    {
        foreach (string name in namesInnermostFirst)
        {
            if (ns is null || ns.Name != name)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }
}
