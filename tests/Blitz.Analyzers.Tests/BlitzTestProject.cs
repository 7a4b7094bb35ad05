using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests;

/// <summary>
/// The project every Roslyn-testing-library test of the Blitz rules compiles: offline, since the .NET 10 references
/// come from Basic.Reference.Assemblies and the library's own <see cref="ReferenceAssemblies"/> names no package to
/// download; Blitz.Runtime for the attributes and the runtime API; latest C#, nullable and unsafe code on.
/// </summary>
internal static class BlitzTestProject
{
    public static void Configure(AnalyzerTest<DefaultVerifier> test, IEnumerable<MetadataReference> extraReferences)
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");

        // A rule may have several descriptors of one id (a message per situation, one severity): {|BLZ106:...|} means any.
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalReferences.AddRange(extraReferences);
    }

    public static CSharpParseOptions ParseOptions(CSharpParseOptions options) => options.WithLanguageVersion(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions(CSharpCompilationOptions options) =>
        options.WithNullableContextOptions(NullableContextOptions.Enable).WithAllowUnsafe(true);
}
