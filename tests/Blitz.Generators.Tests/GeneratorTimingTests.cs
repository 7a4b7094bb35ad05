using System.Text;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Blitz.Generators.Tests;

/// <summary>
/// Prints the generator's own time (driver timing info) over 1,000 annotated methods. The target is under 100 ms on
/// the build machine; it is reported, not asserted (timings are not stable enough on a shared machine to assert).
/// </summary>
public sealed class GeneratorTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Generator_time_over_a_thousand_annotated_methods_is_reported()
    {
        const int types = 100, methodsPerType = 10;

        // The first run pays for JIT; the later ones, on fresh drivers and compilations, are the steady-state figure.
        // The floor is a generator with the same two attribute lookups and a trivial transform: what finding the
        // attributes costs before Blitz does anything (it makes the figure readable on a loaded machine).
        // Each warm figure is the best of three runs, which filters out most of a shared machine's noise.
        TimeSpan cold = RunOnce(new OffloadGenerator(), types, methodsPerType, "Cold", types * methodsPerType);
        RunOnce(new AttributeLookupFloor(), types, methodsPerType, "FloorCold", 0);
        // One more unmeasured run each lets tiered compilation catch up before measuring.
        RunOnce(new OffloadGenerator(), types, methodsPerType, "Tier", types * methodsPerType);
        RunOnce(new AttributeLookupFloor(), types, methodsPerType, "FloorTier", 0);

        TimeSpan warm = TimeSpan.MaxValue, floor = TimeSpan.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            warm = Min(warm, RunOnce(new OffloadGenerator(), types, methodsPerType, "Warm" + round, types * methodsPerType));
            floor = Min(floor, RunOnce(new AttributeLookupFloor(), types, methodsPerType, "Floor" + round, 0));
        }

        output.WriteLine($"{types} type(s) x {methodsPerType} methods: generator time cold {cold.TotalMilliseconds:F1} ms, "
            + $"warm {warm.TotalMilliseconds:F1} ms; attribute-lookup floor {floor.TotalMilliseconds:F1} ms");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan RunOnce(IIncrementalGenerator generator, int types, int methodsPerType, string prefix, int expectedFiles)
    {
        Compilation compilation = GeneratorHarness.Compile(SyntheticSource(prefix, types, methodsPerType));
        GeneratorDriver driver = GeneratorRunner.CreateDriver(generator, trackSteps: false);

        driver = driver.RunGenerators(compilation);

        Assert.Equal(expectedFiles, driver.GetRunResult().GeneratedTrees.Length);
        return driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
    }

    private sealed class AttributeLookupFloor : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            foreach (string attribute in new[] { "Blitz.BlockingAttribute", "Blitz.CpuBoundAttribute" })
            {
                IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
                    attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, static (c, _) => c.TargetSymbol.Name);
                context.RegisterSourceOutput(names, static (_, _) => { });
            }
        }
    }

    internal static string SyntheticSource(string prefix, int types, int methodsPerType)
    {
        var source = new StringBuilder("using Blitz;\nnamespace Synthetic;\n");
        for (int t = 0; t < types; t++)
        {
            source.Append("public partial class ").Append(prefix).Append("Worker").Append(t).Append("\n{\n");
            for (int m = 0; m < methodsPerType; m++)
            {
                source.Append(m % 2 == 0 ? "    [Blocking]\n" : "    [CpuBound]\n")
                    .Append("    public ").Append(m % 3 == 0 ? "static " : string.Empty)
                    .Append("int Work").Append(m).Append("(int input, string? label = null) => input;\n");
            }

            source.Append("}\n");
        }

        return source.ToString();
    }
}
