namespace Blitz.Runtime.Tests;

public class ParallelMapTests
{
    [Fact]
    public async Task Parallel_map_equals_the_sequential_map_on_random_inputs()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 3);
        for (int seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            int[] input = Enumerable.Range(0, random.Next(0, 5_000)).Select(_ => random.Next()).ToArray();
            var options = new ParallelMapOptions
            {
                ChunkSize = random.Next(3) == 0 ? null : random.Next(1, 300),
                MaxDegreeOfParallelism = random.Next(3) == 0 ? -1 : random.Next(1, 5),
            };

            long[] output = await runtime.ParallelMapAsync<int, long>(input, static x => (long)x * 3 - 7, options);
            Assert.Equal(input.Select(static x => (long)x * 3 - 7), output);
        }
    }

    [Fact]
    public async Task Parallel_map_into_a_destination_writes_only_the_source_length()
    {
        await using var runtime = TestSupport.NewRuntime();
        int[] source = Enumerable.Range(0, 1_000).ToArray();
        var destination = new string[1_010];
        destination[1_005] = "untouched";
        await runtime.ParallelMapAsync<int, string>(source, destination, static x => x.ToString());
        Assert.Equal(source.Select(static x => x.ToString()), destination.Take(1_000));
        Assert.Equal("untouched", destination[1_005]);
    }

    [Fact]
    public async Task Parallel_for_runs_every_index_exactly_once_on_cpu_pool_threads()
    {
        await using var runtime = TestSupport.NewRuntime(o => { o.CpuThreads = 2; o.ThreadNamePrefix = "pf"; });
        var hits = new int[20_000];
        bool sawThreadPool = false;
        bool sawOtherThread = false;
        await runtime.ParallelForAsync(-5_000, 15_000, i =>
        {
            Interlocked.Increment(ref hits[i + 5_000]);
            sawThreadPool |= Thread.CurrentThread.IsThreadPoolThread;
            sawOtherThread |= Thread.CurrentThread.Name?.StartsWith("pf-cpu-", StringComparison.Ordinal) != true;
        });

        Assert.All(hits, h => Assert.Equal(1, h));
        Assert.False(sawThreadPool);
        Assert.False(sawOtherThread);
        await runtime.ParallelForAsync(10, 10, _ => throw new InvalidOperationException("empty range runs nothing"));
        await runtime.ParallelForAsync(10, 3, _ => throw new InvalidOperationException("empty range runs nothing"));
    }

    [Fact]
    public async Task Max_degree_of_parallelism_bounds_concurrency()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 4);
        foreach (int degree in new[] { 1, 2 })
        {
            int running = 0;
            int peak = 0;
            await runtime.ParallelForAsync(0, 400, _ =>
            {
                int now = Interlocked.Increment(ref running);
                int seen;
                while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }

                Thread.SpinWait(2_000);
                Interlocked.Decrement(ref running);
            }, new ParallelMapOptions { MaxDegreeOfParallelism = degree, ChunkSize = 1 });
            Assert.InRange(peak, 1, degree);
        }
    }

    [Fact]
    public async Task One_failing_chunk_surfaces_its_own_exception()
    {
        await using var runtime = TestSupport.NewRuntime();
        var ex = await Assert.ThrowsAsync<FormatException>(async () =>
            await runtime.ParallelMapAsync<int, int>(Enumerable.Range(0, 100).ToArray(), static x => x == 42 ? throw new FormatException("item 42") : x, new ParallelMapOptions { MaxDegreeOfParallelism = 1 }));
        Assert.Equal("item 42", ex.Message);
    }

    [Fact]
    public async Task Failures_on_several_threads_surface_as_one_aggregate_exception()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 2);
        using var bothStarted = new Barrier(2);
        var ex = await Assert.ThrowsAsync<AggregateException>(async () =>
            await runtime.ParallelForAsync(0, 2, i =>
            {
                bothStarted.SignalAndWait();
                throw new InvalidOperationException($"index {i}");
            }, new ParallelMapOptions { ChunkSize = 1, MaxDegreeOfParallelism = 2 }));
        Assert.Equal(["index 0", "index 1"], ex.InnerExceptions.Select(e => e.Message).Order());
    }

    [Fact]
    public async Task Cancellation_stops_between_chunks()
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 2);
        using var cts = new CancellationTokenSource();
        var body = new CancelAtItem(cts, at: 100);
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await runtime.ParallelForAsync(0, 10_000, _ => body.Run(), new ParallelMapOptions { ChunkSize = 10 }, cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
        int processed = body.Processed;

        // Each of the 2 runners finishes at most the chunk of 10 it holds and claims no other: fewer than 2 x 10 items
        // run after the cancel, and only whole chunks run.
        Assert.InRange(processed, 100, 100 + (2 * 10) - 1);
        Assert.Equal(0, processed % 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.ParallelForAsync(0, 10, _ => { }, cts.Token));
    }

    [Fact]
    public async Task Bad_arguments_are_rejected()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync<int, int>(new int[1], new int[1], null!));
        var ex = Assert.Throws<ArgumentException>(() => runtime.ParallelMapAsync<int, int>(new int[3], new int[2], static x => x));
        Assert.Equal("destination", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync(0, 1, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ParallelForAsync(int.MinValue, int.MaxValue, _ => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelMapOptions { ChunkSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelMapOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelMapOptions { MaxDegreeOfParallelism = -2 });
        Assert.Empty(await runtime.ParallelMapAsync<int, int>(ReadOnlyMemory<int>.Empty, static x => x));

        await runtime.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => runtime.ParallelForAsync(0, 10, _ => { }));
    }

    [Fact]
    public async Task Awaiting_a_parallel_operation_twice_throws()
    {
        await using var runtime = TestSupport.NewRuntime();
        ValueTask task = runtime.ParallelForAsync(0, 100, _ => { });
        await task;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await task);
    }
}
