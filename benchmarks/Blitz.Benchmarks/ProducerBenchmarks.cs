using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// Many producers at once: <see cref="Producers"/> async producers, each started with <c>Task.Run</c>, submit
/// <see cref="ItemsPerProducer"/> trivial work items each, in windows of <see cref="Window"/>: spawn a window into
/// the producer's own preallocated <c>ValueTask&lt;int&gt;[]</c>, await it, spawn the next. The producers' tasks and
/// state machines (8 per 800,000 ops) amortize to 0 B/op, so what remains per op is the offload itself, now with
/// eight threads submitting to the same pool at once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class ProducerBenchmarks : RuntimeBenchmark
{
    private const int Producers = 8;
    private const int ItemsPerProducer = 100_000;
    private const int Window = 1_000;
    private const int Operations = Producers * ItemsPerProducer;

    /// <summary>The sum of <c>n + 1</c> over every item number <c>n</c> from 0 to <see cref="Operations"/> - 1.</summary>
    private const long ExpectedSum = (long)Operations * (Operations + 1) / 2;

    private readonly Task<long>[] _producers = new Task<long>[Producers];
    private ValueTask<int>[][] _windows = [];

    /// <summary>
    /// Targeted at every benchmark, so BenchmarkDotNet runs it instead of the base class's untargeted setup (a
    /// benchmark gets one global setup); it starts the runtime itself.
    /// </summary>
    [GlobalSetup(Target = nameof(TaskRunClosure) + "," + nameof(SpawnBlockingStruct) + "," + nameof(SpawnBlockingStaticLambda) + "," + nameof(SpawnCpuStruct))]
    public void Setup()
    {
        StartRuntime();
        _windows = new ValueTask<int>[Producers][];
        for (int p = 0; p < Producers; p++)
        {
            _windows[p] = new ValueTask<int>[Window];
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public Task<long> TaskRunClosure() => RunProducersAsync<TaskRunSubmit>();

    [Benchmark(OperationsPerInvoke = Operations)]
    public Task<long> SpawnBlockingStruct() => RunProducersAsync<SpawnBlockingStructSubmit>();

    [Benchmark(OperationsPerInvoke = Operations)]
    public Task<long> SpawnBlockingStaticLambda() => RunProducersAsync<SpawnBlockingStaticLambdaSubmit>();

    [Benchmark(OperationsPerInvoke = Operations)]
    public Task<long> SpawnCpuStruct() => RunProducersAsync<SpawnCpuStructSubmit>();

    /// <summary>Starts every producer on the ThreadPool, awaits them all and checks that no item was lost.</summary>
    private async Task<long> RunProducersAsync<TSubmit>()
        where TSubmit : struct, ISubmit
    {
        for (int p = 0; p < Producers; p++)
        {
            BlitzRuntime runtime = Runtime;
            ValueTask<int>[] window = _windows[p];
            int first = p * ItemsPerProducer;
            _producers[p] = Task.Run(() => ProduceAsync<TSubmit>(runtime, window, first));
        }

        long sum = 0;
        for (int p = 0; p < Producers; p++)
        {
            sum += await _producers[p];
            _producers[p] = null!;
        }

        if (sum != ExpectedSum)
        {
            throw new InvalidOperationException($"Lost or duplicated items: sum {sum}, expected {ExpectedSum}.");
        }

        return sum;
    }

    /// <summary>
    /// One producer: items <paramref name="first"/> to <paramref name="first"/> + <see cref="ItemsPerProducer"/> - 1,
    /// a window at a time. Each pending completion is awaited exactly once (a pooled one may be reused after) and its
    /// slot cleared.
    /// </summary>
    private static async Task<long> ProduceAsync<TSubmit>(BlitzRuntime runtime, ValueTask<int>[] window, int first)
        where TSubmit : struct, ISubmit
    {
        long sum = 0;
        for (int start = first, end = first + ItemsPerProducer; start < end; start += Window)
        {
            for (int i = 0; i < Window; i++)
            {
                window[i] = default(TSubmit).Submit(runtime, start + i);
            }

            for (int i = 0; i < Window; i++)
            {
                sum += await window[i];
                window[i] = default;
            }
        }

        return sum;
    }

    /// <summary>One way to offload <c>n + 1</c>; a struct, so each producer loop is specialized and inlines it.</summary>
    private interface ISubmit
    {
        ValueTask<int> Submit(BlitzRuntime runtime, int n);
    }

    private readonly struct TaskRunSubmit : ISubmit
    {
        public ValueTask<int> Submit(BlitzRuntime runtime, int n) => new(Task.Run(() => n + 1));
    }

    private readonly struct SpawnBlockingStructSubmit : ISubmit
    {
        public ValueTask<int> Submit(BlitzRuntime runtime, int n) => runtime.SpawnBlocking<ReturnNumber, int>(new ReturnNumber(n));
    }

    private readonly struct SpawnBlockingStaticLambdaSubmit : ISubmit
    {
        public ValueTask<int> Submit(BlitzRuntime runtime, int n) => runtime.SpawnBlocking(n, static (x, _) => x + 1);
    }

    private readonly struct SpawnCpuStructSubmit : ISubmit
    {
        public ValueTask<int> Submit(BlitzRuntime runtime, int n) => runtime.SpawnCpu<ReturnNumber, int>(new ReturnNumber(n));
    }
}
