using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace Blitz.TestSupport;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and compares the resulting text: one diagnostic at a time
/// (<see cref="VerifyFixAsync"/>) or all at once through the provider's Fix All provider (<see cref="VerifyFixAllAsync"/>).
/// </summary>
public sealed class CodeFixRunner
{
    private readonly AnalyzerHarness _harness;
    private readonly CodeFixProvider _provider;

    /// <summary>Creates a runner for one analyzer and one code fix provider.</summary>
    public CodeFixRunner(IEnumerable<MetadataReference> references, DiagnosticAnalyzer analyzer, CodeFixProvider provider)
    {
        _harness = new AnalyzerHarness(references, analyzer);
        _provider = provider;
    }

    /// <summary>
    /// Fixes the fixable diagnostics of <paramref name="source"/> (markup allowed, ignored) one at a time, re-analyzing
    /// after each fix, and asserts the final text equals <paramref name="expected"/>.
    /// </summary>
    public async Task VerifyFixAsync(string source, string expected, int maxIterations = 20)
    {
        var document = CreateDocument(DiagnosticMarkup.Parse(source).Source);
        for (var i = 0; i < maxIterations; i++)
        {
            var diagnostics = await FixableDiagnosticsAsync(document).ConfigureAwait(false);
            CodeAction? action = null;
            foreach (var diagnostic in diagnostics)
            {
                action = await FirstActionAsync(document, diagnostic).ConfigureAwait(false);
                if (action is not null)
                {
                    break;
                }
            }

            if (action is null)
            {
                break;
            }

            document = await ApplyAsync(document, action).ConfigureAwait(false);
        }

        await AssertTextAsync(document, expected).ConfigureAwait(false);
    }

    /// <summary>Fixes every fixable diagnostic of the document in one Fix All pass and compares the text.</summary>
    public async Task VerifyFixAllAsync(string source, string expected)
    {
        var document = CreateDocument(DiagnosticMarkup.Parse(source).Source);
        var diagnostics = await FixableDiagnosticsAsync(document).ConfigureAwait(false);
        Assert.NotEmpty(diagnostics);
        var first = await FirstActionAsync(document, diagnostics[0]).ConfigureAwait(false);
        Assert.NotNull(first);
        var fixAll = _provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(
            document,
            _provider,
            FixAllScope.Document,
            first!.EquivalenceKey!,
            _provider.FixableDiagnosticIds,
            new Provider(this),
            CancellationToken.None);
        var action = await fixAll!.GetFixAsync(context).ConfigureAwait(false);
        Assert.NotNull(action);
        document = await ApplyAsync(document, action!).ConfigureAwait(false);
        await AssertTextAsync(document, expected).ConfigureAwait(false);
    }

    /// <summary>Asserts that no code action is offered for any diagnostic of <paramref name="source"/>.</summary>
    public async Task VerifyNoFixAsync(string source)
    {
        var document = CreateDocument(DiagnosticMarkup.Parse(source).Source);
        foreach (var diagnostic in await FixableDiagnosticsAsync(document).ConfigureAwait(false))
        {
            Assert.Null(await FirstActionAsync(document, diagnostic).ConfigureAwait(false));
        }
    }

    private Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Blitz.CodeFixTests.Input",
            "Blitz.CodeFixTests.Input",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: _harness.References));
        return workspace.AddDocument(project.Id, "Input0.cs", SourceText.From(source));
    }

    private async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Document document)
    {
        var compilation = await document.Project.GetCompilationAsync().ConfigureAwait(false);
        var diagnostics = await _harness.GetDiagnosticsAsync(compilation!).ConfigureAwait(false);
        return diagnostics.Where(d => _provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
    }

    private async Task<CodeAction?> FirstActionAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await _provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.FirstOrDefault();
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return solution.GetDocument(document.Id)!;
    }

    /// <summary>The text must match, and a fix must not break the build: the fixed code compiles without errors.</summary>
    private static async Task AssertTextAsync(Document document, string expected)
    {
        var actual = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
        if (Normalize(actual) != Normalize(expected))
        {
            throw new XunitException($"The fixed text differs.\n--- expected\n{expected}\n--- actual\n{actual}");
        }

        var compilation = await document.Project.GetCompilationAsync().ConfigureAwait(false);
        var errors = compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new XunitException("The fixed code does not compile:\n" + string.Join("\n", errors) + "\n" + actual);
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd();

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly CodeFixRunner _runner;

        public Provider(CodeFixRunner runner) => _runner = runner;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await _runner.FixableDiagnosticsAsync(document).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var all = new List<Diagnostic>();
            foreach (var document in project.Documents)
            {
                all.AddRange(await _runner.FixableDiagnosticsAsync(document).ConfigureAwait(false));
            }

            return all;
        }

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            GetProjectDiagnosticsAsync(project, cancellationToken);
    }
}
