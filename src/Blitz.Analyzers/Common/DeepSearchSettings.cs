using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The <c>.editorconfig</c> settings of the rules that look through calls (BLZ111, BLZ112):
/// <c>blitz.search_depth</c> (how many source methods deep, default 2, 0 turns the rules off, at most
/// <see cref="MaxDepth"/>) and <c>blitz.nonblocking_methods</c> (comma-separated <c>Namespace.Type.Member</c> or
/// <c>Namespace.Type.*</c>; a listed method is neither reported nor looked into, a listed API does not count as blocking).
/// </summary>
internal sealed class DeepSearchSettings : IEquatable<DeepSearchSettings>
{
    public const string SearchDepthKey = "blitz.search_depth";
    public const string NonBlockingMethodsKey = "blitz.nonblocking_methods";
    public const int DefaultDepth = 2;
    public const int MaxDepth = 5;

    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    public static readonly DeepSearchSettings Default = new(DefaultDepth, string.Empty);

    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    private DeepSearchSettings(int depth, string nonBlocking)
    {
        Depth = depth;
        NonBlockingText = nonBlocking;
        foreach (var entry in nonBlocking.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.EndsWith(".*", StringComparison.Ordinal))
            {
                _types.Add(entry.Substring(0, entry.Length - 2));
            }
            else
            {
                _members.Add(entry);
            }
        }
    }

    /// <summary>How many source methods deep the summaries look: 1 is the called helper's own body.</summary>
    public int Depth { get; }

    public string NonBlockingText { get; }

    public bool IsEnabled => Depth > 0;

    // Per options provider and tree, weakly: the options are read and parsed once per file, not per call, and a
    // long-lived provider (the IDE's, the empty one) does not keep old trees alive.
    private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, ConditionalWeakTable<SyntaxTree, DeepSearchSettings>> PerTree = new();

    /// <summary>The settings that apply to <paramref name="tree"/>.</summary>
    public static DeepSearchSettings For(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        var trees = PerTree.GetValue(provider, _ => new ConditionalWeakTable<SyntaxTree, DeepSearchSettings>());
        return trees.TryGetValue(tree, out var settings) ? settings : Add(trees, provider, tree);
    }

    // A method of its own, so that the closure is allocated once per tree, not on every lookup.
    private static DeepSearchSettings Add(ConditionalWeakTable<SyntaxTree, DeepSearchSettings> trees, AnalyzerConfigOptionsProvider provider, SyntaxTree tree) =>
        trees.GetValue(tree, t => Read(provider.GetOptions(t)));

    /// <summary>Reads the settings of one tree's options; malformed values fall back to the defaults.</summary>
    public static DeepSearchSettings Read(AnalyzerConfigOptions options)
    {
        var depth = DefaultDepth;
        if (options.TryGetValue(SearchDepthKey, out var text) && int.TryParse(text.Trim(), out var parsed))
        {
            depth = Math.Max(0, Math.Min(MaxDepth, parsed));
        }

        options.TryGetValue(NonBlockingMethodsKey, out var nonBlocking);
        nonBlocking = nonBlocking?.Trim() ?? string.Empty;
        return depth == DefaultDepth && nonBlocking.Length == 0 ? Default : new DeepSearchSettings(depth, nonBlocking);
    }

    /// <summary>Whether the user listed <paramref name="member"/> (a property's getter matches the property's name).</summary>
    public bool IsNonBlocking(ISymbol? member)
    {
        if (member is null || (_members.Count == 0 && _types.Count == 0) || member.ContainingType is null)
        {
            return false;
        }

        var type = member.ContainingType.ToDisplayString(TypeNameFormat);
        var name = member is IMethodSymbol { AssociatedSymbol: IPropertySymbol property } ? property.Name : member.Name;
        return _types.Contains(type) || _members.Contains(type + "." + name);
    }

    public bool Equals(DeepSearchSettings? other) =>
        other is not null && Depth == other.Depth && string.Equals(NonBlockingText, other.NonBlockingText, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DeepSearchSettings);

    public override int GetHashCode() => Depth * 397 ^ StringComparer.Ordinal.GetHashCode(NonBlockingText);
}
