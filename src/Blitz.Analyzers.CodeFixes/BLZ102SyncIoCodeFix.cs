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

/// <summary>BLZ102 and BLZ105: a synchronous call becomes an awaited call of its async counterpart or generated wrapper.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitAsyncCounterpartCodeFix)), Shared]
public sealed class AwaitAsyncCounterpartCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncIo, DiagnosticIds.DirectOffloadTargetCall);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || AwaitRewriting.ExpressionAt(root, context.Span) is not InvocationExpressionSyntax call
            || AwaitRewriting.IsInConditionalAccess(call) || !AwaitRewriting.CanAwaitAt(call)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement is null)
        {
            return;
        }

        diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token);
        var renamed = AwaitRewriting.Renamed(call, replacement, token);
        if (renamed is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Use 'await {replacement}'", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                editor.ReplaceNode(call, AwaitRewriting.Await(renamed, call));
                return editor.GetChangedDocument();
            }, diagnostic.Id + ".AwaitAsyncCounterpart"),
            diagnostic);
    }
}
