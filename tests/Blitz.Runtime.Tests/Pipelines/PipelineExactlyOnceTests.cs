using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Randomized runs (fixed seeds, so a failure is reproducible): random failures, dead letters, retries, a stage that
/// may fail the pipeline, cancellation at a random point and a source completed concurrently. Whatever happens,
/// every item read from the source is accounted for exactly once.
/// </summary>
public class PipelineExactlyOnceTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 24; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_item_ends_in_exactly_one_place(int seed)
    {
        var random = new Random(seed);
        int items = random.Next(200, 2_000);
        int failOneIn = random.Next(5, 40);
        bool failPipeline = random.Next(3) == 0;
        int cancelAfter = random.Next(3) == 0 ? random.Next(0, items) : -1;
        bool allOrdered = true;
        StageOptions Options(StageErrorPolicy policy)
        {
            var options = new StageOptions
            {
                DegreeOfParallelism = random.Next(1, 5),
                Capacity = random.Next(1, 16),
                Ordered = random.Next(2) == 0,
                ErrorPolicy = policy,
                MaxRetries = random.Next(0, 3),
            };
            allOrdered &= options.Ordered || options.DegreeOfParallelism == 1;
            return options;
        }

        // Fails deterministically per (seed, stage, item), so a retry fails too: what is dead-lettered is predictable.
        bool Fails(int stage, int item) => HashCode.Combine(seed, stage, item) % failOneIn == 0;

        await using var runtime = TestSupport.NewRuntime();
        using var cts = new CancellationTokenSource();
        var source = Channel.CreateBounded<int>(random.Next(1, 64));
        Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader)
            .ThenAsync("parse", async (x, ct) =>
            {
                if (x % 3 == 0)
                {
                    await Task.Yield();
                }

                return Fails(1, x) ? throw new FormatException(x.ToString()) : x;
            }, Options(StageErrorPolicy.DeadLetter))
            .ThenBlocking("store", (x, _) => Fails(2, x) ? throw new IOException(x.ToString()) : x, Options(StageErrorPolicy.DeadLetter))
            .ThenCpu("score", (x, _) => failPipeline && Fails(3, x) ? throw new InvalidOperationException(x.ToString()) : x, Options(StageErrorPolicy.FailPipeline))
            .Build(cts.Token);

        // The source is written and completed concurrently with the pipeline's own reading.
        int written = 0;
        Task producing = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < items; i++)
                {
                    await source.Writer.WriteAsync(i, cts.Token);
                    written++;
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                source.Writer.Complete();
            }
        });

        var outputs = new List<int>();
        var letters = new List<DeadLetter>();
        Task readingLetters = Task.Run(async () =>
        {
            await foreach (DeadLetter letter in pipeline.DeadLetters.ReadAllAsync())
            {
                letters.Add(letter);
            }
        });

        try
        {
            await foreach (int item in pipeline.Output.ReadAllAsync())
            {
                outputs.Add(item);
                if (outputs.Count == cancelAfter)
                {
                    _ = cts.CancelAsync();
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // The output completes with the pipeline's failure or cancellation.
        }

        Exception? outcome = await Record.ExceptionAsync(() => pipeline.Completion);

        // A failed pipeline no longer reads its source: release a producer waiting for room (a no-op for the pipeline now).
        await cts.CancelAsync();
        await producing;
        await readingLetters;

        Assert.True(outcome is null or OperationCanceledException or InvalidOperationException, $"unexpected outcome {outcome}");
        PipelineMetrics metrics = pipeline.GetMetrics();
        int[] dead = letters.Select(static l => (int)l.Item!).ToArray();
        Assert.Equal(outputs.Count, outputs.Distinct().Count());
        Assert.Equal(dead.Length, dead.Distinct().Count());
        Assert.Empty(outputs.Intersect(dead));
        Assert.All(outputs, x => Assert.False(Fails(1, x) || Fails(2, x) || (failPipeline && Fails(3, x))));
        Assert.All(letters, l => Assert.True(l.Stage == "parse" ? Fails(1, (int)l.Item!) : Fails(2, (int)l.Item!)));

        if (allOrdered)
        {
            // Every stage promised input order, and the source is written in order.
            Assert.Equal(outputs.Order(), outputs);
        }

        long failedThePipeline = metrics.Stages.Sum(static s => s.Failures - s.DeadLetters);
        Assert.Equal(metrics.SourceItems, outputs.Count + dead.Length + failedThePipeline + metrics.Dropped);
        Assert.Equal(metrics.SourceItems, written - source.Reader.Count);
        if (outcome is null)
        {
            // Nothing stopped it: every item came out or was dead-lettered, and none was dropped.
            Assert.Equal((items, 0L), (outputs.Count + dead.Length, metrics.Dropped));
        }
    }
}
