extern alias BlitzAnalyzers;

using System.Text.RegularExpressions;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Blitz.Generators.Tests;

/// <summary>
/// Thousands of random declarations (seeded; broken syntax included): the generator and the usage analyzer never
/// throw; every target that compiles on its own and gets a wrapper still compiles, without a new warning, once the
/// wrapper is added; and every target that compiles on its own but gets no wrapper gets a usage diagnostic (BLZ0xx)
/// saying why.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int CommittedSeed = 20_261_128;
    private const int Cases = 2_000;
    private const int BatchSize = 100;

    [Fact]
    public void Random_declarations_never_make_the_generator_throw_and_wrapped_targets_compile()
    {
        var fuzz = new SeededFuzz(CommittedSeed);
        var declarations = new GeneratorFuzzDeclarations(fuzz.Seed);
        int compilable = 0, wrapped = 0, mutated = 0, explained = 0;

        for (int start = 0; start < Cases; start += BatchSize)
        {
            List<GeneratorFuzzCase> batch = declarations.Take(BatchSize, start).ToList();
            List<SyntaxTree> trees = batch.Select(c => CompilationFactory.Parse(c.Source, c.FileName)).ToList();
            Compilation compilation = CompilationFactory.Create(trees, [typeof(BlitzRuntime).Assembly]);

            // Fails the test if the generator threw (a recorded exception or CS8785).
            GeneratorRun run = GeneratorRunner.Run(new OffloadGenerator(), compilation, trackSteps: false);

            var analyzerExceptions = new List<Exception>();
            ILookup<SyntaxTree, Diagnostic> usageByTree = UsageDiagnostics(compilation, analyzerExceptions).ToLookup(d => d.Location.SourceTree!);
            foreach (Exception exception in analyzerExceptions)
            {
                fuzz.Fail($"cases {start}-{start + BatchSize - 1}", "the usage analyzer threw: " + exception, string.Join("\n", batch.Select(c => c.Source)));
            }

            ILookup<int, SyntaxTree> generatedByCase = run.OutputCompilation.SyntaxTrees
                .Where(tree => !trees.Contains(tree))
                .ToLookup(tree => int.Parse(CaseNumber().Match(tree.FilePath).Groups[1].Value));

            for (int i = 0; i < batch.Count; i++)
            {
                mutated += batch[i].Mutated ? 1 : 0;
                List<SyntaxTree> generated = generatedByCase[batch[i].Index].ToList();
                if (generated.Count == 0)
                {
                    // No wrapper: a target that compiles on its own must be told why (a declaration the compiler
                    // rejects already has its error).
                    if (OffloadAttribute().IsMatch(batch[i].Source) && !Problems(compilation, trees[i]).Any(d => d.Severity == DiagnosticSeverity.Error))
                    {
                        if (usageByTree[trees[i]].Any(d => d.Id.StartsWith("BLZ0", StringComparison.Ordinal)))
                        {
                            explained++;
                        }
                        else
                        {
                            fuzz.Fail($"case {batch[i].Index}", "got no wrapper and no usage diagnostic", batch[i].Source);
                        }
                    }

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
                    fuzz.Fail($"case {batch[i].Index}", "the wrapper added a warning or error:\n" + CompilationFactory.Describe(after),
                        batch[i].Source + "\n--- generated\n" + string.Join("\n", generated.Select(tree => tree.ToString())));
                }
            }
        }

        fuzz.Report(output.WriteLine, $"{Cases} cases ({mutated} mutated): {wrapped} got a wrapper, {compilable} of those compile on their own; {explained} got no wrapper and a usage diagnostic");

        // Guards against a fuzzer that drifted into producing nothing worth checking.
        Assert.True(explained >= Cases / 20, $"only {explained} of {Cases} cases exercised the usage rules");
        Assert.True(compilable >= Cases / 10, $"only {compilable} of {Cases} cases got a wrapper and compile on their own");
        Assert.True(mutated >= Cases / 20, $"only {mutated} of {Cases} cases were mutated");
    }

    private static IEnumerable<Diagnostic> UsageDiagnostics(Compilation compilation, List<Exception> exceptions)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } }, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        return compilation
            .WithAnalyzers([BlitzAnalyzers::Blitz.Analyzers.BlitzRulesAnalyzer.Hosting(new BlitzAnalyzers::Blitz.Analyzers.Usage.OffloadTargetUsageAnalyzer())], options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    private static List<Diagnostic> Problems(Compilation compilation, SyntaxTree tree)
        => compilation.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    [GeneratedRegex(@"\[(Blitz\.)?(Blocking|CpuBound)")]
    private static partial Regex OffloadAttribute();

    [GeneratedRegex(@"T(\d+)x")]
    private static partial Regex CaseNumber();
}
