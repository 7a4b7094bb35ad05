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

    [Fact]
    public async Task The_generator_test_fails_on_a_compiler_warning_in_the_output()
    {
        // CS0168: a declared but unused local. Nothing is generated, so the warning is the only reason to fail.
        var test = OffloadGeneratorTest.For("public class C { public void M() { int unused; } }");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());

        Assert.Contains("CS0168", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fuzz_case_that_throws_fails_the_report_with_its_seed_and_source()
    {
        var fuzz = new SeededFuzz(committedSeed: 42);
        await fuzz.CheckEachAsync([1, 2, 3], i => $"case {i}", i => $"source of {i}", (i, _) =>
            i == 2 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask);

        var lines = new List<string>();
        var failure = Assert.ThrowsAny<Exception>(() => fuzz.Report(lines.Add, "3 cases"));

        Assert.Equal(1, fuzz.FailureCount);
        Assert.Contains($"case 2 (seed {fuzz.Seed}): boom", failure.Message, StringComparison.Ordinal);
        Assert.Contains("source of 2", failure.Message, StringComparison.Ordinal);
        Assert.Contains("3 cases", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fuzz_run_without_failures_reports_and_passes()
    {
        var fuzz = new SeededFuzz(committedSeed: 42);
        var lines = new List<string>();

        fuzz.Report(lines.Add, "no cases");

        Assert.Contains("0 failed", Assert.Single(lines), StringComparison.Ordinal);
    }

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
