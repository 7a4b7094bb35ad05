using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>BLZ001: adds <c>partial</c> to every non-partial type enclosing the offload target.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ001AddPartialCodeFix)), Shared]
public sealed class BLZ001AddPartialCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ001.AddPartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TypeNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var method = root?.FindNode(context.Span).FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (method is null || !method.Ancestors().OfType<TypeDeclarationSyntax>().Any(IsNotPartial))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Add 'partial' to the containing types", c => AddPartialAsync(context.Document, method, c), EquivalenceKey),
            context.Diagnostics);
    }

    private static bool IsNotPartial(TypeDeclarationSyntax type) => !type.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static async Task<Document> AddPartialAsync(Document document, SyntaxNode member, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var type in member.Ancestors().OfType<TypeDeclarationSyntax>().Where(IsNotPartial))
        {
            editor.ReplaceNode(type, (current, _) => WithPartial((TypeDeclarationSyntax)current));
        }

        return editor.GetChangedDocument();
    }

    /// <summary><c>partial</c> must come last among the modifiers, just before the keyword; it takes the keyword's leading trivia when it is the only modifier.</summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        if (!IsNotPartial(type))
        {
            return type;
        }

        if (type.Modifiers.Count > 0)
        {
            return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        var keyword = type.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return type.WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList())).WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
