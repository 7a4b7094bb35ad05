using Blitz.TestSupport;
using Microsoft.CodeAnalysis;

namespace Blitz.Generators.Tests;

/// <summary>Runs the Blitz generator over sources compiled against the Blitz runtime.</summary>
internal static class GeneratorHarness
{
    private const string FileHeader = "//// ";
    private const string VersionPlaceholder = "\"<version>\")]";

    private static readonly string Version = $"\"{typeof(OffloadGenerator).Assembly.GetName().Version}\")]";

    public static Compilation Compile(params string[] sources)
        => CompilationFactory.Create(sources.Select(UndocumentedSource), [typeof(BlitzRuntime).Assembly]);

    public static GeneratorRun Run(params string[] sources) => GeneratorRunner.Run(new OffloadGenerator(), Compile(sources));

    /// <summary>
    /// Documentation diagnostics are on (the generated docs must be valid); the test sources themselves are undocumented.
    /// </summary>
    public static string UndocumentedSource(string source) => "#pragma warning disable CS1591\n" + source;

    /// <summary>
    /// All generated files as one text, each headed by its hint name, for golden files. The generator's version in
    /// <c>[GeneratedCode]</c> is replaced by a placeholder so that a version bump does not rewrite every golden file.
    /// </summary>
    public static string Describe(GeneratorRun run)
        => string.Join("\n", run.GeneratedSources.Select(s => $"{FileHeader}{s.HintName}\n{s.Text}"))
            .Replace(Version, VersionPlaceholder, StringComparison.Ordinal);

    /// <summary>The files of a golden text written by <see cref="Describe"/>, with the generator's real version back in.</summary>
    public static IReadOnlyList<(string HintName, string Text)> GeneratedFiles(string golden)
    {
        string[] files = golden.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace(VersionPlaceholder, Version, StringComparison.Ordinal)
            .Split("\n" + FileHeader);
        Assert.StartsWith(FileHeader, files[0], StringComparison.Ordinal);
        files[0] = files[0][FileHeader.Length..];
        return files.Select(file => (file[..file.IndexOf('\n', StringComparison.Ordinal)], file[(file.IndexOf('\n', StringComparison.Ordinal) + 1)..])).ToList();
    }
}
