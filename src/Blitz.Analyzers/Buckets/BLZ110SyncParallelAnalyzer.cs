using System.Collections.Immutable;
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
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!(symbols.IsSyncParallel(invocation.TargetMethod) || RunsQueryMadeElsewhere(invocation))
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
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
