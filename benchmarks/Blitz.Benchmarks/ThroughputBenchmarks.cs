using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// Throughput with <see cref="InFlight"/> work items in flight: spawn them all, then await them all. The pending
/// completions live in a preallocated array, so nothing but the offload itself allocates per op.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class ThroughputBenchmarks : RuntimeBenchmark
{
    private const int InFlight = 10_000;
    private readonly ValueTask<int>[] _pending = new ValueTask<int>[InFlight];

    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task<int> TaskRunClosure()
    {
        for (int i = 0; i < InFlight; i++)
        {
            int n = i;
            _pending[i] = new ValueTask<int>(Task.Run(() => n + 1));
        }

        return AwaitAllAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> StartNewLongRunning()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _pending[i] = new ValueTask<int>(Task.Factory.StartNew(static () => 1, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        return AwaitAllAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> UnsafeQueueUserWorkItemWithTcs()
    {
        for (int i = 0; i < InFlight; i++)
        {
            var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.SetResult(1), completion, preferLocal: false);
            _pending[i] = new ValueTask<int>(completion.Task);
        }

        return AwaitAllAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> SpawnBlockingStruct()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _pending[i] = Runtime.SpawnBlocking<ReturnNumber, int>(new ReturnNumber(i));
        }

        return AwaitAllAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> SpawnBlockingStaticLambda()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _pending[i] = Runtime.SpawnBlocking(i, static (n, _) => n + 1);
        }

        return AwaitAllAsync();
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> SpawnCpuStruct()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _pending[i] = Runtime.SpawnCpu<ReturnNumber, int>(new ReturnNumber(i));
        }

        return AwaitAllAsync();
    }

    /// <summary>Awaits each pending completion exactly once (a pooled one may be reused after) and clears its slot.</summary>
    private async Task<int> AwaitAllAsync()
    {
        int sum = 0;
        for (int i = 0; i < InFlight; i++)
        {
            sum += await _pending[i];
            _pending[i] = default;
        }

        return sum;
    }
}
