using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Identity comparison for caches keyed by symbol definitions. Within one compilation each definition is one object,
/// so identity is the symbol equality there; <see cref="SymbolEqualityComparer"/> hashes names and containers (for an
/// assembly, its whole identity), which on the per-operation path cost more than the lookup it keys.
/// </summary>
internal sealed class ReferenceComparer : IEqualityComparer<ISymbol>
{
    public static readonly ReferenceComparer Instance = new();

    private ReferenceComparer()
    {
    }

    public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

    public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
}
