using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Blitz.Analyzers.Buckets;
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
/// BLZ112: a discarded <c>Task.Run(Loop)</c> / <c>Task.Run(() => Loop())</c> / <c>StartNew(...)</c> becomes
/// <c>BlitzRuntime.Default.SpawnDedicated("Loop", stopToken => Loop())</c>: the daemon gets a background thread of its
/// own instead of a pool thread. Offered only where the analyzer found the rewrite keeps the meaning (see BLZ112).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ112SpawnDedicatedCodeFix)), Shared]
public sealed class BLZ112SpawnDedicatedCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ112.SpawnDedicated";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForeverLoopThroughCall);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) || kind != BLZ112ForeverLoopThroughCallAnalyzer.SpawnDedicatedFix
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var name) || name is null
            || root.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments: { Count: 1 } arguments } start
            || Loop(arguments[0].Expression) is not { } loop)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Run it on a dedicated thread (SpawnDedicated)", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                var spawn = AwaitRewriting.DefaultRuntimeCall("SpawnDedicated",
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
                    SyntaxFactory.Argument(loop));
                editor.ReplaceNode(start, spawn.WithTriviaFrom(start).WithAdditionalAnnotations(Formatter.Annotation));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }

    /// <summary>
    /// The loop as an <c>Action&lt;CancellationToken&gt;</c> whose token goes unused (the loop keeps the token it had):
    /// <c>M</c> becomes <c>stopToken => M()</c>, <c>() => body</c> becomes <c>stopToken => body</c>.
    /// </summary>
    private static LambdaExpressionSyntax? Loop(ExpressionSyntax work)
    {
        CSharpSyntaxNode? body = work switch
        {
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, AsyncKeyword.RawKind: 0 } lambda => lambda.Body,
            IdentifierNameSyntax or MemberAccessExpressionSyntax => SyntaxFactory.InvocationExpression(work.WithoutTrivia()),
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        // A name the body does not use, so the new parameter shadows nothing (not "_": the body may discard with it).
        var parameter = "stopToken";
        for (var i = 1; body.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == parameter); i++)
        {
            parameter = "stopToken" + i;
        }

        var simple = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)));
        return body is BlockSyntax block ? simple.WithBlock(block) : simple.WithExpressionBody((ExpressionSyntax)body);
    }
}
