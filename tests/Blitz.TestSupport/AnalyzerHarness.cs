using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace Blitz.TestSupport;

/// <summary>
/// Runs analyzers on source through <see cref="CompilationWithAnalyzers"/> and compares their diagnostics (id and span)
/// with markup. An analyzer exception or an AD0001 always fails the test.
/// </summary>
public sealed class AnalyzerHarness
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ImmutableHashSet<string> _reportedIds;

    /// <summary>Creates a harness for the given analyzers, compiling against <paramref name="references"/>.</summary>
    public AnalyzerHarness(IEnumerable<MetadataReference> references, params DiagnosticAnalyzer[] analyzers)
    {
        References = references.ToImmutableArray();
        _analyzers = analyzers.ToImmutableArray();
        _reportedIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
    }

    /// <summary>The references of every compilation the harness creates.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The parse options of every tree the harness creates (latest C#).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>
    /// Creates a library compilation of the given sources (unsafe code and nullable enabled). Not a concurrent build:
    /// test inputs are small and tests already run in parallel, so more threads only contend.
    /// </summary>
    public CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Blitz.AnalyzerTests.Input",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true, concurrentBuild: false));

    /// <summary>
    /// Compiles <paramref name="source"/> into a library referenced as metadata, as a NuGet package would be: its
    /// members have no syntax, only what the assembly records.
    /// </summary>
    public static MetadataReference CompileToReference(string assemblyName, string source, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source, ParseOptions)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>
    /// Asserts that the analyzers report exactly the diagnostics marked in <paramref name="markup"/>; unmarked spans
    /// (<c>[|...|]</c>) expect <paramref name="defaultId"/>. The source must compile unless <paramref name="allowCompilerErrors"/>.
    /// </summary>
    public async Task VerifyAsync(string markup, string? defaultId = null, bool allowCompilerErrors = false)
    {
        var (source, expected) = DiagnosticMarkup.Parse(markup);
        var compilation = CreateCompilation(source);
        if (!allowCompilerErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new XunitException("The test source does not compile:\n" + Describe(errors, source));
            }
        }

        var actual = await GetDiagnosticsAsync(compilation).ConfigureAwait(false);
        var expectedKeys = expected.Select(e => (Id: e.Id ?? defaultId ?? "?", e.Span)).ToList();
        var actualKeys = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        var missing = expectedKeys.Where(e => !actualKeys.Contains(e)).ToList();
        var unexpected = actual.Where(d => !expectedKeys.Contains((d.Id, d.Location.SourceSpan))).ToList();
        if (missing.Count == 0 && unexpected.Count == 0 && expectedKeys.Count == actualKeys.Count)
        {
            return;
        }

        var report = new StringBuilder();
        if (missing.Count > 0)
        {
            report.AppendLine("Expected but not reported:");
            foreach (var (id, span) in missing)
            {
                report.AppendLine($"  {id} {Position(source, span)}: {Excerpt(source, span)}");
            }
        }

        if (unexpected.Count > 0)
        {
            report.AppendLine("Reported but not expected:");
            report.Append(Describe(unexpected, source));
        }

        report.AppendLine("All reported:");
        report.Append(Describe(actual, source));
        throw new XunitException(report.ToString());
    }

    /// <summary>
    /// The analyzers' diagnostics on <paramref name="compilation"/>, sorted by position. Throws if any analyzer threw
    /// (AD0001), so a test can never pass on an analyzer that crashed.
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(_analyzers, options);
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var crashes = all.Where(d => d.Id == "AD0001").Select(d => d.ToString()).Concat(exceptions).ToList();
        if (crashes.Count > 0)
        {
            throw new XunitException("An analyzer threw:\n" + string.Join("\n", crashes));
        }

        return all.Where(d => _reportedIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, string source)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            text.AppendLine($"  {diagnostic.Id} {Position(source, span)}: {Excerpt(source, span)}  — {diagnostic.GetMessage()}");
        }

        return text.ToString();
    }

    private static string Position(string source, TextSpan span)
    {
        var line = SourceText.From(source).Lines.GetLinePosition(span.Start);
        return $"({line.Line + 1},{line.Character + 1})";
    }

    private static string Excerpt(string source, TextSpan span) =>
        span.End <= source.Length ? "`" + source.Substring(span.Start, span.Length).Replace("\n", "\\n") + "`" : "<out of range>";
}
