using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>Where a local may get another value: assigned, deconstructed into, or passed by <c>ref</c>/<c>out</c>.</summary>
internal static class LocalWrites
{
    /// <summary>Whether <paramref name="local"/> (a local, or a parameter) is written anywhere in <paramref name="node"/> (lambdas included).</summary>
    public static bool IsWrittenIn(SyntaxNode node, ISymbol local, SemanticModel model, CancellationToken cancellationToken)
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

    /// <summary>
    /// The value <paramref name="local"/>'s own declaration gives it (<c>var block = new uint[16];</c>), when nothing in the
    /// block that declares it writes it again: then that value is the local's at every use. Null otherwise, or for a
    /// local declared elsewhere than in <paramref name="model"/>'s tree or in no block.
    /// </summary>
    public static IOperation? SoleValue(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator
            || declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } scope
            || IsWrittenIn(scope, local, model, cancellationToken))
        {
            return null;
        }

        return model.GetOperation(declarator, cancellationToken) is IVariableDeclaratorOperation { Initializer.Value: var initial } ? initial : null;
    }

    private static bool IsWrite(IdentifierNameSyntax name) => name.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == name,
        ArgumentSyntax { Parent: TupleExpressionSyntax } => true, // (a, stream) = Pair()
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
        _ => false,
    };
}
