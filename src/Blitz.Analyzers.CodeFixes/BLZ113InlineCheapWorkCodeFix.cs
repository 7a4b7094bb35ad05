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
/// BLZ113: <c>await Task.Run(() => expr)</c> becomes <c>expr</c>, and <c>await Task.Run(() => { stmt; });</c> becomes
/// <c>stmt;</c>. Offered only where the analyzer found the task awaited on the spot with the expression's own type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ113InlineCheapWorkCodeFix)), Shared]
public sealed class BLZ113InlineCheapWorkCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ113.Inline";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OffloadedCheapWork);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) || kind != FixKinds.Inline
            || AwaitRewriting.ExpressionAt(root, context.Span) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } run
            || AwaitOf(run) is not { } awaited
            || Inlined(run.ArgumentList.Arguments[0].Expression) is not { } inlined)
        {
            return;
        }

        // A target-typed expression (default, new(), a collection expression) has no type of its own outside the lambda.
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || model.GetTypeInfo(inlined, context.CancellationToken) is not { Type: { } type } info
            || !SymbolEqualityComparer.Default.Equals(type, info.ConvertedType))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Run the cheap work inline", async c =>
            {
                var editor = await DocumentEditor.CreateAsync(context.Document, c).ConfigureAwait(false);
                editor.ReplaceNode(awaited, InPlaceOf(inlined, awaited));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }

    /// <summary>The <c>await</c> of <paramref name="run"/>, through a <c>.ConfigureAwait(bool)</c>.</summary>
    private static AwaitExpressionSyntax? AwaitOf(InvocationExpressionSyntax run) => run.Parent switch
    {
        AwaitExpressionSyntax awaited => awaited,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax { Parent: AwaitExpressionSyntax awaited } } => awaited,
        _ => null,
    };

    /// <summary>The lambda's single expression (its expression body, its one returned value or its one statement).</summary>
    private static ExpressionSyntax? Inlined(ExpressionSyntax work) => work switch
    {
        ParenthesizedLambdaExpressionSyntax { ExpressionBody: { } body } => body,
        ParenthesizedLambdaExpressionSyntax { Block.Statements.Count: 1 } lambda => lambda.Block.Statements[0] switch
        {
            ReturnStatementSyntax { Expression: { } returned } => returned,
            ExpressionStatementSyntax statement => statement.Expression,
            _ => null,
        },
        _ => null,
    };

    /// <summary><paramref name="inlined"/> shaped to stand where <paramref name="replaced"/> stood.</summary>
    private static ExpressionSyntax InPlaceOf(ExpressionSyntax inlined, ExpressionSyntax replaced)
    {
        var expression = inlined.WithoutTrivia();
        var needsParentheses = replaced.Parent is ExpressionSyntax parent
            and not (ParenthesizedExpressionSyntax or AssignmentExpressionSyntax)
            && expression is not (IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ParenthesizedExpressionSyntax or InterpolatedStringExpressionSyntax or ObjectCreationExpressionSyntax or ElementAccessExpressionSyntax
                or TupleExpressionSyntax);
        if (needsParentheses)
        {
            expression = SyntaxFactory.ParenthesizedExpression(expression);
        }

        return expression.WithTriviaFrom(replaced).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
