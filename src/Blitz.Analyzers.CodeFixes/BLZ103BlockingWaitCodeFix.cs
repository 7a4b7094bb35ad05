using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>
/// BLZ103, where the rewrite is mechanical: <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c> and <c>t.Wait()</c>
/// become <c>await t</c>; <c>Task.WaitAll(a, b)</c> becomes <c>await Task.WhenAll(a, b)</c>; <c>semaphore.Wait(...)</c>
/// becomes <c>await semaphore.WaitAsync(...)</c>. The analyzer decides which applies (<see cref="DiagnosticProperties.FixKind"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ103BlockingWaitCodeFix)), Shared]
public sealed class BLZ103BlockingWaitCodeFix : CodeFixProvider
{
    // One key for every kind: a Fix All (one key) then fixes every wait in one pass.
    private const string EquivalenceKey = "BLZ103.Await";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingWait);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind)
            || AwaitRewriting.ExpressionAt(root, context.Span) is not { } node || AwaitRewriting.IsInConditionalAccess(node)
            || !AwaitRewriting.CanAwaitAt(node))
        {
            return;
        }

        diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement);
        var awaited = kind switch
        {
            FixKinds.AwaitTask => AwaitedTask(node),
            FixKinds.WhenAll when node is InvocationExpressionSyntax call => AwaitRewriting.Renamed(call, "WhenAll", null),
            FixKinds.Rename when node is InvocationExpressionSyntax call && replacement is not null => AwaitRewriting.Renamed(call, replacement, null),
            _ => null,
        };
        if (awaited is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Use 'await'", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                editor.ReplaceNode(node, AwaitRewriting.Await(awaited, node));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }

    /// <summary>The task expression: <c>t</c> of <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? AwaitedTask(SyntaxNode node)
    {
        var access = node switch
        {
            MemberAccessExpressionSyntax member => member,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member,
            _ => null,
        };
        if (access is null)
        {
            return null;
        }

        if (access.Name.Identifier.ValueText == "GetResult")
        {
            return access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter }
                ? getAwaiter.Expression
                : null;
        }

        return access.Expression;
    }
}
