using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

public class PipelineTests
{
    private static async Task<List<T>> ReadAll<T>(Pipeline<T> pipeline)
    {
        var results = new List<T>();
        await foreach (T item in pipeline.Output.ReadAllAsync())
        {
            results.Add(item);
        }

        return results;
    }

    private static async IAsyncEnumerable<int> Range(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (i % 64 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }
    }

    [Fact]
    public async Task A_three_stage_pipeline_over_the_three_kinds_delivers_every_item_in_order()
    {
        await using var runtime = TestSupport.NewRuntime();
        var threads = new ConcurrentDictionary<string, bool>();
        await using Pipeline<long> pipeline = Pipeline.Create(runtime, Range(2_000))
            .ThenAsync("parse", static (x, _) => ValueTask.FromResult((long)x))
            .ThenBlocking("io", (x, _) => { threads[Thread.CurrentThread.Name ?? "?"] = true; return x * 2; }, new StageOptions { DegreeOfParallelism = 4 })
            .ThenCpu("hash", static (x, _) => x + 1, new StageOptions { DegreeOfParallelism = 3 })
            .Build();

        List<long> results = await ReadAll(pipeline);
        await pipeline.Completion;

        Assert.Equal(Enumerable.Range(0, 2_000).Select(static i => (i * 2L) + 1), results);
        Assert.All(threads.Keys, static name => Assert.Contains("-blocking-", name, StringComparison.Ordinal));
        PipelineMetrics metrics = pipeline.GetMetrics();
        Assert.Equal(2_000, metrics.SourceItems);
        Assert.All(metrics.Stages, static stage => Assert.Equal((2_000L, 2_000L, 0L), (stage.ItemsIn, stage.ItemsOut, stage.Dropped)));
        Assert.Equal(4, metrics.Stages[1].Workers.Count);
        Assert.Equal(2_000, metrics.Stages[1].Workers.Sum(static w => w.ItemsIn));
    }

    [Fact]
    public async Task An_ordered_stage_keeps_input_order_when_later_items_finish_first()
    {
        await using var runtime = TestSupport.NewRuntime();
        await using Pipeline<int> pipeline = Pipeline.Create(runtime, Range(300))
            .ThenAsync("jitter", static async (x, ct) =>
            {
                // Early items are the slowest, so workers finish out of order.
                await Task.Delay(x % 7 == 0 ? 3 : 0, ct);
                return x;
            }, new StageOptions { DegreeOfParallelism = 8, Ordered = true })
            .Build();

        Assert.Equal(Enumerable.Range(0, 300), await ReadAll(pipeline));
        await pipeline.Completion;
    }

    [Fact]
    public async Task An_unordered_stage_delivers_every_item_once()
    {
        await using var runtime = TestSupport.NewRuntime();
        await using Pipeline<int> pipeline = Pipeline.Create(runtime, Range(1_000))
            .ThenBlocking("work", static (x, _) => { Thread.SpinWait(x % 13 * 50); return x; }, new StageOptions { DegreeOfParallelism = 6, Ordered = false })
            .Build();

        List<int> results = await ReadAll(pipeline);
        await pipeline.Completion;
        Assert.Equal(Enumerable.Range(0, 1_000), results.Order());
    }

