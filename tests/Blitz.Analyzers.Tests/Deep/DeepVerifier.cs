using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// Runs analyzers on several files at once (a helper is often declared in another file than its async caller), with
/// <c>.editorconfig</c> options, and compares with the markup of every file. Fails on any analyzer exception.
/// </summary>
internal sealed class DeepVerifier(params DiagnosticAnalyzer[] analyzers)
{
    private readonly AnalyzerHarness _harness = new(TestReferences.All, analyzers);
    private readonly ImmutableHashSet<string> _ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();

    public Compilation Compile(params string[] sources)
    {
        var compilation = _harness.CreateCompilation(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new XunitException("The test source does not compile:\n" + string.Join("\n", errors));
        }

        return compilation;
    }

    /// <summary>The diagnostics of the verifier's analyzers, sorted by file and position.</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, IReadOnlyDictionary<string, string>? options = null, bool concurrent = false)
    {
        var exceptions = new ConcurrentQueue<string>();
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ConfigProvider(options ?? new Dictionary<string, string>()));
        var withAnalyzers = compilation.WithAnalyzers(analyzers.ToImmutableArray(),
            new CompilationWithAnalyzersOptions(analyzerOptions, (e, a, _) => exceptions.Enqueue($"{a.GetType().Name}: {e}"), concurrent, logAnalyzerExecutionTime: false));
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var crashes = all.Where(d => d.Id == "AD0001").Select(d => d.ToString()).Concat(exceptions).ToList();
        if (crashes.Count > 0)
        {
            throw new XunitException("An analyzer threw:\n" + string.Join("\n", crashes));
        }

        return all.Where(d => _ids.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Asserts that exactly the marked diagnostics are reported in every file; returns them for message checks.</summary>
    public async Task<ImmutableArray<Diagnostic>> VerifyAsync(IReadOnlyDictionary<string, string>? options, params string[] markups)
    {
        var parsed = markups.Select(DiagnosticMarkup.Parse).ToList();
        var compilation = Compile(parsed.Select(p => p.Source).ToArray());
        var actual = await AnalyzeAsync(compilation, options);
        var expected = parsed.SelectMany((p, i) => p.Expected.Select(e => (File: $"Input{i}.cs", Id: e.Id, Span: e.Span))).ToHashSet();
        var found = actual.Select(d => (File: d.Location.SourceTree!.FilePath, Id: (string?)d.Id, Span: d.Location.SourceSpan)).ToHashSet();
        if (expected.SetEquals(found))
        {
            return actual;
        }

        var report = new StringBuilder();
        foreach (var miss in expected.Except(found))
        {
            var source = parsed[int.Parse(miss.File[5..^3])].Source;
            report.AppendLine($"Expected but not reported: {miss.Id} {miss.File} `{source.Substring(miss.Span.Start, miss.Span.Length)}`");
        }

        foreach (var diagnostic in actual.Where(d => !expected.Contains((d.Location.SourceTree!.FilePath, d.Id, d.Location.SourceSpan))))
        {
            report.AppendLine($"Reported but not expected: {diagnostic}");
        }

        throw new XunitException(report.ToString());
    }

    public Task<ImmutableArray<Diagnostic>> VerifyAsync(params string[] markups) => VerifyAsync(null, markups);

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
