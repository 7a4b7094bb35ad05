using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// Runs analyzers over a compilation and returns what they report, for the tests that count findings instead of
/// asserting one expected list (corpus scores, fuzzing, concurrent against sequential runs); the tests that assert
/// an expected list use the Roslyn testing library (<see cref="BlitzAnalyzerTest"/>). An analyzer exception fails.
/// </summary>
internal sealed class AnalyzerRun(IEnumerable<MetadataReference> references, params DiagnosticAnalyzer[] analyzers)
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [.. analyzers];
    private readonly ImmutableHashSet<string> _reportedIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
    private readonly ImmutableArray<MetadataReference> _references = [.. references];

    /// <summary>The parse options of every tree of a run (latest C#).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>
    /// A library compilation of the sources (<c>Input0.cs</c>, ...; unsafe code and nullable on). Not a concurrent
    /// build: the inputs are small and tests already run in parallel, so more threads only contend.
    /// </summary>
    public CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Blitz.AnalyzerTests.Input",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true, concurrentBuild: false));

    /// <summary>
    /// The analyzers' diagnostics on <paramref name="compilation"/>, sorted by file and position, with
    /// <paramref name="options"/> as one <c>[*.cs]</c> section of an .editorconfig. Throws if an analyzer threw (AD0001),
    /// so a test can never pass on an analyzer that crashed.
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Compilation compilation, IReadOnlyDictionary<string, string>? options = null, bool concurrent = false, CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ConfigProvider(options ?? new Dictionary<string, string>()));
        var withAnalyzers = compilation.WithAnalyzers(_analyzers,
            new CompilationWithAnalyzersOptions(analyzerOptions, (e, a, _) => exceptions.Enqueue($"{a.GetType().Name}: {e}"), concurrent, logAnalyzerExecutionTime: false));
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var crashes = all.Where(d => d.Id == "AD0001").Select(d => d.ToString()).Concat(exceptions).ToList();
        Assert.True(crashes.Count == 0, "An analyzer threw:\n" + string.Join("\n", crashes));
        return all.Where(d => _reportedIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The same options for every tree, as one <c>[*.cs]</c> section of an .editorconfig gives.</summary>
    private sealed class ConfigProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
