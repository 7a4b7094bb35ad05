using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Blitz.Benchmarks;

/// <summary>
/// The bounded channel decision: the BCL's bounded channel against Blitz's (<see cref="BoundedChannel{T}"/>, what
/// <see cref="BlitzChannel.CreateBounded{T}(int)"/> returns), 4 producers and 4 consumers on the ThreadPool moving
/// 100,000 ints per invocation. Two usage patterns: <c>WriteAsync</c>/<c>ReadAsync</c>, and
/// <c>WaitToWriteAsync</c>+<c>TryWrite</c> / <c>WaitToReadAsync</c>+<c>TryRead</c>. The per-invocation tasks cost a
/// few hundred bytes per 100,000 items; what remains per operation is the channel's own allocation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ChannelBenchmarks
{
    private const int Producers = 4;
    private const int Consumers = 4;
    private const int Items = 100_000;

    private Channel<int> _bcl = null!;
    private Channel<int> _blitz = null!;

    public enum Usage
    {
        ReadWriteAsync,
        WaitThenTry,
    }

    [Params(64, 1024)]
    public int Capacity { get; set; }

    [Params(Usage.ReadWriteAsync, Usage.WaitThenTry)]
    public Usage Pattern { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bcl = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
        _blitz = BlitzChannel.CreateBounded<int>(Capacity);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "BCL Channel.CreateBounded")]
    public Task Bcl() => Run(_bcl, Pattern);

    [Benchmark(OperationsPerInvoke = Items, Description = "BlitzChannel.CreateBounded")]
    public Task Blitz() => Run(_blitz, Pattern);

    internal static async Task Run(Channel<int> channel, Usage pattern)
    {
        var tasks = new Task<long>[Producers + Consumers];
        for (int p = 0; p < Producers; p++)
        {
            int first = p * (Items / Producers);
            tasks[p] = Task.Run(() => pattern == Usage.ReadWriteAsync
                ? WriteAsyncLoop(channel.Writer, first, Items / Producers)
                : WaitThenTryWriteLoop(channel.Writer, first, Items / Producers));
        }

        for (int c = 0; c < Consumers; c++)
        {
            tasks[Producers + c] = Task.Run(() => pattern == Usage.ReadWriteAsync
                ? ReadAsyncLoop(channel.Reader, Items / Consumers)
                : WaitThenTryReadLoop(channel.Reader, Items / Consumers));
        }

        await Task.WhenAll(tasks);
        long sum = 0;
        for (int c = 0; c < Consumers; c++)
        {
            sum += tasks[Producers + c].Result;
        }

        if (sum != (long)Items * (Items - 1) / 2)
        {
            throw new InvalidOperationException($"Lost or duplicated items: sum {sum}.");
        }
    }

    private static async Task<long> WriteAsyncLoop(ChannelWriter<int> writer, int first, int count)
    {
        for (int i = first, end = first + count; i < end; i++)
        {
            await writer.WriteAsync(i);
        }

        return 0;
    }

    private static async Task<long> WaitThenTryWriteLoop(ChannelWriter<int> writer, int first, int count)
    {
        for (int i = first, end = first + count; i < end;)
        {
            if (writer.TryWrite(i))
            {
                i++;
            }
            else
            {
                await writer.WaitToWriteAsync();
            }
        }

        return 0;
    }

    private static async Task<long> ReadAsyncLoop(ChannelReader<int> reader, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += await reader.ReadAsync();
        }

        return sum;
    }

    private static async Task<long> WaitThenTryReadLoop(ChannelReader<int> reader, int count)
    {
        long sum = 0;
        for (int i = 0; i < count;)
        {
            if (reader.TryRead(out int item))
            {
                sum += item;
                i++;
            }
            else
            {
                await reader.WaitToReadAsync();
            }
        }

        return sum;
    }
}
