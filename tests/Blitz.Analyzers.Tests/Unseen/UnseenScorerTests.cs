namespace Blitz.Analyzers.Tests.Unseen;

/// <summary>The scorer and the label reader on small inline files whose right answers are known.</summary>
public sealed class UnseenScorerTests
{
    private const string Example = """
        using System.Threading;
        using System.Threading.Tasks;

        public class Example
        {
            // pattern from: example/repo Found.cs
            // expect: B3 sleeps in async code
            public async Task Found()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }

            // pattern from: example/repo Missed.cs
            // expect: B4 a label no rule can match
            public async Task Missed()
            {
                await Task.Delay(1);
            }

            // pattern from: example/repo Clean.cs
            // expect: ok but it sleeps, so any diagnostic here is a false positive
            public async Task FalsePositive()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }

            // pattern from: example/repo WrongAdvice.cs
            // expect: B1 the reviewer wanted the offload rule; a sleep rule here is another bucket's advice
            public async Task WrongAdvice()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }

            public async Task Unlabelled()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """;

    [Fact]
    public async Task Counts_found_missed_false_positive_wrong_advice_and_outside_diagnostics()
    {
        var score = await UnseenCorpus.ScoreAsync([("Example.cs.txt", Example)]);

        Assert.Equal(4, score.Methods);
        Assert.Equal(3, score.Misplaced);
        Assert.Equal(1, score.Ok);
        Assert.Equal(1, score.Found);
        Assert.Equal(1, score.FalsePositiveMethods);
        Assert.Equal(1, score.WrongAdviceMethods);
        Assert.Equal(1, score.DiagnosticsOutsideMethods);
        Assert.Equal(2, score.Misses.Count);
        Assert.Contains(score.Misses, m => m.Contains("Missed", StringComparison.Ordinal));
        Assert.Contains(score.Misses, m => m.Contains("WrongAdvice", StringComparison.Ordinal));
        Assert.Single(score.WrongAdvice, w => w.Contains("WrongAdvice", StringComparison.Ordinal) && w.Contains("BLZ101", StringComparison.Ordinal));
        Assert.Contains(score.FalsePositives, f => f.Contains("FalsePositive", StringComparison.Ordinal));
        Assert.Contains(score.FalsePositives, f => f.Contains("outside any labelled method", StringComparison.Ordinal));
        Assert.Equal(1.0 / 3, score.Recall, 6);
        Assert.Equal(60.0, score.FalsePositivesPer30Correct, 6);
    }

    [Fact]
    public void The_reader_reports_unlabelled_async_methods_unknown_labels_and_missing_sources()
    {
        const string source = """
            using System.Threading.Tasks;

            public class Example
            {
                // expect: B9 not a bucket
                public async Task UnknownLabel() => await Task.Yield();

                // expect: ok
                public async Task NoSource() => await Task.Yield();

                public async Task NoLabel() => await Task.Yield();

                public void SynchronousNeedsNoLabel() { }
            }
            """;
        var (methods, problems) = LabelledMethod.Read("Example.cs.txt", UnseenCorpus.Compile(source).SyntaxTrees.Single());

        Assert.Equal("NoSource", Assert.Single(methods).Name);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("unknown label 'B9'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NoSource has no '// pattern from:' line", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("async method NoLabel has no", StringComparison.Ordinal));
    }
}
