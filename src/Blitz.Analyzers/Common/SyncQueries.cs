using System.Linq;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A LINQ query executed synchronously on an <c>IQueryable</c>: its provider (Entity Framework, a remote API) runs the
/// query and reads every row on the calling thread. The operators are System.Linq.Queryable's public methods that
/// return a value rather than another query (they execute it), and System.Linq.Enumerable's materializers (they
/// enumerate it); providers name their async twins after them (<c>ToListAsync</c>, <c>FirstOrDefaultAsync</c>).
/// A query over memory (<c>list.AsQueryable()</c>) runs no I/O and is left alone.
/// </summary>
internal static class SyncQueries
{
    private static readonly HashSet<string> QueryableExecutors = new(System.StringComparer.Ordinal)
    {
        "Aggregate", "All", "Any", "Average", "Contains", "Count", "ElementAt", "ElementAtOrDefault", "First",
        "FirstOrDefault", "Last", "LastOrDefault", "LongCount", "Max", "MaxBy", "Min", "MinBy", "SequenceEqual",
        "Single", "SingleOrDefault", "Sum",
    };

    private static readonly HashSet<string> EnumerableMaterializers = new(System.StringComparer.Ordinal)
    {
        "ToArray", "ToDictionary", "ToHashSet", "ToList", "ToLookup",
    };

    /// <summary>True when <paramref name="member"/> is one of the operators; the receiver decides (<see cref="AsyncTwinName"/>).</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool MayExecute(ISymbol member) =>
        member is IMethodSymbol { ContainingType: { ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } type } method
        && (type.Name == "Queryable" ? QueryableExecutors.Contains(method.Name) : type.Name == "Enumerable" && EnumerableMaterializers.Contains(method.Name));

    /// <summary>The async twin's name (<c>ToListAsync</c>) when <paramref name="invocation"/> executes a query on an <c>IQueryable</c> not over memory, else null.</summary>
    [MethodImpl(Jit.Optimized)]
    public static string? AsyncTwinName(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!MayExecute(method))
        {
            return null;
        }

        var source = OperationHelpers.Receiver(invocation) is { } receiver ? OperationHelpers.WithoutConversions(receiver) : null;
        return source is not null && IsQueryable(source.Type) && !IsOverMemory(source) ? method.Name + "Async" : null;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool IsQueryable(ITypeSymbol? type) =>
        type is not null && (IsQueryableInterface(type) || System.Linq.Enumerable.Any(type.AllInterfaces, IsQueryableInterface));

    private static bool IsQueryableInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IQueryable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } };

    /// <summary>
    /// The query is built on <c>AsQueryable()</c> somewhere down its chain of operators, also through a local that
    /// holds only such a query, or through a call that turns one query into another (<c>_pipeline(items.AsQueryable())</c>:
    /// a filter or a delegate that takes an <c>IQueryable</c> and returns one only adds operators to it).
    /// </summary>
    private static bool IsOverMemory(IOperation source, int depth = 0)
    {
        for (var current = source; current is not null && depth < 4; )
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "AsQueryable" }:
                    return true;
                case IInvocationOperation call when OperationHelpers.Receiver(call) is null || call.TargetMethod.MethodKind == MethodKind.DelegateInvoke:
                    // A query passed through: its one IQueryable argument is the source.
                    var passed = call.Arguments.Where(a => IsQueryable(OperationHelpers.WithoutConversions(a.Value).Type)).ToList();
                    return passed.Count == 1 && IsOverMemory(OperationHelpers.WithoutConversions(passed[0].Value), depth + 1);
                case IInvocationOperation call:
                    current = OperationHelpers.Receiver(call) is { } next ? OperationHelpers.WithoutConversions(next) : null;
                    break;
                case ILocalReferenceOperation { Local: var local } when current.SemanticModel is { } model:
                    return LocalWrites.SoleValue(local, model, default) is { } value && IsOverMemory(OperationHelpers.WithoutConversions(value), depth + 1);
                default:
                    return false;
            }
        }

        return false;
    }
}
