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
/// BLZ102 and BLZ105: a synchronous call becomes an awaited call of its async counterpart or generated wrapper; an
/// awaited <c>Task.Run</c> of nothing but the call becomes the counterpart.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitAsyncCounterpartCodeFix)), Shared]
public sealed class AwaitAsyncCounterpartCodeFix : CodeFixProvider
{
    // One key per id for both rewrites: a Fix All (one key) then fixes every diagnostic of the id in one pass.
    private const string EquivalenceKeySuffix = ".AwaitAsyncCounterpart";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncIo, DiagnosticIds.DirectOffloadTargetCall);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is not null && diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) && kind == FixKinds.TwinInsteadOfStarter)
        {
            RegisterTwinInsteadOfStarter(context, root, diagnostic);
            return;
        }

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
            }, diagnostic.Id + EquivalenceKeySuffix),
            diagnostic);
    }

    /// <summary><c>await Task.Run(() => x.M(args))</c> becomes <c>await x.MAsync(args)</c> (the analyzer checked the shape).</summary>
    private static void RegisterTwinInsteadOfStarter(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (AwaitRewriting.ExpressionAt(root, context.Span) is not InvocationExpressionSyntax call
            || call.Parent?.Parent?.Parent?.Parent is not InvocationExpressionSyntax starter
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var replacement) || replacement is null
            || AwaitRewriting.Renamed(call, replacement, null) is not { } twin)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Await '{replacement}' instead of a pool thread", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                editor.ReplaceNode(starter, twin.WithTriviaFrom(starter));
                return editor.GetChangedDocument();
            }, diagnostic.Id + EquivalenceKeySuffix),
            diagnostic);
    }
}
