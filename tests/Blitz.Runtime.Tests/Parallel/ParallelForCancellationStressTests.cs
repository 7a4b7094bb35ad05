using System.Collections.ObjectModel;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Cancellation of ParallelForAsync, many times over, for every source shape and the range overload. The contract
/// checked is exact: a runner looks at the token before it claims each chunk, so once a thread saw the token canceled
/// it runs nothing but the rest of the chunk it already holds.
/// </summary>
public class ParallelForCancellationStressTests
{
    private const int Iterations = 2_000;

    private static readonly string[] s_shapes = ["array", "List", "IReadOnlyList", "IEnumerable", "range"];

    [Fact]
    public async Task Once_a_thread_sees_the_token_canceled_it_starts_no_other_chunk_for_any_source_shape()
    {
        // Two loops at once, each on its own runtimes, so that pooled operations also move between runtimes.
        string[][] failures = await Task.WhenAll(
            Task.Run(() => RunIterations(seed: 1)),
            Task.Run(() => RunIterations(seed: 2)));
        string[] all = [.. failures.SelectMany(static f => f)];
        Assert.True(all.Length == 0, $"{all.Length} runs broke the contract, first:\n{string.Join('\n', all.Take(5))}");
    }

    private static async Task<string[]> RunIterations(int seed)
    {
        var failures = new List<string>();
        // Runtimes of 2, 3 and 4 CPU threads: the runners of a call, one per thread.
        BlitzRuntime[] runtimes = [.. Enumerable.Range(2, 3).Select(static threads => TestSupport.NewRuntime(o => o.CpuThreads = threads))];
        try
        {
            var random = new Random(seed);
            for (int iteration = 0; iteration < Iterations; iteration++)
            {
                int runtimeIndex = random.Next(runtimes.Length);
                BlitzRuntime runtime = runtimes[runtimeIndex];
                int count = random.Next(1, 3_000);
                var run = new CancellationRun(
                    runners: runtimeIndex + 2,
                    shape: s_shapes[random.Next(s_shapes.Length)],
                    count: count,
                    chunkSize: random.Next(1, 50),
                    // One run in ten is never canceled: it must complete with every item run once.
                    cancelAfter: random.Next(10) == 0 ? count + 1 : random.Next(1, count + 1));
                string? failure = await run.RunAsync(runtime);
                if (failure is not null)
                {
                    failures.Add($"seed {seed}, iteration {iteration}: {failure}");
                }
            }
        }
        finally
        {
            foreach (BlitzRuntime runtime in runtimes)
            {
                await runtime.DisposeAsync();
            }
        }

        return [.. failures];
    }

    /// <summary>One ParallelForAsync call whose body cancels the token at its <c>cancelAfter</c>-th item.</summary>
    private sealed class CancellationRun(int runners, string shape, int count, int chunkSize, int cancelAfter)
    {
        private readonly int[] _runs = new int[count];
        private readonly int[] _thread = new int[count];
        private readonly bool[] _sawCanceled = new bool[count];
        private readonly CancellationTokenSource _cts = new();
        private int _processed;

        private int ChunkCount => (count + chunkSize - 1) / chunkSize;

        public async Task<string?> RunAsync(BlitzRuntime runtime)
        {
            using CancellationTokenSource cts = _cts; // the body reads _cts until the call completes
            var options = new ParallelMapOptions { ChunkSize = chunkSize };
            Exception? error = null;
            try
            {
                await ForAsync(runtime, options, cts.Token);
            }
            catch (Exception exception)
            {
                error = exception;
            }

            string what = $"{shape}, {count} items in chunks of {chunkSize}, cancel at item {cancelAfter}";
            if (_runs.Any(static runs => runs > 1))
            {
                return $"{what}: an item ran twice";
            }

            if (cancelAfter > count)
            {
                return error is null && _runs.All(static runs => runs == 1) ? null : $"{what}: not canceled, yet {error?.GetType().Name ?? "some items did not run"}";
            }

            bool canceled = error is OperationCanceledException oce && oce.CancellationToken == cts.Token;
            // The cancel may come with the last items, after every chunk was claimed: then the run succeeds.
            bool succeeded = error is null && _runs.All(static runs => runs == 1);
            if (!canceled && !succeeded)
            {
                return $"{what}: ended with {error?.GetType().Name ?? "success, yet some items did not run"}";
            }

            if (FirstItemOutsideTheChunkHeldAtTheCancel() is var (thread, item, chunk))
            {
                return $"{what}: thread {thread} saw the token canceled in chunk {chunk}, then ran item {item} of chunk {item / chunkSize}";
            }

            // So after the cancel each runner ran at most the rest of one chunk, and the canceling item saw no cancel.
            int afterCancel = _sawCanceled.Count(static saw => saw);
            int bound = (Math.Min(runners, ChunkCount) * chunkSize) - 1;
            return afterCancel <= bound ? null : $"{what}: {afterCancel} items ran after the cancel, more than {bound}";
        }

        /// <summary>
        /// On each thread, items run in increasing order (a runner claims increasing chunks and runs each in order), so
        /// the first item that saw the token canceled marks the chunk the thread held; any later item must be in it.
        /// </summary>
        private (int Thread, int Item, int Chunk)? FirstItemOutsideTheChunkHeldAtTheCancel()
        {
            var heldChunk = new Dictionary<int, int>();
            for (int item = 0; item < count; item++)
            {
                if (_runs[item] == 0)
                {
                    continue;
                }

                int thread = _thread[item];
                if (heldChunk.TryGetValue(thread, out int chunk))
                {
                    if (item / chunkSize != chunk)
                    {
                        return (thread, item, chunk);
                    }
                }
                else if (_sawCanceled[item])
                {
                    heldChunk[thread] = item / chunkSize;
                }
            }

            return null;
        }

        private void Body(int item)
        {
            // Read before this item may cancel: a canceled token seen here was canceled by an earlier item.
            _sawCanceled[item] = _cts.Token.IsCancellationRequested;
            _thread[item] = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref _runs[item]);
            if (Interlocked.Increment(ref _processed) == cancelAfter)
            {
                _cts.Cancel();
            }
        }

        private ValueTask ForAsync(BlitzRuntime runtime, ParallelMapOptions options, CancellationToken token)
        {
            int[] items = [.. Enumerable.Range(0, count)];
            return shape switch
            {
                "array" => runtime.ParallelForAsync(items, Body, options, token),
                "List" => runtime.ParallelForAsync(items.ToList(), Body, options, token),
                "IReadOnlyList" => runtime.ParallelForAsync(new ReadOnlyCollection<int>(items), Body, options, token),
                "IEnumerable" => runtime.ParallelForAsync(Sequence(count), Body, options, token),
                _ => runtime.ParallelForAsync(1_000, 1_000 + count, i => Body(i - 1_000), options, token),
            };
        }

        /// <summary>0 .. count - 1 as a plain sequence, not a list.</summary>
        private static IEnumerable<int> Sequence(int count)
        {
            for (int i = 0; i < count; i++)
            {
                yield return i;
            }
        }
    }
}
