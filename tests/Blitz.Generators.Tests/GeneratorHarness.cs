using Blitz.TestSupport;
using Microsoft.CodeAnalysis;

namespace Blitz.Generators.Tests;

/// <summary>Runs the Blitz generator over sources compiled against the Blitz runtime.</summary>
internal static class GeneratorHarness
{
    // Documentation diagnostics are on (the generated docs must be valid); the test sources themselves are undocumented.
    public static Compilation Compile(params string[] sources)
        => CompilationFactory.Create(sources.Select(s => "#pragma warning disable CS1591\n" + s), [typeof(BlitzRuntime).Assembly]);

    public static GeneratorRun Run(params string[] sources) => GeneratorRunner.Run(new OffloadGenerator(), Compile(sources));

    /// <summary>
    /// All generated files as one text, each headed by its hint name, for golden files. The generator's version in
    /// <c>[GeneratedCode]</c> is replaced by a placeholder so that a version bump does not rewrite every golden file.
    /// </summary>
    public static string Describe(GeneratorRun run)
        => string.Join("\n", run.GeneratedSources.Select(s => $"//// {s.HintName}\n{s.Text}"))
            .Replace($"\"{typeof(OffloadGenerator).Assembly.GetName().Version}\")]", "\"<version>\")]", StringComparison.Ordinal);
}
