using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The symbols and resolved API tables of one compilation, built once and shared by every Blitz analyzer of that
/// compilation. Keys are original definitions (a call to <c>Task&lt;int&gt;.Result</c> looks up <c>Task&lt;T&gt;.Result</c>).
/// </summary>
internal sealed class BlitzSymbols
{
    // Lazy: ConditionalWeakTable may run the factory on several threads at once; only one Lazy wins, so the tables
    // are resolved once per compilation however many analyzers start together.
    private static readonly ConditionalWeakTable<Compilation, System.Lazy<BlitzSymbols>> Cache = new();

    /// <summary>Names in the tables, checked before any symbol work: most calls in a program match no table.</summary>
    public static readonly HashSet<string> SyncIoNames = new(KnownApis.SyncIo.Select(e => e.Method), System.StringComparer.Ordinal);
    public static readonly HashSet<string> WaitNames = new(KnownWaits.Entries.Select(e => e.Member), System.StringComparer.Ordinal);
    public static readonly HashSet<string> CpuHeavyNames = new(KnownApis.CpuHeavy.Select(e => e.Member), System.StringComparer.Ordinal);
    public static readonly HashSet<string> OffloadStarterNames = new(KnownApis.OffloadStarters.Select(e => e.Method), System.StringComparer.Ordinal);
    public static readonly HashSet<string> SyncParallelNames = new(KnownApis.SyncParallel.Select(e => e.Member), System.StringComparer.Ordinal);
    public static readonly HashSet<string> HashingNames = new(KnownApis.HashingCalls.Select(e => e.Member), System.StringComparer.Ordinal);

    private readonly Dictionary<IMethodSymbol, SyncIoCounterpart> _syncIo = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, (HeavyWhen When, string What)> _cpuHeavy = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, (string Remedy, WaitRoles Roles)> _waits = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, OffloadDestination> _offloadStarters = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _syncParallel = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _hashingCalls = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _nonBlockingIoProperties = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol[] _nonBlockingIoTypes;
    private readonly INamedTypeSymbol[] _compressionStreamTypes;
    private readonly IAssemblySymbol? _offloadAttributesAssembly;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IAssemblySymbol, bool> _canDeclareOffloadTargets = new(ReferenceComparer.Instance);
    private readonly SyncTwins _syncTwins;
    private readonly SourceInMemoryIoTypes _sourceInMemoryIoTypes;
    private readonly INamedTypeSymbol[] _inMemoryOverABuffer;

    private BlitzSymbols(Compilation compilation)
    {
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        TaskCreationOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCreationOptions");
        SearchOption = compilation.GetTypeByMetadataName("System.IO.SearchOption");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        TextReader = compilation.GetTypeByMetadataName("System.IO.TextReader");
        TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        _offloadAttributesAssembly = (compilation.GetTypeByMetadataName(OffloadAttributes.BlockingMetadataName)
            ?? compilation.GetTypeByMetadataName(OffloadAttributes.CpuBoundMetadataName))?.ContainingAssembly;

        ThreadSleep = Thread?.GetMembers("Sleep").OfType<IMethodSymbol>().ToImmutableArray() ?? ImmutableArray<IMethodSymbol>.Empty;
        TaskWhenAll = Task?.GetMembers("WhenAll").OfType<IMethodSymbol>().ToImmutableArray() ?? ImmutableArray<IMethodSymbol>.Empty;

        _nonBlockingIoTypes = KnownApis.NonBlockingIoTypes.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
        _compressionStreamTypes = KnownApis.CompressionStreamTypes.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
        foreach (var (type, property) in KnownApis.NonBlockingIoProperties)
        {
            AddMembers(compilation, type, property, m => _nonBlockingIoProperties.Add(m));
        }

        _syncTwins = new SyncTwins(compilation, this);
        foreach (var (type, method, counterpart) in KnownApis.SyncIo)
        {
            ResolveCounterparts(compilation, type, method, counterpart);
        }

        foreach (var (type, member, when, what) in KnownApis.CpuHeavy)
        {
            AddMembers(compilation, type, member, m => _cpuHeavy[m] = (when, what));
        }

        foreach (var (type, member, overloads, remedy, roles) in KnownWaits.Entries)
        {
            AddMembers(compilation, type, member, m => { if (KnownWaits.Waits(m, overloads)) { _waits[m] = (remedy, roles); } });
        }

        foreach (var (type, method, destination) in KnownApis.OffloadStarters)
        {
            AddMembers(compilation, type, method, m => { if (m is IMethodSymbol ms) { _offloadStarters[ms] = destination; } });
        }

        foreach (var (type, method) in KnownApis.HashingCalls)
        {
            AddMembers(compilation, type, method, m => { if (m is IMethodSymbol ms) { _hashingCalls.Add(ms); } });
        }

        foreach (var (type, method) in KnownApis.SyncParallel)
        {
            AddMembers(compilation, type, method, m => { if (m is IMethodSymbol ms) { _syncParallel.Add(ms); } });
        }

        _sourceInMemoryIoTypes = new SourceInMemoryIoTypes(compilation, this);
        _inMemoryOverABuffer = KnownApis.InMemoryOverABuffer.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
        // BLZ106's lifetime loops and the starters' scheduler check.
        TaskScheduler = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskScheduler");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        DoWorkEventArgs = compilation.GetTypeByMetadataName("System.ComponentModel.DoWorkEventArgs");
    }

