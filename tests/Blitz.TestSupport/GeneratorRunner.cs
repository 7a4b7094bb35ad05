using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Blitz.TestSupport;

/// <summary>The result of running a generator over a compilation.</summary>
/// <param name="Driver">The driver after the run; run it again on an edited compilation to test caching.</param>
/// <param name="Result">The run result (generated trees, tracked steps, exceptions).</param>
/// <param name="OutputCompilation">The input compilation plus the generated trees.</param>
/// <param name="Diagnostics">Diagnostics reported by the driver (a generator exception shows up here as CS8785).</param>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The generated files as (hint name, text), ordered by hint name.</summary>
    public IReadOnlyList<(string HintName, string Text)> GeneratedSources
        => Result.Results.SelectMany(r => r.GeneratedSources)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();
}

/// <summary>Runs an incremental generator the way the compiler does, with step tracking on.</summary>
public static class GeneratorRunner
{
    /// <summary>A driver for <paramref name="generator"/> with <see cref="CompilationFactory.ParseOptions"/> and step tracking.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, bool trackSteps = true)
        => CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: CompilationFactory.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs <paramref name="generator"/> over <paramref name="compilation"/> and fails if it threw.</summary>
    public static GeneratorRun Run(IIncrementalGenerator generator, Compilation compilation, bool trackSteps = true)
        => Run(CreateDriver(generator, trackSteps), compilation);

    /// <summary>Runs an existing driver (keeping its cache) over <paramref name="compilation"/> and fails if the generator threw.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        AssertDidNotThrow(result, diagnostics);
        return new GeneratorRun(driver, result, output, diagnostics);
    }

    /// <summary>Fails if any generator threw (its exception is recorded, and the driver reports CS8785 for it).</summary>
    public static void AssertDidNotThrow(GeneratorDriverRunResult result, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (GeneratorRunResult generatorResult in result.Results)
        {
            Assert.True(generatorResult.Exception is null, $"The generator threw: {generatorResult.Exception}");
        }

        Diagnostic? failure = diagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
        Assert.True(failure is null, $"The generator failed: {failure}");
    }
}
