using System.Collections.Concurrent;
using System.Threading;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Per compilation: which methods are valid offload targets, and their wrapper's name (invalid targets have no wrapper).
/// Shared by the rules that ask it (BLZ105, BLZ109) through <see cref="RuleRegistry.OffloadTargets"/>.
/// </summary>
internal sealed class OffloadTargetCache
{
    private readonly System.Lazy<BlitzSymbols> _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, (string? Wrapper, string Attribute)> _cache = new(ReferenceComparer.Instance);

    public OffloadTargetCache(System.Lazy<BlitzSymbols> symbols) => _symbols = symbols;

    public bool TryGetWrapper(IMethodSymbol method, CancellationToken cancellationToken, out string wrapper, out string attribute)
    {
        wrapper = string.Empty;
        attribute = string.Empty;
        if (!_symbols.Value.CanDeclareOffloadTargets(method.ContainingAssembly))
        {
            return false; // most calls go to the framework, which cannot carry Blitz's attributes
        }

        if (!_cache.TryGetValue(method, out var entry))
        {
            entry = Compute(method, cancellationToken);
            _cache.TryAdd(method, entry);
        }

        wrapper = entry.Wrapper ?? string.Empty;
        attribute = entry.Attribute;
        return entry.Wrapper is not null;
    }

    private (string? Wrapper, string Attribute) Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // The generator's own rules: a method has a wrapper exactly when they find no issue.
        var kind = OffloadTargetRules.GetAttributeKind(method);
        if (kind == OffloadAttributeKind.None || OffloadTargetRules.GetIssue(method, cancellationToken) != OffloadTargetIssue.None)
        {
            return (null, string.Empty);
        }

        return (OffloadTargetRules.GetWrapperName(method), kind == OffloadAttributeKind.Blocking ? "Blocking" : "CpuBound");
    }
}
