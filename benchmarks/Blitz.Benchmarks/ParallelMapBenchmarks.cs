using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Blitz.Benchmarks;

/// <summary>
/// Bucket 5: <see cref="BlitzRuntime.ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>
/// against <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, Func{TSource, CancellationToken, ValueTask})"/>
/// and PLINQ on the same work: <c>destination[i] = map(source[i])</c>, with 100,000 items of a small function
/// (about a nanosecond) or 1,000 items of a heavier one (about 12 µs). A plain loop on the calling thread shows what parallelism
/// buys at all on this machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ParallelMapBenchmarks
{
    private BlitzRuntime _runtime = null!;
    private int[] _source = null!;
    private int[] _destination = null!;
    private Func<int, int> _map = null!;

    public enum Workload
    {
        Small100k,
        Heavy1k,
    }

    [Params(Workload.Small100k, Workload.Heavy1k)]
    public Workload Work { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new BlitzRuntime(new BlitzOptions { ThreadNamePrefix = "bench" });
        int count = Work == Workload.Small100k ? 100_000 : 1_000;
        _source = Enumerable.Range(0, count).ToArray();
        _destination = new int[count];
        _map = Work == Workload.Small100k ? static x => Mix(x, 1) : static x => Mix(x, 4_000);
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime.Dispose();

    [Benchmark(Description = "for loop (1 thread)")]
    public void Sequential()
    {
        int[] source = _source, destination = _destination;
        Func<int, int> map = _map;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = map(source[i]);
        }
    }

    [Benchmark(Baseline = true, Description = "Parallel.ForEachAsync")]
    public Task ParallelForEachAsync()
    {
        int[] source = _source, destination = _destination;
        Func<int, int> map = _map;
        return Parallel.ForEachAsync(Enumerable.Range(0, source.Length), (i, _) =>
        {
            destination[i] = map(source[i]);
            return ValueTask.CompletedTask;
        });
    }

    [Benchmark(Description = "PLINQ ForAll")]
    public void Plinq()
    {
        int[] source = _source, destination = _destination;
        Func<int, int> map = _map;
        ParallelEnumerable.Range(0, source.Length).ForAll(i => destination[i] = map(source[i]));
    }

    [Benchmark(Description = "Blitz ParallelMapAsync")]
    public ValueTask BlitzParallelMapAsync() => _runtime.ParallelMapAsync<int, int>(_source, _destination, _map);

    /// <summary>A xorshift mix repeated <paramref name="rounds"/> times: CPU work the JIT cannot fold away.</summary>
    private static int Mix(int x, int rounds)
    {
        uint h = (uint)x | 1;
        for (int r = 0; r < rounds; r++)
        {
            h ^= h << 13;
            h ^= h >> 17;
            h ^= h << 5;
        }

        return (int)h;
    }
}