    /// <summary>BackgroundWorker's DoWork arguments: a method taking them is a DoWork handler, run on the ThreadPool.</summary>
    public INamedTypeSymbol? DoWorkEventArgs { get; }

    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? TaskCreationOptions { get; }
    public INamedTypeSymbol? SearchOption { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? TextReader { get; }
    public INamedTypeSymbol? TextWriter { get; }
    public INamedTypeSymbol? Environment { get; }
    /// <summary>Whether the compilation can see <c>[Blocking]</c> or <c>[CpuBound]</c>.</summary>
    public bool HasOffloadAttributes => _offloadAttributesAssembly is not null;
    public ImmutableArray<IMethodSymbol> ThreadSleep { get; }
    public ImmutableArray<IMethodSymbol> TaskWhenAll { get; }

    /// <summary>Every analyzer needs at least <c>Task</c>; without it there is no async code to analyze.</summary>
    public bool HasTasks => Task is not null;

    public static BlitzSymbols For(Compilation compilation) => Deferred(compilation).Value;

    /// <summary>
    /// The symbols, resolved on first use. Analyzers take this in their compilation start action and read it in their
    /// callbacks: the first metadata-name lookup builds the compiler's declaration table of the whole program, and done
    /// from a start action it would be charged to the analyzers (ReportAnalyzer showed it as most of their time).
    /// By the first operation callback the compiler has built that table for its own binding.
    /// </summary>
    public static System.Lazy<BlitzSymbols> Deferred(Compilation compilation) =>
        Cache.GetValue(compilation, c => new System.Lazy<BlitzSymbols>(() => new BlitzSymbols(c), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication));

    [MethodImpl(Jit.Optimized)]
    public bool IsTaskLike(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (Is(definition, Task) || Is(definition, TaskOfT) || Is(definition, ValueTask) || Is(definition, ValueTaskOfT)
                || (Task is not null && InheritsFrom(definition, Task)));
    }

    [MethodImpl(Jit.Optimized)]
    public static bool Is(ISymbol? symbol, ISymbol? other) => other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);

