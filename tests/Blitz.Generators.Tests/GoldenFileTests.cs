using System.Runtime.CompilerServices;
using Blitz.Generators.Tests.Shapes;
using Blitz.TestSupport;

namespace Blitz.Generators.Tests;

public sealed class GoldenFileTests
{
    public static TheoryData<string> ShapeNames => new(GeneratorShapes.All.Keys);

    [Fact]
    public void There_are_at_least_fifteen_shapes() => Assert.True(GeneratorShapes.All.Count >= 15);

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Generated_text_matches_the_golden_file(string shape)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorShapes.All[shape]);

        Assert.NotEmpty(run.GeneratedSources);
        GoldenFile.AssertMatches(BaselineDirectory(), shape + ".generated.txt", GeneratorHarness.Describe(run));
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Generated_code_compiles_without_warnings(string shape)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorShapes.All[shape]);

        Assert.NotEmpty(run.GeneratedSources);
        var problems = CompilationFactory.Problems(run.OutputCompilation);
        Assert.True(problems.Count == 0, CompilationFactory.Describe(problems) + "\n" + GeneratorHarness.Describe(run));
    }

    private static string BaselineDirectory([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines");
}
