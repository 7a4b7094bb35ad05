using Blitz.TestSupport;
using Microsoft.CodeAnalysis;

namespace Blitz.Generators.Tests;

/// <summary>The harness must be able to fail: these tests feed it what it exists to catch.</summary>
public sealed class TestSupportTests
{
    [Fact]
    public void A_golden_file_mismatch_fails_with_a_line_diff()
    {
        string directory = Directory.CreateTempSubdirectory("blitz-golden").FullName;
        File.WriteAllText(Path.Combine(directory, "shape.generated.txt"), "one\ntwo\nthree\n");

        var failure = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(directory, "shape.generated.txt", "one\nTWO\nthree\n"));
        Directory.Delete(directory, recursive: true);

        Assert.Contains("-    2 | two", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+    2 | TWO", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_golden_file_fails()
    {
        string directory = Directory.CreateTempSubdirectory("blitz-golden").FullName;

        var failure = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(directory, "new.generated.txt", "text"));
        Directory.Delete(directory, recursive: true);

        Assert.Contains("new.generated.txt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_walker_finds_a_symbol_held_by_a_step()
    {
        GeneratorRun run = GeneratorRunner.Run(new LeakyGenerator(), GeneratorHarness.Compile("public class C { }"));

        Assert.ThrowsAny<Exception>(() => GeneratorStepAssert.NoRoslynObjectsInOutputs(run.Result, ["Leak"]));
    }

    [Fact]
    public void The_runner_fails_when_a_generator_throws()
        => Assert.ThrowsAny<Exception>(() => GeneratorRunner.Run(new ThrowingGenerator(), GeneratorHarness.Compile("public class C { }")));

    private sealed class LeakyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var leak = context.CompilationProvider.Select(static (c, _) => (Name: "C", Type: c.GetTypeByMetadataName("C"))).WithTrackingName("Leak");
            context.RegisterSourceOutput(leak, static (_, _) => { });
        }
    }

    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
            => context.RegisterSourceOutput(context.CompilationProvider, static (_, _) => throw new InvalidOperationException("boom"));
    }
}
