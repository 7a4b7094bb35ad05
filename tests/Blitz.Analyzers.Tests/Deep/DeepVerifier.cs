using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// The rules that follow calls across files (a helper is often declared in another file than its async caller), with
/// <c>.editorconfig</c> options: verified through the Roslyn testing library (<see cref="VerifyAsync(string[])"/>),
/// or run raw (<see cref="Compile"/>, <see cref="AnalyzeAsync"/>) where a test compares whole runs, such as a
/// concurrent one with a sequential one.
/// </summary>
internal sealed class DeepVerifier(params DiagnosticAnalyzer[] analyzers)
{
    private readonly AnalyzerRun _run = new(TestReferences.All, analyzers);

    /// <summary>Asserts that exactly the diagnostics marked in every file (<c>Input0.cs</c>, <c>Input1.cs</c>, ...) are reported.</summary>
    public Task VerifyAsync(params string[] markups) => VerifyAsync(null, markups);

    /// <summary>As <see cref="VerifyAsync(string[])"/>, with <paramref name="options"/> in a <c>[*.cs]</c> section of an .editorconfig.</summary>
    public Task VerifyAsync(IReadOnlyDictionary<string, string>? options, params string[] markups)
    {
        var test = new BlitzAnalyzerTest(analyzers);
        for (var i = 0; i < markups.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Input{i}.cs", markups[i]));
        }

        if (options is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + string.Concat(options.Select(o => $"{o.Key} = {o.Value}\n"))));
        }

        return test.RunAsync();
    }

    /// <summary>
    /// As <see cref="VerifyAsync(string[])"/>, then the diagnostics themselves, sorted by file and position, for the
    /// message and property checks the markup cannot state (a second, raw run: only the tests that read them pay for it).
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> VerifyAndGetDiagnosticsAsync(params string[] markups)
    {
        await VerifyAsync(markups);
        return await AnalyzeAsync(Compile([.. markups.Select(m => CorpusMarkup.Parse(m).Source)]));
    }

    public Compilation Compile(params string[] sources)
    {
        var compilation = _run.CreateCompilation(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
        return compilation;
    }

    /// <summary>The diagnostics of the verifier's analyzers, sorted by file and position; any analyzer exception fails.</summary>
    public Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, IReadOnlyDictionary<string, string>? options = null, bool concurrent = false) =>
        _run.GetDiagnosticsAsync(compilation, options, concurrent);
}
