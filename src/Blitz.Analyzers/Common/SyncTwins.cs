using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The async twin of a sync member by convention (<see cref="KnownSyncTwins"/>): <c>SmtpClient.Send</c>'s
/// <c>SendMailAsync</c> is in the table, <c>SqlCommand.ExecuteReader</c>'s <c>ExecuteReaderAsync</c>,
/// <c>DbContext.SaveChanges</c>'s <c>SaveChangesAsync</c> and <c>WebClient.DownloadString</c>'s
/// <c>DownloadStringTaskAsync</c> are found here. The convention holds for types declared in source as well: a type
/// that offers <c>XAsync</c> beside <c>X</c> says which one async code should call, whatever <c>X</c>'s body shows
/// (a call inside the twin itself is left alone: <see cref="AsyncTwins.WouldRecurse"/>). Every call asks this, so the
/// answer is computed once per method definition.
/// </summary>
internal sealed class SyncTwins
{
    // Per method definition; a default counterpart (no name) caches "no twin".
    private readonly ConcurrentDictionary<IMethodSymbol, SyncIoCounterpart> _twins = new(ReferenceComparer.Instance);
    private readonly BlitzSymbols _symbols;
    private readonly HashSet<ISymbol> _nonBlockingMembers;
    private readonly INamedTypeSymbol[] _asyncOptInTypes;
    private readonly INamedTypeSymbol? _asyncEnumerable;

    public SyncTwins(Compilation compilation, BlitzSymbols symbols)
    {
        _symbols = symbols;
        _asyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        _nonBlockingMembers = new HashSet<ISymbol>(
            KnownSyncTwins.NonBlockingMembers.SelectMany(e => compilation.GetTypeByMetadataName(e.Type)?.GetMembers(e.Member) ?? Enumerable.Empty<ISymbol>()),
            SymbolEqualityComparer.Default);
        _asyncOptInTypes = KnownSyncTwins.AsyncOptInTypes.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
    }

    /// <summary>The twin of <paramref name="method"/> (a definition) by convention, when it has one.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryGet(IMethodSymbol method, out SyncIoCounterpart counterpart)
    {
        if (!_twins.TryGetValue(method, out counterpart))
        {
            counterpart = Find(method);
            _twins.TryAdd(method, counterpart);
        }

        return counterpart.Name is not null;
    }

