using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Blitz.Benchmarks;

/// <summary>
/// A request/reply round trip: create the reply, hand it to a consumer on the ThreadPool (one reused work item, so
/// the hand-off itself allocates nothing), await the value. <see cref="Oneshot{T}"/> against a
/// <see cref="TaskCompletionSource{TResult}"/> created per request, as code without Blitz would write it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class OneshotBenchmarks
{
    private const int RoundTrips = 1_000;

    private readonly OneshotConsumer _oneshotConsumer = new();
    private readonly TaskCompletionSourceConsumer _tcsConsumer = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips, Description = "TaskCompletionSource<int>")]
    public async Task<long> TaskCompletionSourceRoundTrip()
    {
        long sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _tcsConsumer.Reply = reply;
            ThreadPool.UnsafeQueueUserWorkItem(_tcsConsumer, preferLocal: false);
            sum += await reply.Task;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Oneshot<int>")]
    public async Task<long> OneshotRoundTrip()
    {
        long sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            var reply = Oneshot<int>.Create();
            _oneshotConsumer.Reply = reply;
            ThreadPool.UnsafeQueueUserWorkItem(_oneshotConsumer, preferLocal: false);
            sum += await reply.WaitAsync();
        }

        return sum;
    }

    private sealed class OneshotConsumer : IThreadPoolWorkItem
    {
        public Oneshot<int> Reply;

        public void Execute() => Reply.Complete(7);
    }

    private sealed class TaskCompletionSourceConsumer : IThreadPoolWorkItem
    {
        public TaskCompletionSource<int>? Reply;

        public void Execute() => Reply!.SetResult(7);
    }
}
