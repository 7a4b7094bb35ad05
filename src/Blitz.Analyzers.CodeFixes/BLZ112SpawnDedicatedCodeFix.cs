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

/// <summary>
/// BLZ112: a discarded <c>Task.Run(() => Loop(token))</c> / <c>StartNew(...)</c> becomes
/// <c>BlitzRuntime.Default.SpawnDedicated("Loop", stopToken => { using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stopToken); Loop(linked.Token); })</c>:
/// the daemon gets a background thread of its own instead of a pool thread, still stops when <c>token</c> is canceled,
/// and now also when the runtime stops it (the runtime's disposal waits for its dedicated loops: a loop blind to the
/// stop token would hang it). Offered only where the analyzer found the loop reads the token (see BLZ112).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ112SpawnDedicatedCodeFix)), Shared]
public sealed class BLZ112SpawnDedicatedCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ112.SpawnDedicated";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForeverLoopThroughCall);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.FixKind, out var kind) || kind != FixKinds.SpawnDedicated
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var name) || name is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token) || token is null
            || root.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments: { Count: 1 } arguments } start
            || Loop(arguments[0].Expression, token) is not { } loop)
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
    /// The loop as an <c>Action&lt;CancellationToken&gt;</c> that links <paramref name="token"/> (source text) to the stop
    /// token and passes the linked token wherever the lambda passed <paramref name="token"/>:
    /// <c>() => Loop(ct)</c> becomes <c>stopToken => { using var linked = ...(ct, stopToken); Loop(linked.Token); }</c>.
    /// </summary>
    private static LambdaExpressionSyntax? Loop(ExpressionSyntax work, string token)
    {
        if (work is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, AsyncKeyword.RawKind: 0 } lambda)
        {
            return null;
        }

        // The document's own line break: a CRLF in an LF file would mix the two.
        var lineBreak = lambda.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.ElasticEndOfLine(lineBreak.ToString()) : SyntaxFactory.ElasticCarriageReturnLineFeed;

        // Names the body does not use, so the new ones shadow nothing (not "_": the body may discard with it).
        var stop = FreshNames.For(lambda.Body, "stopToken");
        var linked = FreshNames.For(lambda.Body, "linked");
        var linkedToken = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(linked), SyntaxFactory.IdentifierName("Token"));
        var body = lambda.Body.ReplaceNodes(
            lambda.Body.DescendantNodesAndSelf().OfType<ArgumentSyntax>().Where(a => a.Expression.ToString() == token).Select(a => a.Expression),
            (original, _) => linkedToken.WithTriviaFrom(original));
        var statements = body switch
        {
            BlockSyntax block => block.Statements,
            ExpressionSyntax expression => SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia())),
            _ => default,
        };
        if (statements.Count == 0)
        {
            return null;
        }

        var link = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(SyntaxFactory.IdentifierName("var"), SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(linked).WithInitializer(SyntaxFactory.EqualsValueClause(
                        SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                                AwaitRewriting.QualifiedType("System.Threading.CancellationTokenSource"), SyntaxFactory.IdentifierName("CreateLinkedTokenSource")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                            {
                                SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token)),
                                SyntaxFactory.Argument(SyntaxFactory.IdentifierName(stop)),
                            }))))))))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
            .WithTrailingTrivia(newLine);

        // Elastic line breaks: the formatter lays the new block out on lines of its own, the body's statements as written.
        var last = statements[statements.Count - 1];
        statements = statements.Replace(last, last.WithTrailingTrivia(newLine)).Insert(0, link);
        var linkedBlock = SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(newLine), statements, SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
        return SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(stop))).WithBlock(linkedBlock);
    }
}