    /// <summary>
    /// The cheap checks first, then the twin's name among each type's member names (read without loading the members),
    /// and only for a member that has a namesake twin the exclusions that decode attributes or walk types.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private SyncIoCounterpart Find(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public
            || IsNonBlockingByName(method.Name))
        {
            return default;
        }

        foreach (var suffix in KnownSyncTwins.TwinSuffixes)
        {
            var name = method.Name + suffix;
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (!type.MemberNames.Contains(name))
                {
                    continue;
                }

                IMethodSymbol? exact = null, withToken = null;
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol candidate && IsTwin(method, candidate))
                    {
                        if (candidate.Parameters.Length == method.Parameters.Length)
                        {
                            exact = candidate;
                        }
                        else
                        {
                            withToken = candidate;
                        }
                    }
                }

                if (exact is not null || withToken is not null)
                {
                    return IsExcluded(method) ? default : SyncIoCounterpart.From(name, exact, withToken, IsSequenceTwin(method, (exact ?? withToken)!));
                }
            }
        }

        return default;
    }

    private bool IsExcluded(IMethodSymbol method) =>
        IsInNonIoNamespace(method.ContainingNamespace) || IsObsolete(method) || IsKnownNonBlocking(method) || NeedsAsyncOptIn(method) || IsOtherRulesApi(method)
        || IsInMemorySerializer(method);

    /// <summary>
    /// A serializer member that turns a value into bytes or text and back with no stream, reader or writer in sight
    /// (<c>byte[] Serialize&lt;T&gt;(T value)</c>, <c>T Deserialize&lt;T&gt;(byte[] data)</c>): it works in memory, so its
    /// async twin (kept for serializers that must await something) saves no thread here. Serializing into a stream
    /// keeps its twin.
    /// </summary>
    private bool IsInMemorySerializer(IMethodSymbol method) =>
        (method.Name.StartsWith("Serialize", System.StringComparison.Ordinal) || method.Name.StartsWith("Deserialize", System.StringComparison.Ordinal))
        && !BlockingCalls.IsIoArgumentType(method.ReturnType, _symbols)
        && !method.Parameters.Any(p => BlockingCalls.IsIoArgumentType(p.Type, _symbols));

    /// <summary>
    /// Public, the same parameters (optionally plus a token), and either task-returning with the same value once awaited
    /// or an async sequence of the sync member's elements.
    /// </summary>
    private bool IsTwin(IMethodSymbol method, IMethodSymbol candidate)
    {
        var count = method.Parameters.Length;
        return candidate.DeclaredAccessibility == Accessibility.Public && candidate.IsStatic == method.IsStatic
            && candidate.TypeParameters.Length == method.TypeParameters.Length
            && ((_symbols.IsTaskLike(candidate.ReturnType) && SameValue(method, candidate)) || IsSequenceTwin(method, candidate))
            && BlitzSymbols.SameLeadingParameters(method, candidate)
            && (candidate.Parameters.Length == count
                || (candidate.Parameters.Length == count + 1 && BlitzSymbols.Is(candidate.Parameters[count].Type, _symbols.CancellationToken)))
            && !IsObsolete(candidate);
    }

    /// <summary>
    /// A void member's twin may return anything (its value is dropped); otherwise <c>T</c> must come back as
    /// <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, so that <c>var x = await MAsync()</c> keeps the type of <c>x</c>.
    /// </summary>
    private bool SameValue(IMethodSymbol method, IMethodSymbol candidate)
    {
        if (method.ReturnsVoid)
        {
            return true;
        }

        return candidate.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } returned
            && (BlitzSymbols.Is(returned.OriginalDefinition, _symbols.TaskOfT) || BlitzSymbols.Is(returned.OriginalDefinition, _symbols.ValueTaskOfT))
            && BlitzSymbols.SameType(method.ReturnType, returned.TypeArguments[0]);
    }

    /// <summary>
    /// <c>IEnumerable&lt;T&gt; M(...)</c> beside <c>IAsyncEnumerable&lt;T&gt; MAsync(...)</c>: the sync sequence reads
    /// its source as it is enumerated (<c>File.ReadLines</c>, CsvHelper's <c>GetRecords</c>), the async one awaits it.
    /// </summary>
    private bool IsSequenceTwin(IMethodSymbol method, IMethodSymbol candidate) =>
        _asyncEnumerable is not null
        && method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } sequence
        && sequence.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
        && candidate.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } asyncSequence
        && BlitzSymbols.Is(asyncSequence.OriginalDefinition, _asyncEnumerable)
        && BlitzSymbols.SameType(sequence.TypeArguments[0], asyncSequence.TypeArguments[0]);

    private static bool IsNonBlockingByName(string name) =>
        KnownSyncTwins.NonBlockingNames.Contains(name)
        || (name.Length > KnownSyncTwins.NonBlockingPrefix.Length && name.StartsWith(KnownSyncTwins.NonBlockingPrefix, System.StringComparison.Ordinal)
            && char.IsUpper(name[KnownSyncTwins.NonBlockingPrefix.Length]));

    private static bool IsInNonIoNamespace(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        var name = ns.ToDisplayString();
        foreach (var prefix in KnownSyncTwins.NonIoNamespaces)
        {
            if (name.StartsWith(prefix, System.StringComparison.Ordinal) && (name.Length == prefix.Length || name[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An obsolete member or type: its twin is a migration the compiler already asks for, not a fix to offer.</summary>
    private static bool IsObsolete(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null && symbol is not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace.Name: "System" })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsKnownNonBlocking(IMethodSymbol method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            if (_nonBlockingMembers.Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A member of an XmlReader/XmlWriter, or one that takes one: its twin needs a reader or writer created async.</summary>
    public bool NeedsAsyncOptIn(IMethodSymbol method) =>
        _asyncOptInTypes.Length > 0
        && (_asyncOptInTypes.Any(t => BlitzSymbols.InheritsFrom(method.ContainingType, t))
            || method.Parameters.Any(p => _asyncOptInTypes.Any(t => BlitzSymbols.InheritsFrom(p.Type, t))));

    /// <summary>
    /// A sleep, a blocking wait or a CPU-heavy API: BLZ101, BLZ103 and BLZ104 report those with their own remedy. Blocking
    /// I/O listed for lacking a twin (EF5's SaveChanges) keeps the twin a later version of its type has.
    /// </summary>
    private bool IsOtherRulesApi(IMethodSymbol method) =>
        OffloadAttributes.GetKind(method) != OffloadAttributeKind.None // [Blocking]/[CpuBound]: its wrapper is BLZ105's advice
        || _symbols.ThreadSleep.Contains(method, SymbolEqualityComparer.Default)
        || _symbols.TryGetBlockingWait(method, out _)
        || (_symbols.TryGetCpuHeavy(method, out var heavy) && heavy.When != HeavyWhen.BlockingIo);
}
