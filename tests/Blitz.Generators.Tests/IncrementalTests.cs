using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.Generators.Tests;

/// <summary>Edits that do not touch an annotated method must leave every pipeline step cached.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] AllSteps =
    [
        TrackingNames.BlockingTargets, TrackingNames.ValidBlockingTargets,
        TrackingNames.CpuBoundTargets, TrackingNames.ValidCpuBoundTargets,
    ];

    private const string Workers = """
        using Blitz;

        namespace Demo;

        public partial class Workers
        {
            [Blocking]
            public static int Load(string path) => path.Length;

            [CpuBound]
            public int Rank(int[] scores) => scores.Length;

            public int Helper(int x)
            {
                return x + 1;
            }
        }
        """;

    [Fact]
    public void An_unrelated_new_type_leaves_every_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = compilation.AddSyntaxTrees(CompilationFactory.Parse("namespace Demo; public class Unrelated { }", "Unrelated.cs"));
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, AllSteps);
    }

    [Fact]
    public void Unrelated_code_in_the_same_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = ReplaceSource(compilation, Workers + "\npublic class AlsoHere { public int Value { get; set; } }\n");
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, AllSteps);
        Assert.Equal(2, second.GeneratedSources.Count);
    }

    [Fact]
    public void An_edit_inside_an_unrelated_method_body_leaves_every_step_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = ReplaceSource(compilation, Workers.Replace("return x + 1;", "return x * 2 + 1;", StringComparison.Ordinal));
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, AllSteps);
    }

    [Fact]
    public void An_edit_inside_the_annotated_method_body_leaves_its_model_unchanged()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = ReplaceSource(compilation, Workers.Replace("=> path.Length;", "=> path.Length + 1;", StringComparison.Ordinal));
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        // The method's syntax changed, so its transform re-ran, but the model it produced is equal.
        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, [TrackingNames.ValidBlockingTargets, TrackingNames.ValidCpuBoundTargets]);
    }

    [Fact]
    public void A_new_annotated_method_is_new_and_the_others_stay_unchanged()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = ReplaceSource(compilation, Workers.Replace(
            "public int Helper(int x)",
            "[Blocking]\n    public static int Save(string path) => 0;\n\n    public int Helper(int x)",
            StringComparison.Ordinal));
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        var blocking = GeneratorStepAssert.Reasons(second.Result, [TrackingNames.ValidBlockingTargets]);
        Assert.Equal(1, blocking.Count(r => r.Reason == IncrementalStepRunReason.New));
        Assert.Equal(1, blocking.Count(r => r.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        Assert.Equal(2, blocking.Count);
        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, [TrackingNames.ValidCpuBoundTargets]);
        Assert.Equal(3, second.GeneratedSources.Count);
    }

    [Fact]
    public void Changing_an_attribute_argument_is_modified()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun(Workers);

        Compilation edited = ReplaceSource(compilation, Workers.Replace("[CpuBound]", "[CpuBound(MethodName = \"RankOnCpuAsync\")]", StringComparison.Ordinal));
        GeneratorRun second = GeneratorRunner.Run(driver, edited);

        var cpu = GeneratorStepAssert.Reasons(second.Result, [TrackingNames.ValidCpuBoundTargets]);
        Assert.Equal([IncrementalStepRunReason.Modified], cpu.Select(r => r.Reason));
        GeneratorStepAssert.AllCachedOrUnchanged(second.Result, [TrackingNames.ValidBlockingTargets]);
        Assert.Contains(second.GeneratedSources, s => s.Text.Contains("RankOnCpuAsync(", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_outputs_hold_no_roslyn_objects()
    {
        GeneratorRun run = GeneratorRunner.Run(new OffloadGenerator(), GeneratorHarness.Compile(
            Workers,
            Shapes.GeneratorShapes.All["GenericMethodWithConstraints"],
            Shapes.GeneratorShapes.All["DefaultValues"],
            Shapes.GeneratorShapes.All["NestedTypes"]));

        GeneratorStepAssert.NoRoslynObjectsInOutputs(run.Result, AllSteps);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(string source)
    {
        Compilation compilation = CompilationFactory.Create(
            [CompilationFactory.Parse(source, "Workers.cs")], [typeof(BlitzRuntime).Assembly]);
        GeneratorRun first = GeneratorRunner.Run(new OffloadGenerator(), compilation);
        Assert.Equal(2, first.GeneratedSources.Count);
        return (first.Driver, compilation);
    }

    private static Compilation ReplaceSource(Compilation compilation, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Workers.cs");
        return compilation.ReplaceSyntaxTree(old, CompilationFactory.Parse(source, "Workers.cs"));
    }
}
