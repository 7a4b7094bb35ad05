using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ110: synchronous <c>Parallel.For/ForEach/Invoke</c> or PLINQ in async context (<c>AsParallel</c>, or an operator
/// that runs a <c>ParallelQuery</c> made elsewhere: <c>ForAll</c>, <c>ToList</c>...) blocks the calling thread until
/// every partition is done, and borrows ThreadPool threads for the partitions (bucket 5 belongs on the CPU pool).
/// </summary>
internal sealed class BLZ110SyncParallelAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SyncParallel);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterOperation(Analyze, RuleRequirements.Tasks, OperationKind.Invocation);
        // What each source helper runs in parallel, computed once per helper (the registry lives one compilation).
        var helpers = new ConcurrentDictionary<IMethodSymbol, string?>(SymbolEqualityComparer.Default);
        registry.RegisterCall(MayRunParallelInside, (c, resolved) => AnalyzeHelperCall(c, resolved, helpers), RuleRequirements.Tasks, OperationKind.Invocation);
    }

    /// <summary>
    /// A sync source method whose text names a Parallel loop or PLINQ: a token check once per called member, before any
    /// semantic reading.
    /// </summary>
    private static bool MayRunParallelInside(ISymbol member, BlitzSymbols symbols) =>
        member is IMethodSymbol { IsAsync: false, MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.Length: 1 } method
        && !symbols.IsTaskLike(method.ReturnType) && !IsDeferredSequence(method.ReturnType)
        && method.DeclaringSyntaxReferences[0].GetSyntax().DescendantTokens().Any(t => t.ValueText is "Parallel" or "AsParallel" or "ParallelEnumerable");

    /// <summary>A <c>ParallelQuery</c> or a sequence interface: a helper that returns one may hand back a query it never ran.</summary>
    private static bool IsDeferredSequence(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ParallelQuery" or "OrderedParallelQuery" }
        || (type.TypeKind == TypeKind.Interface && (type.Name == "IEnumerable" || type.AllInterfaces.Any(i => i.Name == "IEnumerable")));

    /// <summary>
    /// <c>var posts = BuildPosts(feed);</c> in async code, where the sync helper runs a Parallel loop or a PLINQ query in
    /// its own body: the async method blocks on it just as on the loop itself (one call away; deeper calls are not read).
    /// </summary>
    private static void AnalyzeHelperCall(OperationAnalysisContext context, BlitzSymbols symbols, ConcurrentDictionary<IMethodSymbol, string?> helpers)
    {
        var call = (IInvocationOperation)context.Operation;
        if (!RequestHandlers.IsAsyncContextOrHandler(call, context.ContainingSymbol, symbols))
        {
            return;
        }

        var helper = call.TargetMethod.OriginalDefinition;
        var parallel = helpers.GetOrAdd(helper, method => ParallelIn(method, context.Compilation, symbols, context.CancellationToken));
        if (parallel is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncParallel, call.Syntax.GetLocation(), helper.Name + " → " + parallel));
        }
    }

    /// <summary>The first sync Parallel loop or PLINQ run in <paramref name="method"/>'s own body (not in a lambda it makes), or null.</summary>
    private static string? ParallelIn(IMethodSymbol method, Compilation compilation, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return null;
        }

        return OperationHelpers.DescendantsInSameFunction(body)
            .OfType<IInvocationOperation>()
            .Where(i => symbols.IsSyncParallel(i.TargetMethod) || RunsQueryMadeElsewhere(i))
            .OrderBy(i => i.Syntax.SpanStart)
            .Select(i => i.TargetMethod is { IsStatic: true, IsExtensionMethod: false } target ? target.ContainingType.Name + "." + target.Name : i.TargetMethod.Name)
            .FirstOrDefault();
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!(symbols.IsSyncParallel(invocation.TargetMethod) || RunsQueryMadeElsewhere(invocation)) || !RequestHandlers.IsAsyncContextOrHandler(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var method = invocation.TargetMethod;
        var isStatic = !method.IsExtensionMethod && method.IsStatic;
        var location = isStatic && invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        var name = isStatic ? method.ContainingType.Name + "." + method.Name : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncParallel, location, name));
    }

    /// <summary>
    /// <c>Connected.ForAll(...)</c>, <c>query.ToList()</c> where the <c>ParallelQuery</c> was made elsewhere (a property, a
    /// field, a parameter, a local): the call runs the PLINQ query and blocks until every partition is done. A query
    /// whose <c>AsParallel</c> is in the same expression is reported there, once.
    /// </summary>
    private static bool RunsQueryMadeElsewhere(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType is not { Name: "ParallelEnumerable", ContainingNamespace.Name: "Linq" } || !ExecutingOperators.Contains(method.Name))
        {
            return false;
        }

        for (var receiver = OperationHelpers.Receiver(invocation); receiver is not null;)
        {
            receiver = OperationHelpers.WithoutConversions(receiver);
            if (receiver is not IInvocationOperation call)
            {
                return true;
            }

            if (call.TargetMethod.Name == "AsParallel")
            {
                return false;
            }

            receiver = OperationHelpers.Receiver(call);
        }

        return true;
    }

    /// <summary>PLINQ operators that run the query (the others build it, and run nothing until enumerated).</summary>
    private static readonly ImmutableHashSet<string> ExecutingOperators = ImmutableHashSet.Create(
        "ForAll", "ToArray", "ToList", "ToDictionary", "ToLookup", "Aggregate", "Sum", "Average", "Min", "Max", "Count", "LongCount",
        "Any", "All", "Contains", "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "SequenceEqual");
}
