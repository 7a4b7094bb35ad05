using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Whether a method has a body here that can tell what a call does. A referenced method has none; neither has an
/// interface, abstract, extern or partial-definition member: for those the naming convention of sync/async twins
/// decides (<see cref="SyncTwins"/>). A body in source is read by BLZ111's summaries instead.
/// </summary>
internal static class SourceBodies
{
    /// <summary>True when <paramref name="method"/> has no body in this compilation.</summary>
    public static bool TellNothing(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.IsEmpty || method.IsAbstract || method.IsExtern)
        {
            return true;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not MethodDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                return false;
            }
        }

        return true;
    }
}
