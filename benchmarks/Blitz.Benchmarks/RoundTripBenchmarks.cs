using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// Round-trip latency with one work item in flight: offload trivial work, await it, repeat. Each invocation awaits
/// <see cref="Operations"/> times in sequence, so the benchmark method's own async state machine (allocated once per
/// invocation) is amortized to 0 B/op and what remains per op is the offload itself.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class RoundTripBenchmarks : RuntimeBenchmark
{
    private const int Operations = 1_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public async Task<int> TaskRunClosure()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            int n = i;
            sum += await Task.Run(() => n + 1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> StartNewLongRunning()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await Task.Factory.StartNew(static () => 1, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> UnsafeQueueUserWorkItemWithTcs()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.SetResult(1), completion, preferLocal: false);
            sum += await completion.Task;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> SpawnBlockingStruct()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await Runtime.SpawnBlocking<ReturnNumber, int>(new ReturnNumber(i));
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> SpawnBlockingStaticLambda()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await Runtime.SpawnBlocking(i, static (n, _) => n + 1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task<int> SpawnCpuStruct()
    {
        int sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            sum += await Runtime.SpawnCpu<ReturnNumber, int>(new ReturnNumber(i));
        }

        return sum;
    }
}
