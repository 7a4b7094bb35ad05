using System.Collections.Concurrent;
using System.Threading;
using System.Runtime.CompilerServices;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Per compilation: which methods are valid offload targets, and their wrapper's name (invalid targets have no wrapper);
/// and which methods are generated wrappers. Shared by the rules that ask it (BLZ001-014, BLZ105, BLZ107, BLZ109) through
/// <see cref="RuleRegistry.OffloadTargets"/>: the generator's rules run once per annotated method, whether its
/// declaration (the usage rules) or a call to it (BLZ105's filter) asks first.
/// </summary>
internal sealed class OffloadTargetCache
{
    private readonly System.Lazy<BlitzSymbols> _symbols;
    // Reference values: the runtime ships precompiled code for a dictionary of them, not for one of value tuples.
    private readonly ConcurrentDictionary<IMethodSymbol, Verdict> _cache = new(ReferenceComparer.Instance);

    public OffloadTargetCache(System.Lazy<BlitzSymbols> symbols) => _symbols = symbols;

    [MethodImpl(Jit.Optimized)]
    public bool TryGetWrapper(IMethodSymbol method, CancellationToken cancellationToken, out string wrapper, out string attribute)
    {
        wrapper = string.Empty;
        attribute = string.Empty;
        if (!_symbols.Value.CanDeclareOffloadTargets(method.ContainingAssembly))
        {
            return false; // most calls go to the framework, which cannot carry Blitz's attributes
        }

        var entry = Entry(method, cancellationToken);
        wrapper = entry.Wrapper ?? string.Empty;
        attribute = entry.Attribute;
        return entry.Wrapper is not null;
    }

    /// <summary>
    /// Whether <paramref name="method"/> is a wrapper the Blitz generator emits. The generated code is asked first: the
    /// generator marks every member it emits with <c>[GeneratedCode("Blitz.Generators", ...)]</c>, in this compilation or
    /// in a referenced library built with Blitz (whose types the generator's rules cannot see as partial). Only when no
    /// marker is there (the generator has not run yet, as in an editor between edits) do the generator's rules decide by
    /// name: an annotated method of the type whose valid wrapper would carry this name.
    /// </summary>
    public bool IsGeneratedWrapper(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var symbols = _symbols.Value;
        if (!symbols.HasOffloadAttributes || method.ContainingType?.OriginalDefinition is not { } type || !symbols.CanDeclareOffloadTargets(type.ContainingAssembly))
        {
            return false; // most calls go to the framework, which has no Blitz wrappers
        }

        if (BlitzGeneratedCode.IsBlitzGenerated(method.OriginalDefinition))
        {
            return true;
        }

        foreach (var target in TypeMethodIndex.GetAnnotatedMethods(type, method.Name))
        {
            if (TryGetWrapper(target, cancellationToken, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first reason the generator gives <paramref name="method"/>, an annotated method, no wrapper
    /// (<see cref="OffloadTargetRules.GetIssue(IMethodSymbol, out ISymbol?, CancellationToken)"/>), with its subject;
    /// <see cref="OffloadTargetIssue.None"/> for a valid target or a method without the attributes.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public OffloadTargetIssue GetIssue(IMethodSymbol method, CancellationToken cancellationToken, out ISymbol? subject)
    {
        var entry = Entry(method, cancellationToken);
        subject = entry.Subject;
        return entry.Issue;
    }

    [MethodImpl(Jit.Optimized)]
    private Verdict Entry(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!_cache.TryGetValue(method, out var entry))
        {
            entry = Compute(method, cancellationToken);
            _cache.TryAdd(method, entry);
        }

        return entry;
    }

    [MethodImpl(Jit.Optimized)]
    private static Verdict Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // The generator's own rules: a method has a wrapper exactly when they find no issue.
        var kind = OffloadAttributes.GetKind(method);
        if (kind == OffloadAttributeKind.None)
        {
            return Verdict.NotAnnotated;
        }

        var issue = OffloadTargetRules.GetIssue(method, out var subject, cancellationToken);
        return issue != OffloadTargetIssue.None
            ? new Verdict(null, string.Empty, issue, subject)
            : new Verdict(WrapperNaming.GetWrapperName(method), kind == OffloadAttributeKind.Blocking ? "Blocking" : "CpuBound", issue, subject);
    }

    /// <summary>One method's verdict: its wrapper's name and attribute when valid, else the first issue and its subject.</summary>
    private sealed class Verdict(string? wrapper, string attribute, OffloadTargetIssue issue, ISymbol? subject)
    {
        public static readonly Verdict NotAnnotated = new(null, string.Empty, OffloadTargetIssue.None, null);

        public string? Wrapper { get; } = wrapper;

        public string Attribute { get; } = attribute;

        public OffloadTargetIssue Issue { get; } = issue;

        public ISymbol? Subject { get; } = subject;
    }
}
