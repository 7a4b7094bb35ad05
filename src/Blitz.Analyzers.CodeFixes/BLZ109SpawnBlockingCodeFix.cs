using System.Collections.Generic;
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
/// BLZ109: <c>await Task.Run(() => work)</c> becomes a call on the blocking pool, moving the blocking work off the
/// ThreadPool. A lambda that captures nothing becomes <c>SpawnBlocking(static _ => work)</c>; one that captures exactly
/// one local or parameter (read only) passes it as the state, <c>SpawnBlocking(path, static (path, _) => work)</c>, so
/// the call allocates no closure; any other lambda keeps its captures, <c>SpawnBlocking(_ => work)</c>.
/// Offered only when the result is awaited in place.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BLZ109SpawnBlockingCodeFix)), Shared]
public sealed class BLZ109SpawnBlockingCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "BLZ109.SpawnBlocking";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingOnThreadPool);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => KeyedBatchFixer.Instance;

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
                var spawn = AwaitRewriting.DefaultRuntimeCall("SpawnBlocking", Arguments(work, editor.SemanticModel));
                editor.ReplaceNode(run, spawn.WithTriviaFrom(run).WithAdditionalAnnotations(Formatter.Annotation));
                return editor.GetChangedDocument();
            }, EquivalenceKey),
            diagnostic);
    }

    /// <summary>The state (when the lambda captures exactly one read-only local or parameter) and the work.</summary>
    private static ArgumentSyntax[] Arguments(ParenthesizedLambdaExpressionSyntax work, SemanticModel model)
    {
        // The token parameter: '_' unless the body names '_' itself (a discard assignment would then write the token).
        var token = SyntaxFactory.Parameter(SyntaxFactory.Identifier(FreshNames.IsNamedIn(work.Body, "_") ? FreshNames.For(work.Body, "cancellationToken") : "_"));
        var captured = Captured(work, model, out var capturesThis);
        var staticKeyword = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (capturesThis || captured.Count > 1)
        {
            return new[] { SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(token, work.Body)) };
        }

        if (captured.Count == 0)
        {
            return new[] { SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(token, work.Body).WithModifiers(SyntaxFactory.TokenList(staticKeyword))) };
        }

        // The state parameter takes the captured variable's own name: the body reads it unchanged.
        var state = captured[0];
        var parameters = SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Parameter(SyntaxFactory.Identifier(state.Name)), token }));
        return new[]
        {
            SyntaxFactory.Argument(SyntaxFactory.IdentifierName(state.Name)),
            SyntaxFactory.Argument(work.WithParameterList(parameters).WithModifiers(SyntaxFactory.TokenList(staticKeyword))),
        };
    }

    /// <summary>
    /// The locals and parameters declared outside <paramref name="work"/> that it uses; a variable it writes counts as two
    /// (a copy in the state would lose the write), and so does <c>this</c> through <paramref name="capturesThis"/>.
    /// </summary>
    private static List<ISymbol> Captured(ParenthesizedLambdaExpressionSyntax work, SemanticModel model, out bool capturesThis)
    {
        capturesThis = false;
        var captured = new List<ISymbol>();
        var flow = model.AnalyzeDataFlow(work);
        foreach (var symbol in flow?.CapturedInside ?? ImmutableArray<ISymbol>.Empty)
        {
            if (symbol is IParameterSymbol { IsThis: true })
            {
                capturesThis = true;
            }
            else if (!symbol.Locations.Any(l => work.Span.Contains(l.SourceSpan)))
            {
                captured.Add(symbol);
                if (flow!.WrittenInside.Contains(symbol) || symbol is IParameterSymbol { RefKind: not RefKind.None })
                {
                    capturesThis = true;
                }
            }
        }

        // An instance member named without 'this.' uses the instance as well, and a local function may capture in turn.
        capturesThis |= work.Body.DescendantNodesAndSelf().Any(n => n is ThisExpressionSyntax or BaseExpressionSyntax
            || (n is SimpleNameSyntax name && !IsMemberAccessName(name)
                && model.GetSymbolInfo(name).Symbol is { IsStatic: false, Kind: SymbolKind.Field or SymbolKind.Property or SymbolKind.Method or SymbolKind.Event }));
        return captured;
    }

    /// <summary>The <c>Name</c> of <c>x.Name</c> or <c>x?.Name</c>: reached through a receiver, not through <c>this</c>.</summary>
    private static bool IsMemberAccessName(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        || name.Parent is MemberBindingExpressionSyntax
        || name.Parent is NameColonSyntax
        || name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment && assignment.Left == name;
}
