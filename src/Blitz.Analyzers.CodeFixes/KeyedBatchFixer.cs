using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Blitz.Analyzers.CodeFixes;

/// <summary>
/// Roslyn's batch Fix All, also for a host that names no equivalence key. The batch fixer applies only the actions
/// whose key is the one it is given. <c>dotnet format</c> gives the key of the action registered for the first
/// diagnostic it found, which may be one that this provider declines (a call it cannot rewrite, or, when every rule
/// runs, a diagnostic of another id); the key is then null, no action matches, and nothing is fixed anywhere ("didn't
/// return a Fix All action"). Here a missing key is the key of the first diagnostic in scope that the provider fixes.
/// </summary>
internal sealed class KeyedBatchFixer : FixAllProvider
{
    private KeyedBatchFixer()
    {
    }

    /// <summary>The one instance (it holds no state).</summary>
    public static KeyedBatchFixer Instance { get; } = new();

    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

    /// <inheritdoc/>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey is null && await FirstKeyAsync(fixAllContext).ConfigureAwait(false) is { } key)
        {
            fixAllContext = WithKey(fixAllContext, key);
        }

        return await WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext).ConfigureAwait(false);
    }

    /// <summary>The key of the action the provider registers for the first diagnostic in scope that it fixes, or null.</summary>
    private static async Task<string?> FirstKeyAsync(FixAllContext context)
    {
        foreach (var diagnostic in await DiagnosticsInScopeAsync(context).ConfigureAwait(false))
        {
            if (diagnostic.Location.SourceTree is not { } tree || context.Solution.GetDocument(tree) is not { } document)
            {
                continue;
            }

            string? key = null;
            var fixContext = new CodeFixContext(document, diagnostic, (action, _) => key ??= action.EquivalenceKey, context.CancellationToken);
            await context.CodeFixProvider.RegisterCodeFixesAsync(fixContext).ConfigureAwait(false);
            if (key is not null)
            {
                return key;
            }
        }

        return null;
    }

    private static async Task<IEnumerable<Diagnostic>> DiagnosticsInScopeAsync(FixAllContext context)
    {
        switch (context.Scope)
        {
            case FixAllScope.Solution:
                var all = new List<Diagnostic>();
                foreach (var project in context.Solution.Projects)
                {
                    all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                return all;
            case FixAllScope.Project:
                return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
            default:
                return context.Document is { } document ? await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false) : Enumerable.Empty<Diagnostic>();
        }
    }

    /// <summary>The same request with <paramref name="key"/>: the same scope, ids and diagnostics.</summary>
    private static FixAllContext WithKey(FixAllContext context, string key)
    {
        var diagnostics = new SameDiagnostics(context);
        return context.Document is { } document
            ? new FixAllContext(document, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken)
            : new FixAllContext(context.Project, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken);
    }

    /// <summary>The diagnostics the host gave the original request.</summary>
    private sealed class SameDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly FixAllContext _original;

        public SameDiagnostics(FixAllContext original) => _original = original;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await _original.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _original.GetProjectDiagnosticsAsync(project).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _original.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
    }
}
