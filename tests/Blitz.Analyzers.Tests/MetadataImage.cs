using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.Analyzers.Tests;

/// <summary>Compiles test source into a library referenced as metadata, as a NuGet package would be.</summary>
internal static class MetadataImage
{
    /// <summary>
    /// The compiled <paramref name="source"/>: its members have no syntax, only what the assembly records, so a rule
    /// sees them as it sees a package's. Throws with the compiler's errors if the source does not compile.
    /// </summary>
    public static MetadataReference Compile(string assemblyName, string source, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source, AnalyzerRun.ParseOptions)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