    [Fact]
    public async Task Dead_letters_carry_the_item_and_the_exception_after_the_retries()
    {
        await using var runtime = TestSupport.NewRuntime();
        var attempts = new ConcurrentDictionary<int, int>();
        await using Pipeline<int> pipeline = Pipeline.Create(runtime, Range(100))
            .ThenCpu("check", (x, _) =>
            {
                int attempt = attempts.AddOrUpdate(x, 1, static (_, n) => n + 1);
                if (x % 10 == 3)
                {
                    throw new InvalidDataException($"bad {x}");
                }

                // Items ending in 5 fail once and succeed on their retry.
                return x % 10 == 5 && attempt == 1 ? throw new TimeoutException() : x;
            }, new StageOptions { ErrorPolicy = StageErrorPolicy.DeadLetter, MaxRetries = 2, DegreeOfParallelism = 2 })
            .Build();

        List<int> results = await ReadAll(pipeline);
        await pipeline.Completion;
        var letters = new List<DeadLetter>();
        await foreach (DeadLetter letter in pipeline.DeadLetters.ReadAllAsync())
        {
            letters.Add(letter);
        }

        Assert.Equal(Enumerable.Range(0, 100).Where(static x => x % 10 != 3), results);
        Assert.Equal(Enumerable.Range(0, 100).Where(static x => x % 10 == 3).Cast<object>(), letters.Select(static l => l.Item));
        Assert.All(letters, static l =>
        {
            Assert.Equal("check", l.Stage);
            Assert.Equal(3, l.Attempts);
            Assert.Equal($"bad {l.Item}", Assert.IsType<InvalidDataException>(l.Exception).Message);
        });
        StageMetrics stage = pipeline.GetMetrics().Stages[0];
        Assert.Equal((10L, 10L, (10L * 2) + 10), (stage.Failures, stage.DeadLetters, stage.Retries));
    }

    [Fact]
    public async Task A_failing_stage_fails_the_pipeline_and_every_item_is_accounted_for()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>();
        for (int i = 0; i < 500; i++)
        {
            source.Writer.TryWrite(i);
        }

