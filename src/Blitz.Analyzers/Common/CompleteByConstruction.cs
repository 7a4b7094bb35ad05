using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A task variable that only ever holds finished tasks: every write to it is <c>Task.FromResult(..)</c>,
/// <c>Task.CompletedTask</c>, <c>Task.FromException(..)</c>, <c>Task.FromCanceled(..)</c> or <c>null</c>, so reading its
/// result never blocks (a cached result task, <c>_lastReadTask?.Result</c>). Only where every write is visible: a local
/// (its member's code), or a private field of a type declared in one place (that declaration). Asked only after a wait
/// on the variable matched, so the walk of the declaration is off the common path.
/// </summary>
internal static class CompleteByConstruction
{
    // Per variable: a task field is read at many waits, and the walk of its type is the same for each.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, bool>> PerCompilation = new();

    public static bool Holds(ISymbol variable, IOperation use)
    {
        if (use.SemanticModel is not { } model || variable is not (ILocalSymbol or IFieldSymbol { DeclaredAccessibility: Accessibility.Private }))
        {
            return false;
        }

        var known = PerCompilation.GetValue(model.Compilation, _ => new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default));
        if (!known.TryGetValue(variable, out var holds))
        {
            holds = Compute(variable, model);
            known.TryAdd(variable, holds);
        }

        return holds;
    }

    private static bool Compute(ISymbol variable, SemanticModel model)
    {
        if (Scope(variable, model.SyntaxTree) is not { } scope)
        {
            return false;
        }

        var writes = 0;
        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when IsVariable(assignment.Left, variable, model):
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || !IsFinished(assignment.Right, model))
                    {
                        return false;
                    }

                    writes++;
                    break;
                case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == variable.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), variable):
                    if (declarator.Initializer is { } initializer)
                    {
                        if (!IsFinished(initializer.Value, model))
                        {
                            return false;
                        }

                        writes++;
                    }

                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None and not (int)SyntaxKind.InKeyword } byReference
                    when IsVariable(byReference.Expression, variable, model):
                    return false; // written where this walk cannot see (ref/out, Interlocked.Exchange)
            }
        }

        return writes > 0;
    }

    /// <summary>The code that holds every write: a local's member, or a private field's only type declaration in this tree.</summary>
    private static SyntaxNode? Scope(ISymbol variable, SyntaxTree tree)
    {
        var owner = variable switch
        {
            ILocalSymbol local => local.ContainingSymbol,
            IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false } field => field.ContainingType,
            _ => null,
        };
        if (owner is null || owner.DeclaringSyntaxReferences.Length != 1 || owner.DeclaringSyntaxReferences[0].SyntaxTree != tree)
        {
            return null;
        }

        return owner.DeclaringSyntaxReferences[0].GetSyntax();
    }

    // The name first: binding every assignment's target in the scope was most of this walk's cost.
    private static bool IsVariable(ExpressionSyntax expression, ISymbol variable, SemanticModel model) =>
        expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == variable.Name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == variable.Name,
            _ => false,
        }
        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression).Symbol, variable);

    private static bool IsFinished(ExpressionSyntax value, SemanticModel model)
    {
        switch (value)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return IsFinished(parenthesized.Expression, model);
            case ConditionalExpressionSyntax choice:
                return IsFinished(choice.WhenTrue, model) && IsFinished(choice.WhenFalse, model);
        }

        if (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression))
        {
            return true;
        }

        var operation = model.GetOperation(value) is { } found ? OperationHelpers.WithoutConversions(found) : null;
        return operation switch
        {
            IInvocationOperation { TargetMethod: { Name: "FromResult" or "FromException" or "FromCanceled", ContainingType: var type } } => IsTask(type),
            IPropertyReferenceOperation { Property: { Name: "CompletedTask", ContainingType: var type } } => IsTask(type),
            _ => false,
        };
    }

    private static bool IsTask(INamedTypeSymbol? type) =>
        type is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } };
}
