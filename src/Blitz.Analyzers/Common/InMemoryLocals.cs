using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A local (or an <c>out</c> parameter) that holds an in-memory stream where it is used, by the value it was last given:
/// <c>Stream stream; ... stream = CreateStream(...); stream.Write(...)</c>. The last value is the assignment (or
/// declaration) found by walking back from the use through the statements that run before it, in its block and each
/// enclosing block; it counts only when nothing from there to the use writes the local again (a loop around the use
/// included) and no label lies between (a jump could skip the assignment). The value is in memory by its type, or as
/// a source factory's every return (<see cref="InMemoryFactories"/>).
/// </summary>
internal static class InMemoryLocals
{
    public static bool HoldsInMemoryValue(ILocalReferenceOperation use, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        HoldsInMemoryValue(use, use.Local, symbols, cancellationToken);

    /// <summary>
    /// The same for an <c>out</c> parameter, which the method itself fills: <c>static void BytesToStream(byte[] data,
    /// out Stream stream) { stream = new MemoryStream(); stream.Write(data, 0, data.Length); }</c>.
    /// </summary>
    public static bool HoldsInMemoryValue(IParameterReferenceOperation use, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        use.Parameter.RefKind == RefKind.Out && HoldsInMemoryValue(use, use.Parameter, symbols, cancellationToken);

    private static bool HoldsInMemoryValue(IOperation use, ISymbol local, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (use.SemanticModel is not { } model)
        {
            return false;
        }

        var node = use.Syntax;
        for (var parent = node.Parent; parent is not null; node = parent, parent = parent.Parent)
        {
            if (parent is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
            {
                return false; // a lambda runs later: the local may hold anything by then
            }

            var statements = parent switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                _ => default,
            };
            var index = node is StatementSyntax statement ? statements.IndexOf(statement) : -1;
            for (var i = index - 1; i >= 0; i--)
            {
                if (AssignedValue(statements[i], local, model, cancellationToken) is not { } value)
                {
                    continue;
                }

                for (var j = i + 1; j <= index; j++)
                {
                    if (LocalWrites.IsWrittenIn(statements[j], local, model, cancellationToken)
                        || statements[j].DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any())
                    {
                        return false;
                    }
                }

                return model.GetOperation(value, cancellationToken) is { } operation && InMemoryFactories.IsInMemory(operation, symbols, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>The value <paramref name="statement"/> gives <paramref name="local"/>: <c>local = value;</c> or its declaration's initializer.</summary>
    private static ExpressionSyntax? AssignedValue(StatementSyntax statement, ISymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (statement)
        {
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Right: var value } assignment }
                when assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) && name.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local):
                return value;
            case LocalDeclarationStatementSyntax declaration:
                foreach (var declarator in declaration.Declaration.Variables)
                {
                    if (declarator.Identifier.ValueText == local.Name && declarator.Initializer is { } initializer
                        && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), local))
                    {
                        return initializer.Value;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
