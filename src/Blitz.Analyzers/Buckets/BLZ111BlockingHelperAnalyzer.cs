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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BLZ111BlockingHelperAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingHelper);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = BlitzSymbols.Deferred(start.Compilation);
            start.RegisterAsyncContextAction(symbols, Analyze,
                OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation, OperationKind.Using, OperationKind.UsingDeclaration);
        });
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var operation = context.Operation;
        var isUsing = operation is IUsingOperation or IUsingDeclarationOperation;
        var target = isUsing ? null : BlockingSummaries.CallTarget(operation);
        if (!isUsing && (target is null || !SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, context.Compilation.Assembly)))
        {
            return; // the cheap gate: nearly every call goes to metadata
        }

        if (!AsyncContext.IsAsyncContext(operation, context.ContainingSymbol, symbols)
            || (BlockingCalls.Classify(operation, symbols, context.CancellationToken) is not null && !IsLeftByBlz102(operation, context.ContainingSymbol, symbols)))
        {
            return; // BLZ101-104 report it in place
        }

        var summaries = BlockingSummaries.For(context.Compilation, symbols, context.Options, operation.Syntax.SyntaxTree);
        if (summaries is null)
        {
            return;
        }

        foreach (var method in isUsing ? DisposeMethods(operation, context.Compilation) : ImmutableArray.Create(target!))
        {
            var definition = summaries.Summarizable(method);
            if (definition is null)
            {
                continue;
            }

            var summary = summaries.Get(definition, operation.SemanticModel, context.CancellationToken);
            var finding = summary.ForeverLoop ?? summary.Blocking;
            if (finding is not null && OffloadTargetRules.GetAttributeKind(definition) == OffloadAttributeKind.None) // a [Blocking]/[CpuBound] method called directly is BLZ105's
            {
                Report(context, operation, definition, finding, isUsing, symbols);
                return;
            }
        }
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
        var dispose = compilation.GetSpecialType(SpecialType.System_IDisposable).GetMembers("Dispose");
        if (resources is null || isAsynchronous || dispose.IsEmpty)
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
