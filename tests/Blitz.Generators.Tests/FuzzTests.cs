using System.Text.RegularExpressions;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Blitz.Generators.Tests;

/// <summary>
/// Thousands of random declarations (seeded; broken syntax included): the generator never throws, and every target
/// that compiles on its own and gets a wrapper still compiles, without a new warning, once the wrapper is added.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    // BLITZ_FUZZ_SEED replays or explores another seed; the committed default keeps CI deterministic.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("BLITZ_FUZZ_SEED"), out int seed) ? seed : 20_261_128;
    private const int Cases = 2_000;
    private const int BatchSize = 100;

    [Fact]
    public void Random_declarations_never_make_the_generator_throw_and_wrapped_targets_compile()
    {
        var fuzz = new GeneratorFuzzDeclarations(Seed);
        var failures = new List<string>();
        int compilable = 0, wrapped = 0, mutated = 0;

        for (int start = 0; start < Cases; start += BatchSize)
        {
            List<GeneratorFuzzCase> batch = fuzz.Take(BatchSize, start).ToList();
            List<SyntaxTree> trees = batch.Select(c => CompilationFactory.Parse(c.Source, c.FileName)).ToList();
            Compilation compilation = CompilationFactory.Create(trees, [typeof(BlitzRuntime).Assembly]);

            // Fails the test if the generator threw (a recorded exception or CS8785).
            GeneratorRun run = GeneratorRunner.Run(new OffloadGenerator(), compilation, trackSteps: false);

            ILookup<int, SyntaxTree> generatedByCase = run.OutputCompilation.SyntaxTrees
                .Where(tree => !trees.Contains(tree))
                .ToLookup(tree => int.Parse(CaseNumber().Match(tree.FilePath).Groups[1].Value));

            for (int i = 0; i < batch.Count; i++)
            {
                mutated += batch[i].Mutated ? 1 : 0;
                List<SyntaxTree> generated = generatedByCase[batch[i].Index].ToList();
                if (generated.Count == 0)
                {
                    continue;
                }

                wrapped++;
                var before = Problems(compilation, trees[i]);
                if (before.Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    continue;
                }

                compilable++;
                var after = Problems(run.OutputCompilation, trees[i]).Concat(generated.SelectMany(tree => Problems(run.OutputCompilation, tree))).ToList();
                if (after.Count > before.Count)
                {
                    failures.Add($"case {batch[i].Index} (seed {Seed}):\n{batch[i].Source}\n{CompilationFactory.Describe(after)}\n"
                        + string.Join("\n", generated.Select(tree => tree.ToString())));
                }
            }
        }

        foreach (string failure in failures)
        {
            output.WriteLine(failure.Split("\n").FirstOrDefault(line => line.Contains("warning") || line.Contains("error")) + " <- " + failure.Split("\n")[0]);
        }

        output.WriteLine($"{Cases} cases ({mutated} mutated): {wrapped} got a wrapper, {compilable} of those compile on their own, {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} wrapped targets did not compile cleanly; first:\n{failures.FirstOrDefault()}");

        // Guards against a fuzzer that drifted into producing nothing worth checking.
        Assert.True(compilable >= Cases / 10, $"only {compilable} of {Cases} cases got a wrapper and compile on their own");
        Assert.True(mutated >= Cases / 20, $"only {mutated} of {Cases} cases were mutated");
    }

    private static List<Diagnostic> Problems(Compilation compilation, SyntaxTree tree)
        => compilation.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    [GeneratedRegex(@"T(\d+)x")]
    private static partial Regex CaseNumber();
}
