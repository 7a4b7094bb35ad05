using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Where a type first reaches a blocking helper: BLZ111 reports a helper once per calling type, at this site, not at
/// every call (one helper called from dozens of places is one thing to fix, in the helper). The key is the helper, or
/// for work that blocks only on first use (see <see cref="FirstUseGuards"/>) the guarded method, whichever helper
/// reaches it. The first site is the first, in source order (file path, then position), of the type's call sites
/// that the rule would report with the same key. Decided from the source alone, so every thread and every build
/// agrees without sharing an order of analysis; computed once per type and key, and only when a finding is met.
/// </summary>
internal static class FirstSitesInType
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(INamedTypeSymbol Type, IMethodSymbol Key), (SyntaxTree? Tree, TextSpan Span)>> PerCompilation = new();

    /// <summary>
    /// Whether <paramref name="operation"/> is the first site in its type at which <paramref name="keyAt"/> (the rule's
    /// own decision for a site and its calling member: the key of what it would report there, or null) gives <paramref name="key"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="siteName"/>, when known, is the name every site must show (the helper's name at a call, its
    /// property's at a read, its type's at a creation): the scan binds only the syntax that shows it.
    /// </remarks>
    public static bool IsFirstInType(IOperation operation, ISymbol caller, IMethodSymbol key, string? siteName, Compilation compilation,
        Func<IOperation, ISymbol, IMethodSymbol?> keyAt, CancellationToken cancellationToken)
    {
        if (caller.ContainingType is not { } type)
        {
            return true;
        }

        var sites = PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<(INamedTypeSymbol, IMethodSymbol), (SyntaxTree?, TextSpan)>());
        if (!sites.TryGetValue((type, key), out var first))
        {
            first = FindFirst(type, key, siteName, compilation, keyAt, cancellationToken);
            sites.TryAdd((type, key), first);
        }

        // Not found (the scan and the driver disagree): report rather than lose the finding.
        return first.Tree is null || (first.Tree == operation.Syntax.SyntaxTree && first.Span == operation.Syntax.Span);
    }

    private static (SyntaxTree? Tree, TextSpan Span) FindFirst(INamedTypeSymbol type, IMethodSymbol key, string? siteName, Compilation compilation,
        Func<IOperation, ISymbol, IMethodSymbol?> keyAt, CancellationToken cancellationToken)
    {
        var declarations = type.DeclaringSyntaxReferences
            .Where(r => compilation.ContainsSyntaxTree(r.SyntaxTree))
            .OrderBy(r => r.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start);
        foreach (var reference in declarations)
        {
            var root = reference.GetSyntax(cancellationToken);
            var model = SourceModels.Of(compilation, root.SyntaxTree);
            foreach (var node in root.DescendantNodes(n => n == root || n is not BaseTypeDeclarationSyntax))
            {
                if (!IsSite(node) || (siteName is not null && NameShown(node) is { } shown && shown != siteName)
                    || model.GetOperation(node, cancellationToken) is not { } operation || operation.Syntax != node
                    || Member(model.GetEnclosingSymbol(node.SpanStart, cancellationToken)) is not { } caller)
                {
                    continue;
                }

                if (keyAt(operation, caller) is { } found && SymbolEqualityComparer.Default.Equals(found, key))
                {
                    return (node.SyntaxTree, node.Span);
                }
            }
        }

        return (null, default);
    }

    /// <summary>Syntax that can be a call site of the rule: a call, a creation, a property read, a synchronous <c>using</c>.</summary>
    private static bool IsSite(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or UsingStatementSyntax => true,
        LocalDeclarationStatementSyntax declaration => declaration.UsingKeyword.RawKind != 0,
        MemberAccessExpressionSyntax access => access.Parent is not InvocationExpressionSyntax call || call.Expression != access,
        IdentifierNameSyntax name => name.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Name != name && access.Expression == name,
            InvocationExpressionSyntax call => call.Expression != name,
            _ => true,
        },
        _ => false,
    };

    /// <summary>
    /// The name a site shows: the called or read member's (also after <c>?.</c>), the created type's; null where the
    /// syntax shows none (a <c>using</c>, a target-typed <c>new()</c>), and such a site is always bound.
    /// </summary>
    private static string? NameShown(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax call => NameShown(call.Expression),
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        ObjectCreationExpressionSyntax creation => creation.Type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        },
        _ => null,
    };

    /// <summary>The member whose body holds a site (a lambda's or local function's enclosing member), as the driver names it.</summary>
    private static ISymbol? Member(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }
}
