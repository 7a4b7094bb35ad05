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
using Microsoft.CodeAnalysis.Formatting;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>
/// BLZ109: <c>await Task.Run(() => work)</c> becomes <c>await BlitzRuntime.Default.SpawnBlocking(default(object), (_, _) => work)</c>,
/// moving the blocking work from the ThreadPool to the blocking pool. Offered only when the result is awaited in place.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ109SpawnBlockingCodeFix)), Shared]
public sealed class BLZ109SpawnBlockingCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ109.SpawnBlocking";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingOnThreadPool);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) || kind != FixKinds.SpawnBlocking
            || root.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments: { Count: 1 } arguments } run
            || arguments[0].Expression is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0 } work)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Run it on the blocking pool (SpawnBlocking)", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                // Parsed, not built: only the parser marks '_' as a discard (a built identifier '_' twice is CS0100).
                var discards = ((ParenthesizedLambdaExpressionSyntax)SyntaxFactory.ParseExpression("(_, _) => 0")).ParameterList;
                var spawn = AwaitRewriting.DefaultRuntimeCall("SpawnBlocking",
                    SyntaxFactory.Argument(SyntaxFactory.DefaultExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.ObjectKeyword)))),
                    SyntaxFactory.Argument(work.WithParameterList(discards)));
                editor.ReplaceNode(run, spawn.WithTriviaFrom(run).WithAdditionalAnnotations(Formatter.Annotation));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }
}
