using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ111: async context calls a sync method, reads a property, constructs an object or disposes a resource
/// (<c>using</c>) whose source body blocks, as its <see cref="BlockingSummary"/> says: a sleep, a blocking wait or sync
/// I/O (bucket 1), heavy CPU work (bucket 3), or a forever loop (bucket 4), directly or a few calls deeper. Reported
/// once, at the async call site, with the chain of calls and the remedy (the async twin when the type has one that is
/// not the caller itself).
/// </summary>
internal sealed class BLZ111BlockingHelperAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingHelper);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var compilation = registry.Compilation; // its Assembly is read on first use, not here, like BlitzSymbols.Deferred
        registry.RegisterCall((member, _) => BlockingSummaries.MayHaveSummary(member, compilation), Analyze, RuleRequirements.Tasks,
            OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation, OperationKind.Using, OperationKind.UsingDeclaration);
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var operation = context.Operation;
        if (Examine(operation, context.ContainingSymbol, context.Compilation, context.Options, symbols, context.CancellationToken) is not { } site)
        {
            return;
        }

        if (site.Finding is { } finding)
        {
            if (NonAwaitingAsyncLoops.Around(operation, context.ContainingSymbol) is not null)
            {
                return; // the forever loop of an async method that never awaits: BLZ106 reports the loop, bucket 4
            }

            if (!IsFirstSiteInType(context, Key(site.Definition, finding), finding.FirstUseIn is null && !site.IsUsing ? SiteName(site.Definition) : null, symbols))
            {
                return; // reported at the type's first call that reaches the same helper (or first-use work)
            }

            Report(context, operation, site.Definition, finding, site.IsUsing ? ReportedAt.Using : ReportedAt.Call, symbols);
        }
        else if (site.Summary.WhenEnumerated is { } deferred && !deferred.IsRuledOutBy(operation, symbols, context.CancellationToken))
        {
            // An iterator does nothing at the call: its work runs where this method enumerates the sequence.
            foreach (var enumeration in SequenceEnumerations.Of(operation))
            {
                Report(context, enumeration, site.Definition, deferred, ReportedAt.Enumeration, symbols);
            }
        }
    }

    /// <summary>
    /// What a call, property read or object creation in <paramref name="caller"/> blocks on through its source helper,
    /// as this rule would report it, or null. BLZ106 asks it for the calls in a forever loop that this rule leaves to it.
    /// </summary>
    internal static BlockingFinding? FindingAt(IOperation operation, ISymbol caller, Compilation compilation, AnalyzerOptions options, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        operation is IUsingOperation or IUsingDeclarationOperation ? null : Examine(operation, caller, compilation, options, symbols, cancellationToken)?.Finding;

    /// <summary>
    /// A helper is reported once per calling type, at its first site: the fix belongs in the helper, and one helper
    /// called from many places would otherwise be as many findings. A method of its own, so that the closure is
    /// allocated only when a finding is met, not on every analyzed call.
    /// </summary>
    private static bool IsFirstSiteInType(OperationAnalysisContext context, IMethodSymbol key, string? siteName, BlitzSymbols symbols) =>
        FirstSitesInType.IsFirstInType(context.Operation, context.ContainingSymbol, key, siteName, context.Compilation,
            (other, caller) => Examine(other, caller, context.Compilation, context.Options, symbols, context.CancellationToken) is { Finding: { } found } site
                && NonAwaitingAsyncLoops.Around(other, caller) is null ? Key(site.Definition, found) : null,
            context.CancellationToken);

    /// <summary>
    /// The name every call of <paramref name="helper"/> shows: its property's for a getter, its type's for a
    /// constructor, null for <c>Dispose</c> (a <c>using</c> shows none), else its own.
    /// </summary>
    private static string? SiteName(IMethodSymbol helper) => helper switch
    {
        { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } => property.Name,
        { MethodKind: MethodKind.Constructor } => helper.ContainingType.Name,
        { Name: "Dispose" } => null,
        { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } => helper.Name,
        _ => null,
    };

    /// <summary>What sites share a report: the guarded method for work that blocks only on first use (whichever helper reaches it), else the helper.</summary>
    private static IMethodSymbol Key(IMethodSymbol helper, BlockingFinding finding) => finding.FirstUseIn ?? helper;

    /// <summary>
    /// What the rule finds at a call, property read, object creation or synchronous <c>using</c> in
    /// <paramref name="caller"/>: the helper and its summary when they may be reported, with the finding that applies
    /// to this call (null when the call's arguments rule the summary's work out, or only an enumeration would block).
    /// Used for the site being analyzed and, for first-use work, for the other sites of the same type.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static Site? Examine(IOperation operation, ISymbol caller, Compilation compilation, AnalyzerOptions options, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (operation is IUsingOperation or IUsingDeclarationOperation)
        {
            return ExamineUsing(operation, caller, compilation, options, symbols, cancellationToken);
        }

        // The cheap gates, in order: nearly every call goes to metadata, and most calls to source members in async
        // code reach members already settled as not blocking (record properties, small helpers).
        var target = BlockingSummaries.CallTarget(operation);
        if (target is null || !BlockingSummaries.IsDeclaredInSource(target, compilation)
            || BlockingSummaries.For(compilation, symbols, options, operation.Syntax.SyntaxTree) is not { } summaries
            || summaries.Settled(target) is { IsNone: true }
            || !IsReportable(operation, caller, symbols, cancellationToken))
        {
            return null;
        }

        var summary = summaries.Settle(target, operation.SemanticModel, cancellationToken);
        if (summary.IsNone || summaries.Summarizable(target) is not { } definition || OffloadAttributes.GetKind(definition) != OffloadAttributeKind.None)
        {
            return null;
        }

        var finding = summary.ForeverLoop ?? (summary.Blocking is { } blocking && !blocking.IsRuledOutBy(operation, symbols, cancellationToken) ? blocking : null);
        if (finding is not null && (finding.IsTeardown || (operation is IInvocationOperation call && FailurePathTeardown.IsTeardown(call.TargetMethod)))
            && FailurePathTeardown.IsInCatchClause(operation))
        {
            finding = null; // a helper that only tears down, or a teardown member (Dispose, Close) itself, called on the failure path
        }

        return new Site(definition, summary, finding, isUsing: false);
    }

    /// <summary>A synchronous <c>using</c> in async context: the <c>Dispose</c> of each resource type declared in source.</summary>
    private static Site? ExamineUsing(IOperation operation, ISymbol caller, Compilation compilation, AnalyzerOptions options, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        // Most using statements in async code are 'await using' or dispose a framework type: settled without the context checks.
        var disposeMethods = DisposeMethods(operation, compilation);
        if (disposeMethods.IsEmpty || !IsReportable(operation, caller, symbols, cancellationToken)
            || BlockingSummaries.For(compilation, symbols, options, operation.Syntax.SyntaxTree) is not { } summaries)
        {
            return null;
        }

        foreach (var method in disposeMethods)
        {
            if (summaries.Summarizable(method) is { } definition && OffloadAttributes.GetKind(definition) == OffloadAttributeKind.None
                && summaries.Get(definition, operation.SemanticModel, cancellationToken) is { } summary
                && (summary.ForeverLoop ?? summary.Blocking) is { } finding)
            {
                return new Site(definition, summary, finding, isUsing: true);
            }
        }

        return null;
    }

    /// <summary>
    /// In async context or a sync request handler (<see cref="RequestHandlers"/>: a pool thread per request, as BLZ101-103
    /// read it), and not an API that BLZ101-104 report in place.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsReportable(IOperation operation, ISymbol caller, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        RequestHandlers.IsAsyncContextOrHandler(operation, caller, symbols)
        && (BlockingCalls.Classify(operation, symbols, cancellationToken) is null || IsLeftByBlz102(operation, caller, symbols)
            || (operation.SemanticModel is { } model && SourceTwinCalls.IsOne(operation, model.Compilation, symbols)));

    /// <summary>Sync I/O on this object inside its own async twin: BLZ102 leaves it (its remedy would recurse), this rule looks into the override.</summary>
    private static bool IsLeftByBlz102(IOperation operation, ISymbol caller, BlitzSymbols symbols) =>
        operation is IInvocationOperation invocation && symbols.TryGetSyncIoCounterpart(invocation.TargetMethod, out var counterpart)
        && AsyncTwins.WouldRecurse(invocation, counterpart.Name, caller);

    /// <summary>The <c>Dispose</c> implementations a synchronous <c>using</c> calls, one per resource type declared in source.</summary>
    private static ImmutableArray<IMethodSymbol> DisposeMethods(IOperation operation, Compilation compilation)
    {
        var (resources, isAsynchronous) = operation switch
        {
            IUsingOperation statement => (statement.Resources, statement.IsAsynchronous),
            IUsingDeclarationOperation declaration => ((IOperation)declaration.DeclarationGroup, declaration.IsAsynchronous),
            _ => (null, true),
        };
        if (resources is null || isAsynchronous)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var dispose = compilation.GetSpecialType(SpecialType.System_IDisposable).GetMembers("Dispose");
        if (dispose.IsEmpty)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var types = resources is IVariableDeclarationGroupOperation group
            ? group.Declarations.SelectMany(d => d.Declarators).Select(v => (ITypeSymbol?)v.Symbol.Type)
            : new ITypeSymbol?[] { resources.Type }.AsEnumerable();
        var methods = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var type in types)
        {
            if (type is { DeclaringSyntaxReferences.IsEmpty: false } && type.FindImplementationForInterfaceMember(dispose[0]) is IMethodSymbol implementation)
            {
                methods.Add(implementation);
            }
        }

        return methods.ToImmutable();
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, IMethodSymbol method, BlockingFinding finding, ReportedAt at, BlitzSymbols symbols)
    {
        var name = method.MethodKind switch
        {
            MethodKind.PropertyGet when method.AssociatedSymbol is { } property => method.ContainingType.Name + "." + property.Name,
            MethodKind.LocalFunction => method.Name,
            MethodKind.Constructor => "new " + method.ContainingType.Name, // as the chain shows it, not 'Napper..ctor'
            _ => method.ContainingType.Name + "." + method.Name,
        };
        var origin = context.ContainingSymbol is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } ? "top-level code" : context.ContainingSymbol.Name;
        var location = operation.Syntax switch
        {
            UsingStatementSyntax statement => statement.UsingKeyword.GetLocation(),
            LocalDeclarationStatementSyntax declaration => declaration.UsingKeyword.GetLocation(),
            CommonForEachStatementSyntax loop => loop.ForEachKeyword.GetLocation(),
            _ => operation.Syntax.GetLocation(),
        };
        // A sync request handler is no async code: it holds the request's pool thread, and the remedy starts with the handler.
        var inHandler = !AsyncContext.IsAsyncContext(operation, context.ContainingSymbol, symbols);
        var blocked = inHandler ? "blocks a sync request handler's ThreadPool thread" : "blocks async code";
        var how = at == ReportedAt.Enumeration ? "is an iterator, and enumerating it here " + blocked
            : finding.FirstUseIn is not null ? blocked + " on first use (reported at the first call in this type)"
            : blocked + " through the call (reported at the first call in this type)";
        var remedy = Remedy(method, finding, at, context.ContainingSymbol, symbols);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingHelper, location,
            name, how, finding.ChainFrom(origin), finding.Work.What, finding.Work.Bucket, inHandler ? "make the handler async, then: " + remedy : remedy));
    }

    private static string Remedy(IMethodSymbol method, BlockingFinding finding, ReportedAt at, ISymbol caller, BlitzSymbols symbols)
    {
        if (finding.Work.Kind == BlockingKind.ForeverLoop)
        {
            return "it never returns: run it on a dedicated thread with 'BlitzRuntime.Default.SpawnDedicated'";
        }

        if (at == ReportedAt.Enumeration)
        {
            return finding.Work.Bucket == 3
                ? "enumerate it in a [Blocking] (or [CpuBound]) method and await its generated wrapper"
                : "make it an async iterator (IAsyncEnumerable) and 'await foreach' it, or enumerate it in a [Blocking] method";
        }

        var isUsing = at == ReportedAt.Using;

        var twin = AsyncTwins.Find(method, caller, symbols);
        if (twin is not null)
        {
            return isUsing ? "use 'await using' (it calls '" + twin.Name + "')" : "use 'await " + twin.Name + "'";
        }

        return finding.Work.Bucket == 3
            ? "mark the helper [Blocking] (or [CpuBound]) and await its generated wrapper"
            : "make the helper async and await it, or mark it [Blocking] and await its generated wrapper";
    }

    /// <summary>Where a finding is reported: the call, a synchronous <c>using</c>, or the enumeration of an iterator's sequence.</summary>
    private enum ReportedAt
    {
        Call,
        Using,
        Enumeration,
    }

    /// <summary>What <see cref="Examine"/> found at one site.</summary>
    private sealed class Site
    {
        public Site(IMethodSymbol definition, BlockingSummary summary, BlockingFinding? finding, bool isUsing)
        {
            Definition = definition;
            Summary = summary;
            Finding = finding;
            IsUsing = isUsing;
        }

        public IMethodSymbol Definition { get; }

        public BlockingSummary Summary { get; }

        public BlockingFinding? Finding { get; }

        public bool IsUsing { get; }
    }
}
