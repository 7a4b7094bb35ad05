using System.Collections.Immutable;
using System.Linq;
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

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var operation = context.Operation;
        if (operation is IUsingOperation or IUsingDeclarationOperation)
        {
            AnalyzeUsing(context, symbols);
            return;
        }

        // The cheap gates, in order: nearly every call goes to metadata, and most calls to source members in async
        // code reach members already settled as not blocking (record properties, small helpers).
        var target = BlockingSummaries.CallTarget(operation);
        if (target is null || !IsDeclaredInSource(target, context.Compilation)
            || BlockingSummaries.For(context.Compilation, symbols, context.Options, operation.Syntax.SyntaxTree) is not { } summaries
            || summaries.Settled(target) is { IsNone: true }
            || !IsReportable(context, symbols))
        {
            return;
        }

        var summary = summaries.Settle(target, operation.SemanticModel, context.CancellationToken);
        if (!summary.IsNone && summaries.Summarizable(target) is { } definition)
        {
            ReportIfNotOffloadTarget(context, definition, summary, isUsing: false, symbols);
        }
    }

    /// <summary>Declared in source of <paramref name="compilation"/>: the only members a summary can look into. Checks the syntax first, which is free for metadata members.</summary>
    private static bool IsDeclaredInSource(ISymbol member, Compilation compilation) =>
        !member.DeclaringSyntaxReferences.IsEmpty && SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly);

    /// <summary>A synchronous <c>using</c> in async context: the <c>Dispose</c> of each resource type declared in source.</summary>
    private static void AnalyzeUsing(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        // Most using statements in async code are 'await using' or dispose a framework type: settled without the context checks.
        var disposeMethods = DisposeMethods(context.Operation, context.Compilation);
        if (disposeMethods.IsEmpty || !IsReportable(context, symbols)
            || BlockingSummaries.For(context.Compilation, symbols, context.Options, context.Operation.Syntax.SyntaxTree) is not { } summaries)
        {
            return;
        }

        foreach (var method in disposeMethods)
        {
            if (summaries.Summarizable(method) is { } definition
                && ReportIfNotOffloadTarget(context, definition, summaries.Get(definition, context.Operation.SemanticModel, context.CancellationToken), isUsing: true, symbols))
            {
                return;
            }
        }
    }

    /// <summary>In async context, and not an API that BLZ101-104 report in place.</summary>
    private static bool IsReportable(OperationAnalysisContext context, BlitzSymbols symbols) =>
        AsyncContext.IsAsyncContext(context.Operation, context.ContainingSymbol, symbols)
        && (BlockingCalls.Classify(context.Operation, symbols, context.CancellationToken) is null || IsLeftByBlz102(context.Operation, context.ContainingSymbol, symbols));

    /// <summary>Reports what <paramref name="summary"/> found, unless the method is [Blocking]/[CpuBound] (called directly, that is BLZ105's).</summary>
    private static bool ReportIfNotOffloadTarget(OperationAnalysisContext context, IMethodSymbol definition, BlockingSummary summary, bool isUsing, BlitzSymbols symbols)
    {
        var finding = summary.ForeverLoop ?? summary.Blocking;
        if (finding is null || OffloadAttributes.GetKind(definition) != OffloadAttributeKind.None)
        {
            return false;
        }

        Report(context, context.Operation, definition, finding, isUsing, symbols);
        return true;
    }

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

    private static void Report(OperationAnalysisContext context, IOperation operation, IMethodSymbol method, BlockingFinding finding, bool isUsing, BlitzSymbols symbols)
    {
        var name = method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is { } property
            ? method.ContainingType.Name + "." + property.Name
            : method.MethodKind == MethodKind.LocalFunction ? method.Name : method.ContainingType.Name + "." + method.Name;
        var origin = context.ContainingSymbol is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } ? "top-level code" : context.ContainingSymbol.Name;
        var location = operation.Syntax switch
        {
            UsingStatementSyntax statement => statement.UsingKeyword.GetLocation(),
            LocalDeclarationStatementSyntax declaration => declaration.UsingKeyword.GetLocation(),
            _ => operation.Syntax.GetLocation(),
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingHelper, location,
            name, finding.ChainFrom(origin), finding.Work.What, finding.Work.Bucket, Remedy(method, finding, isUsing, context.ContainingSymbol, symbols)));
    }

    private static string Remedy(IMethodSymbol method, BlockingFinding finding, bool isUsing, ISymbol caller, BlitzSymbols symbols)
    {
        if (finding.Work.Kind == BlockingKind.ForeverLoop)
        {
            return "it never returns: run it on a dedicated thread with 'BlitzRuntime.Default.SpawnDedicated'";
        }

        var twin = AsyncTwins.Find(method, caller, symbols);
        if (twin is not null)
        {
            return isUsing ? "use 'await using' (it calls '" + twin.Name + "')" : "use 'await " + twin.Name + "'";
        }

        return finding.Work.Bucket == 3
            ? "mark the helper [Blocking] (or [CpuBound]) and await its generated wrapper"
            : "make the helper async and await it, or mark it [Blocking] and await its generated wrapper";
    }
}
