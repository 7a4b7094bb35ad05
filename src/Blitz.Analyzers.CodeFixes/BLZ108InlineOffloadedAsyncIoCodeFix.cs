using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

/// <summary>BLZ108: <c>Task.Run(async () => await IoAsync(x))</c> becomes <c>IoAsync(x)</c> (it is awaited where Task.Run was).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ108InlineOffloadedAsyncIoCodeFix)), Shared]
public sealed class BLZ108InlineOffloadedAsyncIoCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ108.AwaitDirectly";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OffloadedAsyncIo);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) || kind != FixKinds.Inline
            || AwaitRewriting.ExpressionAt(root, context.Span) is not InvocationExpressionSyntax run
            || run.ArgumentList.Arguments.Count != 1
            || InnerCall(run.ArgumentList.Arguments[0].Expression) is not { } inner)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Await the async call directly", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                editor.ReplaceNode(run, inner.WithTriviaFrom(run).WithAdditionalAnnotations(Formatter.Annotation));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }

    private static ExpressionSyntax? InnerCall(ExpressionSyntax work)
    {
        switch (work)
        {
            case LambdaExpressionSyntax { ExpressionBody: { } body }:
                return Unawait(body);
            case LambdaExpressionSyntax { Block.Statements: { Count: 1 } statements }:
                return statements[0] switch
                {
                    ExpressionStatementSyntax statement => Unawait(statement.Expression),
                    ReturnStatementSyntax { Expression: { } returned } => Unawait(returned),
                    _ => null,
                };
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return SyntaxFactory.InvocationExpression(work.WithoutTrivia());
            default:
                return null;
        }
    }

    private static ExpressionSyntax? Unawait(ExpressionSyntax expression) =>
        (expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression) as InvocationExpressionSyntax;
}
