using System.Text;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.Generators.Tests;

/// <summary>
/// The Roslyn SDK's generator test for <see cref="OffloadGenerator"/>, set up as the other generator tests compile:
/// the references of <see cref="CompilationFactory"/> (Basic.Reference.Assemblies plus Blitz.Runtime), the same parse
/// options, nullable and unsafe code on, and every compiler warning counted (the build treats them as errors).
/// It fails if the generator throws, if the generated files differ from <c>TestState.GeneratedSources</c>, or if the
/// output has a compiler diagnostic that is not expected.
/// </summary>
internal sealed class OffloadGeneratorTest : CSharpSourceGeneratorTest<OffloadGenerator, DefaultVerifier>
{
    // A framework with no reference package: the testing library then downloads nothing (no NuGet access at all),
    // and the references come from Basic.Reference.Assemblies instead.
    private static readonly Microsoft.CodeAnalysis.Testing.ReferenceAssemblies NoDownload = new("net10.0");

    public OffloadGeneratorTest()
    {
        ReferenceAssemblies = NoDownload;
        TestState.AdditionalReferences.AddRange(TestSupport.ReferenceAssemblies.FrameworkAnd(typeof(BlitzRuntime).Assembly));
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    /// <summary>A test of <paramref name="source"/> (public test types need no documentation; generated code does).</summary>
    public static OffloadGeneratorTest For(string source)
    {
        var test = new OffloadGeneratorTest();
        test.TestState.Sources.Add(GeneratorHarness.UndocumentedSource(source));
        return test;
    }

    /// <summary>Expects one generated file with the text <paramref name="text"/> (the emitter writes UTF-8).</summary>
    public void ExpectGenerated(string hintName, string text)
        => TestState.GeneratedSources.Add((typeof(OffloadGenerator), hintName, SourceText.From(text, Encoding.UTF8)));

    protected override ParseOptions CreateParseOptions() => CompilationFactory.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions()
        => ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithAllowUnsafe(true);
}