        source.Writer.Complete();
        Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader)
            .ThenAsync("a", static (x, _) => ValueTask.FromResult(x), new StageOptions { Capacity = 8 })
            .ThenBlocking("b", static (x, _) => x == 250 ? throw new InvalidOperationException("boom") : x, new StageOptions { DegreeOfParallelism = 3, Capacity = 8 })
            .Build();

        var results = new List<int>();
        ChannelClosedException? closed = null;
        try
        {
            await foreach (int item in pipeline.Output.ReadAllAsync())
            {
                results.Add(item);
            }
        }
        catch (InvalidOperationException)
        {
            // The output completes with the pipeline's failure.
            closed = new ChannelClosedException();
        }

        Assert.NotNull(closed);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.Completion);
        Assert.Equal("boom", failure.Message);
        Assert.DoesNotContain(250, results);
        Assert.Equal(results.Count, results.Distinct().Count());
        PipelineMetrics metrics = pipeline.GetMetrics();
        long failed = metrics.Stages.Sum(static s => s.Failures);
        Assert.Equal(1, failed);
        Assert.Equal(metrics.SourceItems, results.Count + failed + metrics.Dropped);
    }

    [Fact]
    public async Task Cancellation_stops_every_stage_and_completes_the_output()
    {
        await using var runtime = TestSupport.NewRuntime();
        using var cts = new CancellationTokenSource();
        var source = Channel.CreateUnbounded<int>(); // never completed: only cancellation ends this pipeline
        for (int i = 0; i < 100; i++)
        {
            source.Writer.TryWrite(i);
        }

        Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader)
            .ThenBlocking("slow", static (x, ct) => { ct.WaitHandle.WaitOne(x == 5 ? Timeout.Infinite : 0); return x; }, new StageOptions { Capacity = 4 })
            .ThenAsync("fast", static (x, _) => ValueTask.FromResult(x))
            .Build(cts.Token);

        // Wait until items 0-4 are in the output, not only past the slow stage: on a loaded machine the fast stage
        // may still hold them when the slow one takes item 5, and cancellation drops what is in flight.
        TestSupport.Eventually(
            () => pipeline.GetMetrics() is { Stages: var stages } && stages[0].ItemsIn >= 6 && stages[1].ItemsOut >= 5,
            "the slow stage reached item 5 and items 0-4 reached the output");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.Completion);
        var results = new List<int>();
        while (pipeline.Output.TryRead(out int item))
        {
            results.Add(item);
        }

        // Results written before the cancellation stay readable; then the output completes as canceled.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.Output.Completion);

        Assert.Equal(Enumerable.Range(0, 5), results);
        PipelineMetrics metrics = pipeline.GetMetrics();
        Assert.Equal(metrics.SourceItems, results.Count + metrics.Dropped);
        Assert.True(source.Reader.Count > 0, "the source is no longer read after cancellation");
    }

    [Fact]
    public async Task Canceling_a_pipeline_whose_source_is_idle_completes_it_and_the_source_is_not_read_afterwards()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>();
        Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader).ThenAsync("id", static (x, _) => ValueTask.FromResult(x)).Build();
        source.Writer.TryWrite(1);
        Assert.Equal(1, await pipeline.Output.ReadAsync());

        // The source stays open and empty: the pump waits on it, and only the cancellation ends the pipeline.
        await pipeline.CancelAsync();
        Assert.True(pipeline.Completion.IsCanceled);
        source.Writer.TryWrite(2);
        source.Writer.TryWrite(3);
        TestSupport.Eventually(() => source.Reader.Count == 2 && pipeline.GetMetrics().SourceItems == 1, "the abandoned pump woke and read nothing");
        await Task.Delay(20);
        Assert.Equal((2, 1L), (source.Reader.Count, pipeline.GetMetrics().SourceItems));
    }

    [Fact]
    public async Task Batches_hold_size_items_and_the_partial_last_batch_is_flushed()
    {
        await using var runtime = TestSupport.NewRuntime();
        await using Pipeline<int[]> pipeline = Pipeline.Create(runtime, Range(103))
            .Batch("batch", 10)
            .Build();

        List<int[]> batches = await ReadAll(pipeline);
        await pipeline.Completion;
        Assert.Equal(11, batches.Count);
        Assert.All(batches.Take(10), static b => Assert.Equal(10, b.Length));
        Assert.Equal(new[] { 100, 101, 102 }, batches[^1]);
        Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(static b => b));
    }

    [Fact]
    public async Task A_batch_window_flushes_a_partial_batch_without_waiting_for_more_items()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>();
        await using Pipeline<int[]> pipeline = Pipeline.Create(runtime, source.Reader)
            .Batch("batch", 100, TimeSpan.FromMilliseconds(20))
            .Build();

        source.Writer.TryWrite(1);
        source.Writer.TryWrite(2);

        // The source stays open: only the window can release these two.
        int[] batch = await pipeline.Output.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { 1, 2 }, batch);
        source.Writer.TryWrite(3);
        source.Writer.Complete();
        Assert.Equal(new[] { 3 }, await pipeline.Output.ReadAsync());
        await pipeline.Completion;
    }

    [Fact]
    public async Task A_source_channel_completed_with_an_error_fails_the_pipeline()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>();
        source.Writer.TryWrite(1);
        source.Writer.Complete(new IOException("source broke"));
        Pipeline<int> pipeline = Pipeline.Create(runtime, source.Reader).ThenAsync("id", static (x, _) => ValueTask.FromResult(x)).Build();
        var error = await Assert.ThrowsAsync<IOException>(() => pipeline.Completion);
        Assert.Equal("source broke", error.Message);
    }

    [Fact]
    public async Task Arguments_are_validated()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = Channel.CreateUnbounded<int>().Reader;
        Assert.Throws<ArgumentNullException>(() => Pipeline.Create<int>(null!, source));
        Assert.Throws<ArgumentNullException>(() => Pipeline.Create(runtime, (ChannelReader<int>)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StageOptions { DegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StageOptions { Capacity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StageOptions { MaxRetries = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StageOptions { ErrorPolicy = (StageErrorPolicy)9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriorityInput<int>(0));

        PipelineBuilder<int> builder = Pipeline.Create(runtime, source);
        Assert.Throws<ArgumentException>(() => builder.ThenAsync(" ", static (x, _) => ValueTask.FromResult(x)));
        Assert.Throws<ArgumentNullException>(() => builder.ThenBlocking<int>("b", null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Batch("b", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Batch("b", 2, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => builder.Batch("b", 2, options: new StageOptions { DegreeOfParallelism = 2 }));

        PipelineBuilder<int> next = builder.ThenCpu("a", static (x, _) => x);
        Assert.Throws<ArgumentException>(() => next.ThenCpu("a", static (x, _) => x));
        Assert.Throws<InvalidOperationException>(() => builder.ThenCpu("c", static (x, _) => x));
        await next.Build().DisposeAsync();
        Assert.Throws<InvalidOperationException>(() => next.Build());

        await runtime.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => Pipeline.Create(runtime, source).Build());
    }
}
