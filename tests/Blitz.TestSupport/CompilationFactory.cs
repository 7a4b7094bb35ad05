using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.TestSupport;

/// <summary>
/// Builds in-memory C# compilations against the .NET 10 reference assemblies (<see cref="ReferenceAssemblies.Framework"/>),
/// plus any extra assemblies a test needs (typically the Blitz runtime).
/// </summary>
public static class CompilationFactory
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Extra = new();

    /// <summary>The parse options of every tree; generator drivers must use the same ones.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A library compilation with nullable enabled and unsafe code allowed.</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, IEnumerable<Assembly>? references = null, string assemblyName = "Blitz.Generated.Tests")
    {
        SyntaxTree[] trees = sources.Select((source, i) => Parse(source, $"Source{i}.cs")).ToArray();
        return Create(trees, references, assemblyName);
    }

    /// <summary>A library compilation of already parsed trees.</summary>
    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, IEnumerable<Assembly>? references = null, string assemblyName = "Blitz.Generated.Tests")
    {
        IEnumerable<MetadataReference> all = ReferenceAssemblies.Framework.Concat((references ?? []).Select(Reference));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            all,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true));
    }

    /// <summary>Parses <paramref name="source"/> with <see cref="ParseOptions"/>.</summary>
    public static SyntaxTree Parse(string source, string path = "Source.cs") => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>The diagnostics of <paramref name="compilation"/> at <paramref name="minimum"/> severity or above (warnings count: the build treats them as errors).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation, DiagnosticSeverity minimum = DiagnosticSeverity.Warning)
        => compilation.GetDiagnostics().Where(d => d.Severity >= minimum).ToList();

    /// <summary>Formats diagnostics one a line with the offending source line, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d =>
        {
            string line = d.Location.IsInSource
                ? d.Location.SourceTree!.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
                : string.Empty;
            return $"{d} | {line}";
        }));

    private static MetadataReference Reference(Assembly assembly) => Extra.GetOrAdd(assembly.Location, path => MetadataReference.CreateFromFile(path));
}
