using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Common;

/// <summary>Where a local may get another value: assigned, deconstructed into, or passed by <c>ref</c>/<c>out</c>.</summary>
internal static class LocalWrites
{
    /// <summary>Whether <paramref name="local"/> is written anywhere in <paramref name="node"/> (lambdas included).</summary>
    public static bool IsWrittenIn(SyntaxNode node, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var name in node.DescendantNodesAndSelf())
        {
            if (name is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name && IsWrite(identifier)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrite(IdentifierNameSyntax name) => name.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == name,
        ArgumentSyntax { Parent: TupleExpressionSyntax } => true, // (a, stream) = Pair()
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
        _ => false,
    };
}
