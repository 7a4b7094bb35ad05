using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// Offloading a 1 KiB hash three ways in one run: the generated <c>[Blocking]</c> wrapper, the hand-written
/// <c>SpawnBlocking</c> call it stands for, and <c>Task.Run</c> (the ThreadPool, with a closure and a Task per call).
/// Each invocation awaits <see cref="Operations"/> calls in a row, so the async benchmark method's own state-machine
/// box is spread over them and the per-operation allocation is the offload's.
/// </summary>
[MemoryDiagnoser]
public partial class WrapperBenchmarks
{
    private const int Operations = 256;

    private readonly byte[] data = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();

    /// <summary>The work: an FNV-1a hash of the payload.</summary>
    [Blocking]
    public static int Hash(byte[] data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)hash;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public async Task<int> GeneratedWrapper()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await HashAsync(data);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> HandWrittenSpawnBlocking()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await BlitzRuntime.Default.SpawnBlocking<HashWork, int>(new HashWork(data));
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> TaskRun()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await Task.Run(() => Hash(data));
        }

        return sum;
    }

    private readonly struct HashWork(byte[] data) : IOffloadWork<int>
    {
        public int Execute(CancellationToken cancellationToken) => Hash(data);
    }
}
