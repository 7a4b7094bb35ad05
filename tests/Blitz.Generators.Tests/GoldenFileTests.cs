using System.Runtime.CompilerServices;
using Blitz.Generators.Tests.Shapes;
using Blitz.TestSupport;

namespace Blitz.Generators.Tests;

public sealed class GoldenFileTests
{
    private const string GoldenSuffix = ".generated.txt";

    public static TheoryData<string> ShapeNames => new(GeneratorShapes.All.Keys);

    [Fact]
    public void Every_shape_has_a_golden_file_and_every_golden_file_has_a_shape()
    {
        // From disk: a golden file left behind by a renamed or deleted shape pins nothing, and a shape without one is
        // only checked on the machine that first writes it.
        var goldenFiles = Directory.GetFiles(BaselineDirectory(), "*" + GoldenSuffix)
            .Select(path => Path.GetFileName(path)[..^GoldenSuffix.Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(GeneratorShapes.All.Keys.Order(StringComparer.Ordinal), goldenFiles);
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Generated_text_matches_the_golden_file(string shape)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorShapes.All[shape]);

        Assert.NotEmpty(run.GeneratedSources);
        GoldenFile.AssertMatches(BaselineDirectory(), shape + GoldenSuffix, GeneratorHarness.Describe(run));
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Each_shape_generates_its_golden_files_and_they_compile_without_warnings(string shape)
    {
        var test = OffloadGeneratorTest.For(GeneratorShapes.All[shape]);
        foreach ((string hintName, string text) in GeneratorHarness.GeneratedFiles(File.ReadAllText(Path.Combine(BaselineDirectory(), shape + GoldenSuffix))))
        {
            test.ExpectGenerated(hintName, text);
        }

        await test.RunAsync();
    }

    private static string BaselineDirectory([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines");
}
