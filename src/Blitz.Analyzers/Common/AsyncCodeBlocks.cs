using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Registration for the rules that look only at async context (BLZ101-105, BLZ110). Most members of most programs
/// are synchronous; registering per operation block, and only for blocks that can hold async context, spares the
/// driver a callback for every call in them. A block qualifies when its member is async (or is top-level statements)
/// or when it declares an async lambda or local function.
/// </summary>
internal static class AsyncCodeBlocks
{
    /// <summary>Runs <paramref name="action"/> on operations of <paramref name="kinds"/> in blocks that can hold async context.</summary>
    public static void RegisterAsyncContextAction(
        this CompilationStartAnalysisContext start, Lazy<BlitzSymbols> symbols, Action<OperationAnalysisContext, BlitzSymbols> action, params OperationKind[] kinds)
    {
        start.RegisterOperationBlockStartAction(block =>
        {
            if (!MayHoldAsyncContext(block.OwningSymbol, block.OperationBlocks) || symbols.Value is not { HasTasks: true } resolved)
            {
                return;
            }

            block.RegisterOperationAction(c => action(c, resolved), kinds);
        });
    }

    /// <summary>True when the member is async, is top-level statements, or its code declares an async function.</summary>
    public static bool MayHoldAsyncContext(ISymbol owner, ImmutableArray<IOperation> blocks)
    {
        if (owner is IMethodSymbol method && (method.IsAsync || method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName))
        {
            return true;
        }

        foreach (var block in blocks)
        {
            if (DeclaresAsyncFunction(block.Syntax))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresAsyncFunction(SyntaxNode node)
    {
        foreach (var descendant in node.DescendantNodes())
        {
            if (descendant is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword }
                || (descendant is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.AsyncKeyword)))
            {
                return true;
            }
        }

        return false;
    }
}
