using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The async twin of a sync member declared in source: <c>Connect</c> → <c>ConnectAsync</c>, a getter
/// <c>IsConnected</c> → <c>IsConnectedAsync</c>/<c>GetIsConnectedAsync</c>, <c>Dispose</c> → <c>DisposeAsync</c>;
/// task-returning, same parameters optionally followed by a CancellationToken. Never the caller itself: suggesting
/// <c>await ReadAsync()</c> inside <c>ReadAsync</c> would be endless recursion.
/// </summary>
internal static class AsyncTwins
{
    public static IMethodSymbol? Find(IMethodSymbol method, ISymbol caller, BlitzSymbols symbols)
    {
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.Constructor)
        {
            return null;
        }

        var isGetter = method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is not null;
        var baseName = isGetter ? method.AssociatedSymbol!.Name : method.Name;
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var name in isGetter ? new[] { baseName + "Async", "Get" + baseName + "Async" } : new[] { baseName + "Async" })
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol candidate && candidate.IsStatic == method.IsStatic && symbols.IsTaskLike(candidate.ReturnType)
                        && TakesSameParameters(method, candidate, symbols)
                        && !SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, caller.OriginalDefinition))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    private static bool TakesSameParameters(IMethodSymbol method, IMethodSymbol candidate, BlitzSymbols symbols)
    {
        var count = method.Parameters.Length;
        return BlitzSymbols.SameLeadingParameters(method, candidate)
            && (candidate.Parameters.Length == count
                || (candidate.Parameters.Length == count + 1 && BlitzSymbols.Is(candidate.Parameters[count].Type, symbols.CancellationToken)));
    }
}
