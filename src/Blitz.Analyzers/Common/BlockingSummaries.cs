using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The blocking summaries of one compilation under one set of <see cref="DeepSearchSettings"/>: computed lazily, the
/// first time an async caller (BLZ111) or a pool starter (BLZ112) reaches a source method, and cached per method and
/// remaining depth. Lock-free: two threads may compute the same summary, and they compute the same value.
/// Recursion is cut by the current call path (per request, never shared), and a summary whose search was cut by a
/// cycle through one of its callers is not cached, since it may miss what that caller does.
/// </summary>
internal sealed partial class BlockingSummaries
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<DeepSearchSettings, BlockingSummaries>> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly BlitzSymbols _symbols;
    private readonly DeepSearchSettings _settings;
    private readonly ConcurrentDictionary<IMethodSymbol, BlockingSummary>[] _byDepth;

    // What a call to a target's definition amounts to at full depth. Most calls in async code go to source members
    // already settled (record properties, small helpers): one lookup, no other work.
    private readonly ConcurrentDictionary<IMethodSymbol, BlockingSummary> _settled = new(ReferenceComparer.Instance);

    private BlockingSummaries(Compilation compilation, BlitzSymbols symbols, DeepSearchSettings settings)
    {
        _compilation = compilation;
        _symbols = symbols;
        _settings = settings;
        _byDepth = new ConcurrentDictionary<IMethodSymbol, BlockingSummary>[settings.Depth + 1];
        for (var i = 1; i <= settings.Depth; i++)
        {
            _byDepth[i] = new ConcurrentDictionary<IMethodSymbol, BlockingSummary>(ReferenceComparer.Instance);
        }
    }

    // The last tree this thread asked about: the driver analyzes a tree's operations one after another on one thread,
    // so most calls skip the two weak-table lookups below. Weak, so that an idle thread keeps no tree or compilation alive.
    [ThreadStatic]
    private static LastLookup? t_last;

    /// <summary>The summaries that apply to <paramref name="tree"/> (its <c>.editorconfig</c> settings), or null when the search is off.</summary>
    /// <remarks>
    /// Not compiled with <see cref="Jit.Optimized"/>: code compiled that way before its first run reads a thread-static
    /// field through a runtime helper on every call, which perf showed as most of this method's time.
    /// </remarks>
    public static BlockingSummaries? For(Compilation compilation, BlitzSymbols symbols, AnalyzerOptions options, SyntaxTree tree)
    {
        var last = t_last ??= new LastLookup();
        if (last.Matches(compilation, options.AnalyzerConfigOptionsProvider, tree, out var hit))
        {
            return hit;
        }

        var summaries = Lookup(compilation, symbols, options, tree);
        last.Set(compilation, options.AnalyzerConfigOptionsProvider, tree, summaries);
        return summaries;
    }

    private static BlockingSummaries? Lookup(Compilation compilation, BlitzSymbols symbols, AnalyzerOptions options, SyntaxTree tree)
    {
        var settings = DeepSearchSettings.For(options.AnalyzerConfigOptionsProvider, tree);
        if (!settings.IsEnabled)
        {
            return null;
        }

        var all = PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<DeepSearchSettings, BlockingSummaries>());
        return all.TryGetValue(settings, out var summaries) ? summaries : Add(all, compilation, symbols, settings);
    }

    // A method of its own, so that the closure is allocated once per settings, not on every lookup.
    private static BlockingSummaries Add(ConcurrentDictionary<DeepSearchSettings, BlockingSummaries> all, Compilation compilation, BlitzSymbols symbols, DeepSearchSettings settings) =>
        all.GetOrAdd(settings, s => new BlockingSummaries(compilation, symbols, s));

    /// <summary>
    /// The source method a call, property read or object creation reaches when it can be summarized: declared with a
    /// body in this compilation, not async (an async method does not block its caller), not listed as non-blocking.
    /// Cheap checks first: most calls go to metadata.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public IMethodSymbol? SummarizableTarget(IOperation operation) => CallTarget(operation) is { } method ? Summarizable(method) : null;

    /// <summary>The method a call, a property read (its getter) or an object creation (its constructor) runs, or null.</summary>
    [MethodImpl(Jit.Optimized)]
    public static IMethodSymbol? CallTarget(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IPropertyReferenceOperation property when !IsWrittenOnly(property) => property.Property.GetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        _ => null,
    };

    /// <summary><paramref name="method"/>'s definition when it can be summarized (see <see cref="SummarizableTarget"/>), else null.</summary>
    [MethodImpl(Jit.Optimized)]
    public IMethodSymbol? Summarizable(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return IsOwnCode(method, _compilation) && _compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree) && !_settings.IsNonBlocking(method)
            ? method
            : null;
    }

    /// <summary>
    /// Whether a call to <paramref name="member"/> (a method, constructor or property definition) can have a summary:
    /// it runs a method declared in <paramref name="compilation"/> with a body, not async, abstract or extern. What
    /// <see cref="Summarizable"/> admits before the settings, from the declaration alone, so BLZ111's host can skip
    /// calls to record and auto-properties, implicit constructors and async methods without running the rule.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool MayHaveSummary(ISymbol member, Compilation compilation)
    {
        var method = member as IMethodSymbol ?? (member as IPropertySymbol)?.GetMethod;
        method = method?.ReducedFrom ?? method;
        return method is not null && IsOwnCode(method, compilation)
            && (Declaration(method, compilation, default) is not null
                || (method.PartialImplementationPart is { } implementation && Declaration(implementation, compilation, default) is not null));
    }

    /// <summary>
    /// Declared in <paramref name="compilation"/>, and not async (an async method does not block its caller), abstract
    /// or extern. Checks the syntax first, which is free for metadata members.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsOwnCode(IMethodSymbol method, Compilation compilation) =>
        !method.IsAsync && !method.IsAbstract && !method.IsExtern && IsDeclaredInSource(method, compilation);

    /// <summary>
    /// Declared in source of <paramref name="compilation"/>: the only members a summary can look into. Checks the
    /// syntax first, which is free for metadata members.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsDeclaredInSource(ISymbol member, Compilation compilation) =>
        !member.DeclaringSyntaxReferences.IsEmpty && SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly);

    /// <summary>The summary of a method returned by <see cref="Summarizable"/>, searched <see cref="DeepSearchSettings.Depth"/> methods deep.</summary>
    /// <remarks><paramref name="callerModel"/>, the caller's own model, is used when the method is declared in the same tree.</remarks>
    [MethodImpl(Jit.Optimized)]
    public BlockingSummary Get(IMethodSymbol method, SemanticModel? callerModel, CancellationToken cancellationToken) =>
        _byDepth[_settings.Depth].TryGetValue(method, out var cached)
            ? cached
            : Get(method, _settings.Depth, new List<IMethodSymbol>(_settings.Depth), callerModel, cancellationToken).Summary;

    /// <summary>What calling <paramref name="target"/> amounts to when already known (see <see cref="Settle"/>), else null.</summary>
    [MethodImpl(Jit.Optimized)]
    public BlockingSummary? Settled(IMethodSymbol target) => _settled.TryGetValue(target.OriginalDefinition, out var summary) ? summary : null;

    /// <summary>The summary of calling <paramref name="target"/> (<see cref="BlockingSummary.None"/> when it cannot be summarized), computed once.</summary>
    [MethodImpl(Jit.Optimized)]
    public BlockingSummary Settle(IMethodSymbol target, SemanticModel? callerModel, CancellationToken cancellationToken)
    {
        target = target.OriginalDefinition; // what Summarizable looks at
        if (_settled.TryGetValue(target, out var summary))
        {
            return summary;
        }

        summary = Summarizable(target) is { } definition ? Get(definition, callerModel, cancellationToken) : BlockingSummary.None;
        _settled.TryAdd(target, summary);
        return summary;
    }

    /// <summary>How a method appears in a chain: <c>Connect</c>, <c>IsConnected.get</c>, <c>new FtpClient</c>.</summary>
    public static string ChainName(IMethodSymbol method) => method switch
    {
        { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } => property.Name + ".get",
        { MethodKind: MethodKind.Constructor } => "new " + method.ContainingType.Name,
        _ => method.Name,
    };

    /// <summary>The summary and the lowest path index a cycle was cut at (int.MaxValue when none).</summary>
    [MethodImpl(Jit.Optimized)]
    private (BlockingSummary Summary, int CutAt) Get(IMethodSymbol method, int depth, List<IMethodSymbol> path, SemanticModel? model, CancellationToken cancellationToken)
    {
        var cache = _byDepth[depth];
        if (cache.TryGetValue(method, out var cached))
        {
            return (cached, int.MaxValue);
        }

        for (var onPath = 0; onPath < path.Count; onPath++)
        {
            if (SymbolEqualityComparer.Default.Equals(path[onPath], method))
            {
                return (BlockingSummary.None, onPath);
            }
        }

        path.Add(method);
        var (summary, cutAt) = Compute(method, depth, path, model, cancellationToken);
        path.RemoveAt(path.Count - 1);

        // Cut at this method itself: its own search is complete. Cut above it: it may miss that caller's work.
        if (cutAt >= path.Count)
        {
            cache.TryAdd(method, summary);
        }

        return (summary, cutAt);
    }

    [MethodImpl(Jit.Optimized)]
    private (BlockingSummary Summary, int CutAt) Compute(IMethodSymbol method, int depth, List<IMethodSymbol> path, SemanticModel? model, CancellationToken cancellationToken)
    {
        var declaration = Declaration(method, _compilation, cancellationToken);
        if (declaration is null)
        {
            return (BlockingSummary.None, int.MaxValue);
        }

        string? name = null; // named only when it starts a chain: most summaries find nothing

        // The walk visits siblings in reverse; findings and callees are ordered by position so that the chain names
        // the first blocking call (and the first forever loop) of the body, whichever thread computes it. Work that
        // runs on every call wins over work that runs only under a condition (first use, a parameter's value).
        model = model?.SyntaxTree == declaration.SyntaxTree ? model : SourceModels.Of(_compilation, declaration.SyntaxTree);
        var body = model.GetOperation(declaration, cancellationToken);
        BlockingFinding? blocking = null, forever = null, whenEnumerated = null;
        int blockingAt = int.MaxValue, foreverAt = int.MaxValue;
        var isIterator = false;
        List<(int Position, IMethodSymbol Method, IOperation Call)>? callees = null;
        foreach (var operation in body is null ? Enumerable.Empty<IOperation>() : OperationHelpers.DescendantsInSameFunction(body))
        {
            var position = operation.Syntax.SpanStart;
            isIterator |= operation.Kind is OperationKind.YieldReturn or OperationKind.YieldBreak;
            if ((blocking is null || blocking.Rank > 0 || position < blockingAt) && Direct(operation, method, cancellationToken) is { } work)
            {
                Prefer(ref blocking, ref blockingAt, Found(method, ref name, work, operation, body!), position);

                // A loop that blocks on every pass until a flag, its connection or a check ends it lives as long as
                // they do: a lifetime loop, bucket 4 as well.
                if (work.Kind is BlockingKind.Sleep or BlockingKind.SyncIo or BlockingKind.Wait && BlockingLifetimeLoops.Around(operation) is { } blockingLoop
                    && blockingLoop.Syntax.SpanStart < foreverAt && !ForeverLoops.IsForeverLoop(blockingLoop.Syntax))
                {
                    var loop = LifetimeLoops.DescribeLoop(blockingLoop, work.Name);
                    forever = new BlockingFinding(ImmutableArray.Create(name ??= ChainName(method), loop), new BlockingWork(null, loop, LifetimeLoops.What, BlockingKind.ForeverLoop));
                    foreverAt = blockingLoop.Syntax.SpanStart;
                }
            }

            if (position < foreverAt && operation is ILoopOperation && ForeverLoops.IsForeverLoop(operation.Syntax))
            {
                var loop = ForeverLoops.Describe((StatementSyntax)operation.Syntax);
                forever = new BlockingFinding(ImmutableArray.Create(name ??= ChainName(method), loop), new BlockingWork(null, loop, "a forever loop", BlockingKind.ForeverLoop));
                foreverAt = position;
            }

            // A loop that blocks on input on every pass lives as long as its input: a lifetime loop, bucket 4 as well.
            if (operation is IInvocationOperation wait && LifetimeLoops.IsBlockingWait(wait, _symbols) && LifetimeLoops.Around(wait) is { } lifetime
                && lifetime.Syntax.SpanStart < foreverAt && !ForeverLoops.IsForeverLoop(lifetime.Syntax))
            {
                var loop = LifetimeLoops.DescribeLoop(lifetime, wait);
                forever = new BlockingFinding(ImmutableArray.Create(name ??= ChainName(method), loop), new BlockingWork(null, loop, LifetimeLoops.What, BlockingKind.ForeverLoop));
                foreverAt = lifetime.Syntax.SpanStart;
            }

            if (depth > 1 && SummarizableTarget(operation) is { } callee)
            {
                (callees ??= new List<(int, IMethodSymbol, IOperation)>()).Add((position, callee, operation));
            }
        }

        callees = callees?.OrderBy(c => c.Position).ToList(); // stable: calls that start together keep the walk's order

        // Direct findings first (the shortest chain), then what the callees do.
        var cutAt = int.MaxValue;
        for (var i = 0; callees is not null && i < callees.Count && (blocking is null || blocking.Rank > 0 || forever is null || whenEnumerated is null); i++)
        {
            var (_, callee, call) = callees[i];
            var (inner, innerCut) = Get(callee, depth - 1, path, model, cancellationToken);
            cutAt = System.Math.Min(cutAt, innerCut);
            if (inner.IsNone)
            {
                continue;
            }

            forever ??= inner.ForeverLoop?.Through(name ??= ChainName(method), null, -1, -1, false);
            var open = blocking is null || blocking.Rank > 0; // an unconditional finding other than teardown is final: no chain is built in vain
            if (open && inner.Blocking is { } innerBlocking && !innerBlocking.IsRuledOutBy(call, _symbols, cancellationToken))
            {
                PreferThroughCall(ref blocking, ThroughCall(innerBlocking, method, ref name, call, body!));
            }

            // An iterator's work passes on to a caller that returns its sequence, and runs in a caller that enumerates it.
            if (inner.WhenEnumerated is { } deferred && !deferred.IsRuledOutBy(call, _symbols, cancellationToken))
            {
                if (IsReturned(call))
                {
                    whenEnumerated ??= ThroughCall(deferred, method, ref name, call, body!);
                }
                else if (open && SequenceEnumerations.Of(call).Count > 0)
                {
                    PreferThroughCall(ref blocking, ThroughCall(deferred, method, ref name, call, body!));
                }
            }
        }

        if (isIterator)
        {
            // Calling an iterator runs none of its body: the work waits for the enumeration.
            return (blocking is null ? BlockingSummary.None : new BlockingSummary(null, null, blocking), cutAt);
        }

        return (blocking is null && forever is null && whenEnumerated is null ? BlockingSummary.None : new BlockingSummary(blocking, forever, whenEnumerated), cutAt);
    }

    /// <summary>Keeps <paramref name="candidate"/> when it ranks first (<see cref="BlockingFinding.Rank"/>: unconditional work first), or as well and earlier.</summary>
    private static void Prefer(ref BlockingFinding? best, ref int bestAt, BlockingFinding candidate, int position)
    {
        if (best is null || candidate.Rank < best.Rank || (candidate.Rank == best.Rank && position < bestAt))
        {
            best = candidate;
            bestAt = position;
        }
    }

    /// <summary>
    /// A callee's finding replaces the current one only when it ranks first (runs on more calls, or is not teardown):
    /// the body's own work comes first (the shortest chain), and among callees the first in position order.
    /// </summary>
    private static void PreferThroughCall(ref BlockingFinding? best, BlockingFinding candidate)
    {
        if (best is null || candidate.Rank < best.Rank)
        {
            best = candidate;
        }
    }

    /// <summary>Work done by <paramref name="operation"/> in <paramref name="method"/>'s own body, with the conditions it runs under there.</summary>
    private BlockingFinding Found(IMethodSymbol method, ref string? name, BlockingWork work, IOperation operation, IOperation body)
    {
        var receiver = work.Kind == BlockingKind.SyncIo && operation is IInvocationOperation call ? IoParameter(call) : -1;
        var (switchParameter, switchValue) = ParameterSwitches.SwitchOf(operation, body);
        return new BlockingFinding(ImmutableArray.Create(name ??= ChainName(method), work.Name), work,
            FirstUseGuards.IsBehindFirstUseGuard(operation, body) ? method : null, receiver, switchParameter, switchValue);
    }

    /// <summary>
    /// The ordinal of the parameter the sync I/O of <paramref name="call"/> reads or writes: its receiver
    /// (<c>stream.Write(...)</c>) or the parameter a local receiver was made over (<c>new StreamWriter(stream)</c>), or
    /// else a reader, writer or stream it is given (<c>JsonSerializer.Serialize(stream, value)</c>);
    /// -1 when that is not one of the method's parameters.
    /// </summary>
    private int IoParameter(IInvocationOperation call)
    {
        if (call.Instance is { } instance)
        {
            return OperationHelpers.WithoutConversions(instance) switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter.Ordinal,
                // using var writer = new StreamWriter(stream, leaveOpen: true); writer.WriteLine(...): the parameter it wraps.
                ILocalReferenceOperation { Local: var local } when call.SemanticModel is { } model
                    && LocalWrites.SoleValue(local, model, default) is { } value
                    && OperationHelpers.WithoutConversions(value) is IObjectCreationOperation creation
                    && creation.Arguments.FirstOrDefault(a => _symbols.IsIoType(a.Parameter?.Type)) is { } wrapped
                    && OperationHelpers.WithoutConversions(wrapped.Value) is IParameterReferenceOperation inner => inner.Parameter.Ordinal,
                _ => -1,
            };
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } target && _symbols.IsIoType(target.Type))
            {
                return OperationHelpers.WithoutConversions(argument.Value) is IParameterReferenceOperation parameter ? parameter.Parameter.Ordinal : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// A callee's finding as <paramref name="method"/> sees it through <paramref name="call"/>: still first-use if it was
    /// (or if the call is behind a first-use guard), its parameter conditions moved onto the caller's parameters.
    /// </summary>
    private static BlockingFinding ThroughCall(BlockingFinding inner, IMethodSymbol method, ref string? name, IOperation call, IOperation body)
    {
        var firstUseIn = inner.FirstUseIn ?? (FirstUseGuards.IsBehindFirstUseGuard(call, body) ? method : null);
        var receiver = BlockingFinding.CallerParameter(call, inner.ReceiverParameter);
        var (switchParameter, switchValue) = (BlockingFinding.CallerParameter(call, inner.SwitchParameter), inner.SwitchValue);
        if (switchParameter < 0)
        {
            (switchParameter, switchValue) = ParameterSwitches.SwitchOf(call, body);
        }

        return inner.Through(name ??= ChainName(method), firstUseIn, receiver, switchParameter, switchValue);
    }

    /// <summary>The call's value is what the method returns (<c>return Rows(reader);</c>, <c>=&gt; Rows(reader)</c>).</summary>
    private static bool IsReturned(IOperation call) => SequenceEnumerations.Outermost(call).Parent is IReturnOperation { Kind: OperationKind.Return };

    /// <summary>Blocking or heavy work done by the operation itself: a table API (BLZ101-104's classification) or a heavy loop (<see cref="HeavyLoops"/>).</summary>
    [MethodImpl(Jit.Optimized)]
    private BlockingWork? Direct(IOperation operation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (BlockingCalls.Classify(operation, _symbols, cancellationToken) is { } work && !IsReadInstead(work, operation, cancellationToken))
        {
            // On the sync path of a method that serves both sync and async callers, it blocks only a sync caller; and a
            // twin's default written over its sync member (XAsync() { X(); ... }) is the type's, overridden where it matters.
            // Teardown in a catch clause and a semaphore taken as a lock are not blocking work of the helper.
            return _settings.IsNonBlocking(work.Api) || CallerChosenSyncPath.Contains(operation) || DebugOnlyPaths.Contains(operation) || IsDefaultOverSyncMember(operation, method)
                || (FailurePathTeardown.IsTeardown(work) && FailurePathTeardown.IsInCatchClause(operation))
                || (work.Kind == BlockingKind.Wait && LockLikeSemaphores.IsLockAcquisition(operation, _symbols, cancellationToken))
                ? null
                : work;
        }

        if (operation is ILoopOperation loop && HeavyLoops.Classify(loop, _symbols) is var kind and not HeavyLoopKind.None)
        {
            return new BlockingWork(null, LoopName(loop), HeavyLoops.Describe(kind), BlockingKind.HeavyLoop);
        }

        return null;
    }

    private bool IsDefaultOverSyncMember(IOperation operation, IMethodSymbol method) =>
        operation is IInvocationOperation call && _symbols.TryGetSyncIoCounterpart(call.TargetMethod, out var twin)
        && AsyncTwins.WouldRecurse(call, twin.Name, method);

    private static string LoopName(ILoopOperation loop) => loop.Syntax switch
    {
        ForStatementSyntax => "for loop",
        CommonForEachStatementSyntax => "foreach loop",
        DoStatementSyntax => "do loop",
        _ => "while loop",
    };

    /// <summary>The declaration that carries the method's body (a partial method's implementation part), or null.</summary>
    [MethodImpl(Jit.Optimized)]
    private static SyntaxNode? Declaration(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var node = reference.GetSyntax(cancellationToken);
            var hasBody = node switch
            {
                BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
                AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
                LocalFunctionStatementSyntax local => local.Body is not null || local.ExpressionBody is not null,
                ArrowExpressionClauseSyntax => true,
                _ => false,
            };
            if (hasBody)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>One thread's last <see cref="For"/> answer, held weakly.</summary>
    private sealed class LastLookup
    {
        private readonly WeakReference<object?> _compilation = new(null), _provider = new(null), _tree = new(null), _summaries = new(null);
        private bool _disabled;

        public bool Matches(Compilation compilation, AnalyzerConfigOptionsProvider provider, SyntaxTree tree, out BlockingSummaries? summaries)
        {
            summaries = null;
            if (!_tree.TryGetTarget(out var lastTree) || lastTree != tree || !_compilation.TryGetTarget(out var lastCompilation) || lastCompilation != compilation
                || !_provider.TryGetTarget(out var lastProvider) || lastProvider != provider)
            {
                return false;
            }

            if (_disabled)
            {
                return true;
            }

            summaries = _summaries.TryGetTarget(out var target) ? target as BlockingSummaries : null;
            return summaries is not null;
        }

        public void Set(Compilation compilation, AnalyzerConfigOptionsProvider provider, SyntaxTree tree, BlockingSummaries? summaries)
        {
            _compilation.SetTarget(compilation);
            _provider.SetTarget(provider);
            _tree.SetTarget(tree);
            _summaries.SetTarget(summaries);
            _disabled = summaries is null;
        }
    }

    private static bool IsWrittenOnly(IPropertyReferenceOperation property) =>
        property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property;
}