    /// <summary>
    /// True when <paramref name="type"/> is, or derives from, the framework type <c>System.Name</c> or
    /// <c>System.SubNamespace.Name</c>, matched by name (for rules that have no resolved symbols at hand).
    /// </summary>
    public static bool DerivesFromSystemType(ITypeSymbol? type, string name, string? subNamespace = null)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace is { } ns
                && (subNamespace is null
                    ? ns is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
                    : ns.Name == subNamespace && ns.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }))
            {
                return true;
            }
        }

        return false;
    }

    public static bool InheritsFrom(ITypeSymbol? type, ITypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The async counterpart of a synchronous I/O method: from the table, following overrides (FileStream.Read is
    /// Stream.Read), else a referenced member's twin by convention (<see cref="SyncTwins"/>, cached per definition).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryGetSyncIoCounterpart(IMethodSymbol method, out SyncIoCounterpart counterpart)
    {
        var definition = method.OriginalDefinition;
        if (SyncIoNames.Contains(method.Name))
        {
            for (var current = definition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (_syncIo.TryGetValue(current, out counterpart))
                {
                    return true;
                }
            }
        }

        return _syncTwins.TryGet(definition, out counterpart);
    }

    /// <summary>
    /// Whether methods of <paramref name="assembly"/> can carry [Blocking]/[CpuBound]: the assembly that declares the
    /// attributes, or one that references it (checked once per assembly; the compilation itself always can).
    /// </summary>
    public bool CanDeclareOffloadTargets(IAssemblySymbol? assembly)
    {
        var attributes = _offloadAttributesAssembly;
        if (assembly is null || attributes is null)
        {
            return false;
        }

        // TryGetValue first: a GetOrAdd with a capturing lambda would allocate its closure on every call.
        if (_canDeclareOffloadTargets.TryGetValue(assembly, out var can))
        {
            return can;
        }

        can = assembly is ISourceAssemblySymbol
            || SymbolEqualityComparer.Default.Equals(assembly, attributes)
            || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == attributes.Identity.Name));
        _canDeclareOffloadTargets.TryAdd(assembly, can);
        return can;
    }

    /// <summary>
    /// A receiver that never blocks: a known in-memory type or a subclass, an in-memory stream type declared in source,
    /// or a referenced library's stream named as one (<see cref="ReferencedInMemoryStreams"/>).
    /// </summary>
    public bool IsNonBlockingIoType(ITypeSymbol? type) =>
        type is not null && (_nonBlockingIoTypes.Any(t => InheritsFrom(type, t)) || _sourceInMemoryIoTypes.IsInMemory(type) || ReferencedInMemoryStreams.IsOne(type, this));

    /// <summary>A <c>new Utf8JsonWriter(buffer)</c> (<see cref="KnownApis.InMemoryOverABuffer"/>) whose sink is not a stream.</summary>
    public bool IsCreatedOverABuffer(IOperation? value) =>
        value is IObjectCreationOperation { Constructor: { Parameters: { IsEmpty: false } parameters } constructor }
        && _inMemoryOverABuffer.Any(t => Is(constructor.ContainingType, t)) && !IsIoType(parameters[0].Type);

    /// <summary>A stream, text reader or text writer: the things an I/O call reads from or writes to.</summary>
    public bool IsIoType(ITypeSymbol? type) => InheritsFrom(type, Stream) || InheritsFrom(type, TextReader) || InheritsFrom(type, TextWriter);

    public bool IsCompressionStream(ITypeSymbol? type) => type is not null && _compressionStreamTypes.Any(t => InheritsFrom(type, t));

    public bool IsNonBlockingIoProperty(IPropertySymbol property) => _nonBlockingIoProperties.Contains(property.OriginalDefinition);

    public bool TryGetCpuHeavy(IMethodSymbol method, out (HeavyWhen When, string What) entry)
    {
        entry = default;
        return CpuHeavyNames.Contains(method.Name) && _cpuHeavy.TryGetValue(method.OriginalDefinition, out entry);
    }

    [MethodImpl(Jit.Optimized)]
    public bool TryGetBlockingWait(ISymbol member, out string remedy)
    {
        remedy = string.Empty;
        if (!WaitNames.Contains(member.Name))
        {
            return false;
        }

        var definition = member.OriginalDefinition;
        if (_waits.TryGetValue(definition, out var wait) && (wait.Roles & WaitRoles.BlockingWait) != 0)
        {
            remedy = wait.Remedy;
            return true;
        }

        // SemaphoreSlim.Wait, ManualResetEventSlim.Wait are not virtual, but WaitOne is overridden by nothing either;
        // follow overrides anyway for custom WaitHandle subclasses.
        return definition is IMethodSymbol { OverriddenMethod: { } overridden } && TryGetBlockingWait(overridden, out remedy);
    }

    /// <summary>Whether <paramref name="member"/> starts work on a pool or thread (<c>Task.Run</c>, <c>StartNew</c>, ...): the call filter of the starter rules.</summary>
    public bool IsOffloadStarter(ISymbol member) => member is IMethodSymbol method && TryGetOffloadStarter(method, out _);

    public bool TryGetOffloadStarter(IMethodSymbol method, out OffloadDestination destination)
    {
        destination = default;
        return OffloadStarterNames.Contains(method.Name) && _offloadStarters.TryGetValue(method.OriginalDefinition, out destination);
    }

    public bool IsHashingCall(IMethodSymbol method) => HashingNames.Contains(method.Name) && _hashingCalls.Contains(method.OriginalDefinition);

    public bool IsSyncParallel(IMethodSymbol method) => SyncParallelNames.Contains(method.Name) && _syncParallel.Contains((method.ReducedFrom ?? method).OriginalDefinition);

    private static void AddMembers(Compilation compilation, string typeName, string memberName, System.Action<ISymbol> add)
    {
        var type = compilation.GetTypeByMetadataName(typeName);
        if (type is null)
        {
            return;
        }

        var members = memberName == ".ctor" ? type.InstanceConstructors.Cast<ISymbol>() : type.GetMembers(memberName);
        foreach (var member in members)
        {
            add(member.OriginalDefinition);
        }
    }

    private void ResolveCounterparts(Compilation compilation, string typeName, string methodName, string counterpartName)
    {
        var type = compilation.GetTypeByMetadataName(typeName);
        if (type is null)
        {
            return;
        }

        var candidates = type.GetMembers(counterpartName).OfType<IMethodSymbol>().ToArray();
        foreach (var sync in type.GetMembers(methodName).OfType<IMethodSymbol>())
        {
            if (_syncTwins.NeedsAsyncOptIn(sync))
            {
                continue;
            }

            IMethodSymbol? exact = null, withToken = null;
            foreach (var candidate in candidates)
            {
                if (candidate.IsStatic != sync.IsStatic || candidate.TypeParameters.Length != sync.TypeParameters.Length
                    || !SameLeadingParameters(sync, candidate))
                {
                    continue;
                }

                if (candidate.Parameters.Length == sync.Parameters.Length)
                {
                    exact = candidate;
                }
                else if (candidate.Parameters.Length == sync.Parameters.Length + 1 && Is(candidate.Parameters[sync.Parameters.Length].Type, CancellationToken))
                {
                    withToken = candidate;
                }
            }

            if (exact is not null || withToken is not null)
            {
                _syncIo[sync] = SyncIoCounterpart.From(counterpartName, exact, withToken);
            }
            else if (ReturnsByRefInResult(sync, candidates) is { } twin)
            {
                // UdpClient.Receive(ref remote) and ReceiveAsync(): the async twin returns what the sync one wrote back.
                _syncIo[sync] = new SyncIoCounterpart(counterpartName, acceptsCancellationToken: twin.Parameters.Length > 0, rewritable: false);
            }
            else if (TakesMemoryForSpan(sync, candidates))
            {
                // Stream.Write(ReadOnlySpan<byte>) and WriteAsync(ReadOnlyMemory<byte>): the same I/O, but a span cannot
                // cross an await, so the caller's buffer must change before the twin can be called (no fix).
                _syncIo[sync] = new SyncIoCounterpart(counterpartName, acceptsCancellationToken: true, rewritable: false);
            }
        }
    }

    public INamedTypeSymbol? TaskScheduler { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }

    /// <summary>
    /// A wait that makes the loop around it a lifetime loop (<see cref="WaitRoles.PacesLifetimeLoop"/>), in an overload
    /// that waits (not <c>TryTake(out item)</c>, a poll): BLZ106's call filter.
    /// </summary>
    public bool IsLifetimeLoopWait(ISymbol member) =>
        member is IMethodSymbol method && WaitNames.Contains(method.Name)
        && _waits.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out var wait) && (wait.Roles & WaitRoles.PacesLifetimeLoop) != 0;

    /// <summary>
    /// Where a starter call sends its work: as <see cref="TryGetOffloadStarter(IMethodSymbol, out OffloadDestination)"/>,
    /// except that a <c>StartNew</c> whose scheduler is not known to be the ThreadPool is
    /// <see cref="OffloadDestination.CustomScheduler"/> (see <see cref="TaskSchedulers"/>). The starter rules ask this one.
    /// </summary>
    public bool TryGetOffloadStarter(Microsoft.CodeAnalysis.Operations.IInvocationOperation starter, out OffloadDestination destination)
    {
        if (!TryGetOffloadStarter(starter.TargetMethod, out destination))
        {
            return false;
        }

        if (destination == OffloadDestination.ThreadPool && !TaskSchedulers.RunsOnThreadPool(starter, this))
        {
            destination = OffloadDestination.CustomScheduler;
        }

        return true;
    }

    /// <summary>
    /// The twin of a sync member whose trailing <c>ref</c>/<c>out</c> parameters come back in the twin's result instead
    /// (<c>byte[] Receive(ref IPEndPoint)</c>, <c>Task&lt;UdpReceiveResult&gt; ReceiveAsync()</c>): the same leading
    /// parameters, then at most a token, and a result to carry them. No fix: the call's shape changes.
    /// </summary>
    private IMethodSymbol? ReturnsByRefInResult(IMethodSymbol sync, IMethodSymbol[] candidates)
    {
        var byValue = sync.Parameters.Length;
        while (byValue > 0 && sync.Parameters[byValue - 1].RefKind is RefKind.Ref or RefKind.Out)
        {
            byValue--;
        }

        return byValue == sync.Parameters.Length
            ? null
            : candidates.FirstOrDefault(candidate => candidate.IsStatic == sync.IsStatic && candidate.ReturnType is INamedTypeSymbol { IsGenericType: true }
                && IsTaskLike(candidate.ReturnType) && EndsAfter(candidate, byValue) && SameParameters(sync, candidate, byValue, alsoSame: null));
    }

    /// <summary>
    /// A twin that takes <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c> where the sync member takes
    /// <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c>, the other parameters the same, then at most a token.
    /// </summary>
    private bool TakesMemoryForSpan(IMethodSymbol sync, IMethodSymbol[] candidates) =>
        sync.Parameters.Any(p => p.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 })
        && candidates.Any(candidate => candidate.IsStatic == sync.IsStatic && IsTaskLike(candidate.ReturnType)
            && EndsAfter(candidate, sync.Parameters.Length) && SameParameters(sync, candidate, sync.Parameters.Length, SpanTakesMemory));

    /// <summary>The twin has exactly <paramref name="count"/> parameters, or those and a trailing <c>CancellationToken</c>.</summary>
    private bool EndsAfter(IMethodSymbol candidate, int count) =>
        candidate.Parameters.Length == count || (candidate.Parameters.Length == count + 1 && Is(candidate.Parameters[count].Type, CancellationToken));

    internal static bool SameLeadingParameters(IMethodSymbol sync, IMethodSymbol candidate) =>
        candidate.Parameters.Length >= sync.Parameters.Length && SameParameters(sync, candidate, sync.Parameters.Length, ArrayConvertsToBuffer);

    /// <summary>
    /// The first <paramref name="count"/> parameters of both have the same ref kind and the same type, or types that
    /// <paramref name="alsoSame"/> admits for the sync member's and the twin's.
    /// </summary>
    private static bool SameParameters(IMethodSymbol sync, IMethodSymbol candidate, int count, System.Func<ITypeSymbol, ITypeSymbol, bool>? alsoSame)
    {
        for (var i = 0; i < count; i++)
        {
            var (a, b) = (sync.Parameters[i].Type, candidate.Parameters[i].Type);
            if (sync.Parameters[i].RefKind != candidate.Parameters[i].RefKind || !(SameType(a, b) || (alsoSame is not null && alsoSame(a, b))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>Span&lt;T&gt;</c> where the twin takes <c>Memory&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c> where it takes <c>ReadOnlyMemory&lt;T&gt;</c>.</summary>
    private static bool SpanTakesMemory(ITypeSymbol sync, ITypeSymbol twin) =>
        sync is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span
        && twin is INamedTypeSymbol { TypeArguments.Length: 1 } memory && memory.Name == (span.Name == "Span" ? "Memory" : "ReadOnlyMemory")
        && SameType(span.TypeArguments[0], memory.TypeArguments[0]);

    /// <summary>
    /// <c>T[]</c> where the twin takes <c>Memory&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c> or <c>ArraySegment&lt;T&gt;</c>: the
    /// array converts implicitly, so the twin is called with the same arguments (<c>socket.Receive(buffer)</c> →
    /// <c>await socket.ReceiveAsync(buffer)</c>).
    /// </summary>
    private static bool ArrayConvertsToBuffer(ITypeSymbol sync, ITypeSymbol twin) =>
        sync is IArrayTypeSymbol { Rank: 1 } array
        && twin is INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory" or "ArraySegment", TypeArguments.Length: 1, ContainingNamespace: { Name: "System" } } buffer
        && buffer.ContainingNamespace.ContainingNamespace is { IsGlobalNamespace: true }
        && SameType(array.ElementType, buffer.TypeArguments[0]);

    /// <summary>Type equality where method type parameters match by position (Serialize&lt;T&gt; vs SerializeAsync&lt;T&gt;).</summary>
    internal static bool SameType(ITypeSymbol a, ITypeSymbol b)
    {
        if (a is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } ta && b is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } tb)
        {
            return ta.Ordinal == tb.Ordinal;
        }

        if (a is IArrayTypeSymbol arrayA && b is IArrayTypeSymbol arrayB)
        {
            return arrayA.Rank == arrayB.Rank && SameType(arrayA.ElementType, arrayB.ElementType);
        }

        if (a is INamedTypeSymbol { IsGenericType: true } na && b is INamedTypeSymbol { IsGenericType: true } nb)
        {
            return SymbolEqualityComparer.Default.Equals(na.OriginalDefinition, nb.OriginalDefinition)
                && na.TypeArguments.Zip(nb.TypeArguments, SameType).All(same => same);
        }

        return SymbolEqualityComparer.Default.Equals(a, b);
    }
}

/// <summary>
/// The async counterpart of a synchronous I/O method: its name, whether it accepts a cancellation token, and whether
/// it must be given one (no overload without it, and the token parameter is not optional).
/// </summary>
internal readonly struct SyncIoCounterpart
{
    public SyncIoCounterpart(string name, bool acceptsCancellationToken, bool requiresCancellationToken = false, bool isSequence = false, bool rewritable = true)
    {
        Name = name;
        AcceptsCancellationToken = acceptsCancellationToken;
        RequiresCancellationToken = requiresCancellationToken;
        IsSequence = isSequence;
        Rewritable = rewritable && !isSequence;
    }

    /// <summary>
    /// Whether a fix can replace the call with an awaited call of the counterpart on the same arguments: not for an async
    /// sequence (enumerated with <c>await foreach</c>), nor for a twin that returns what the sync member's
    /// <c>ref</c>/<c>out</c> parameters wrote.
    /// </summary>
    public bool Rewritable { get; }

    public string Name { get; }
    public bool AcceptsCancellationToken { get; }
    public bool RequiresCancellationToken { get; }

    /// <summary>
    /// The counterpart returns an <c>IAsyncEnumerable&lt;T&gt;</c> for the sync member's <c>IEnumerable&lt;T&gt;</c>
    /// (<c>File.ReadLines</c>/<c>ReadLinesAsync</c>): it is enumerated with <c>await foreach</c>, not awaited.
    /// </summary>
    public bool IsSequence { get; }

    /// <summary>Whether a fix can call the counterpart: it needs no token, or one is at hand.</summary>
    public bool CanBeCalledWith(string? token) => !RequiresCancellationToken || token is not null;

    /// <summary>The counterpart of the overloads found: <paramref name="withToken"/> is required only when there is no <paramref name="exact"/> one.</summary>
    public static SyncIoCounterpart From(string name, IMethodSymbol? exact, IMethodSymbol? withToken, bool isSequence = false) =>
        new(name, withToken is not null, exact is null && withToken is { Parameters: { IsEmpty: false } parameters } && !parameters[parameters.Length - 1].IsOptional, isSequence);
}
