using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>BLZ101: <c>Thread.Sleep(d)</c> becomes <c>await Task.Delay(d, token)</c>, keeping a token in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ101ThreadSleepCodeFix)), Shared]
public sealed class BLZ101ThreadSleepCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ101.AwaitTaskDelay";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleep);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || AwaitRewriting.ExpressionAt(root, context.Span) is not InvocationExpressionSyntax sleep || !AwaitRewriting.CanAwaitAt(sleep))
        {
            return;
        }

        var diagnostic = context.Diagnostics[0];
        diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token);
        context.RegisterCodeFix(
            CodeAction.Create("Use 'await Task.Delay'", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                var delay = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                        AwaitRewriting.QualifiedType("System.Threading.Tasks.Task"), SyntaxFactory.IdentifierName("Delay")),
                    AwaitRewriting.WithToken(sleep.ArgumentList, token));
                editor.ReplaceNode(sleep, AwaitRewriting.Await(delay, sleep));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }
}
