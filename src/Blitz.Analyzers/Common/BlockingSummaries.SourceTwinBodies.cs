using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Source twins read through their bodies: a source member that is sync I/O by name (an async twin beside it) blocks
/// only if its body does, when that body is in view and real (not a stub's, not a P/Invoke), or, for an abstract member,
/// when every override beside its type blocks nowhere.
/// </summary>
internal sealed partial class BlockingSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _abstractMembers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Sync I/O by name only (a source member with an async twin) whose own body is in view and does real work: the
    /// body is read as a callee instead, and blocks only if something in it does (<c>Execute(...) =&gt; _action(...)</c>
    /// beside <c>ExecuteAsync</c> runs a delegate). A stub's body (empty, a constant, a throw) says nothing, so the
    /// name stands for it.
    /// </summary>
    private bool IsReadInstead(BlockingWork work, IOperation operation, CancellationToken cancellationToken) =>
        work.Kind == BlockingKind.SyncIo && operation is IInvocationOperation { TargetMethod: var target } && ReadsBodyInstead(target, cancellationToken);

    /// <summary>
    /// Whether a call of <paramref name="target"/>, a source member that is sync I/O by name (an async twin beside it),
    /// is read through its body rather than by its name: the body is in view and does real work (not a stub's).
    /// </summary>
    public bool ReadsBodyInstead(IMethodSymbol target, CancellationToken cancellationToken) =>
        IsDeclaredInSource(target, _compilation)
        && (HasRealBody(target, cancellationToken) || (target.OriginalDefinition.IsAbstract && OverridesDoNotBlock(target.OriginalDefinition, cancellationToken)));

    private bool HasRealBody(IMethodSymbol target, CancellationToken cancellationToken) =>
        Summarizable(target) is { } definition && Declaration(definition, _compilation, cancellationToken) is { } declaration
        && !IsStubBody(declaration) && !CallsNativeCode(declaration, cancellationToken);

    /// <summary>
    /// An abstract source member whose overrides, declared beside its type (the same files: nested variants such as
    /// <c>Behaviour.Sync</c> and <c>Behaviour.Async</c>), each either throw or have a real body that blocks nowhere, and at
    /// least one has such a body: every runtime type's member is in view. Overrides elsewhere are not searched.
    /// </summary>
    private bool OverridesDoNotBlock(IMethodSymbol member, CancellationToken cancellationToken) =>
        _abstractMembers.GetOrAdd(member, m =>
        {
            var read = 0;
            foreach (var tree in m.ContainingType.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct())
            {
                var model = SourceModels.Of(_compilation, tree);
                foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (declaration.Identifier.ValueText != m.Name || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { IsOverride: true } candidate
                        || !Overrides(candidate, m))
                    {
                        continue;
                    }

                    if (declaration.Body is { Statements.Count: 1 } block && block.Statements[0] is ThrowStatementSyntax
                        || declaration.ExpressionBody?.Expression is ThrowExpressionSyntax)
                    {
                        continue; // a variant that does not support the sync path
                    }

                    if (!HasRealBody(candidate, cancellationToken) || !Settle(candidate, model, cancellationToken).IsNone)
                    {
                        return false;
                    }

                    read++;
                }
            }

            return read > 0;
        });

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol member)
    {
        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A body that calls an <c>extern</c> method (a P/Invoke such as <c>write(fd, ...)</c>): native I/O the summaries cannot see into.</summary>
    private bool CallsNativeCode(SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var model = SourceModels.Of(_compilation, declaration.SyntaxTree);
        foreach (var call in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { IsExtern: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A body that only returns a constant, a default, a field, a new or empty value or a completed task, throws, or is empty.</summary>
    private static bool IsStubBody(SyntaxNode declaration)
    {
        var (block, expression) = declaration switch
        {
            BaseMethodDeclarationSyntax method => (method.Body, method.ExpressionBody?.Expression),
            AccessorDeclarationSyntax accessor => (accessor.Body, accessor.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            ArrowExpressionClauseSyntax arrow => (null, arrow.Expression),
            _ => (null, null),
        };
        if (block is not null)
        {
            switch (block.Statements.Count == 1 ? block.Statements[0] : null)
            {
                case null when block.Statements.Count == 0:
                    return true;
                case ReturnStatementSyntax { Expression: var returned }:
                    expression = returned;
                    break;
                case ThrowStatementSyntax or YieldStatementSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.YieldBreakStatement }:
                    return true;
                default:
                    return false; // a statement that does something, or several
            }
        }

        return expression is null or LiteralExpressionSyntax or DefaultExpressionSyntax or ThrowExpressionSyntax or IdentifierNameSyntax
            or PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression }
            || (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" })
            || (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" } })
            || (expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" } })
            || (expression is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax);
    }
}
