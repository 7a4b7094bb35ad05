using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Blitz.Benchmarks;

/// <summary>
/// The cost of one wait, where the BCL's bounded channel allocates: every operation here waits. Readers: four
/// <c>ReadAsync</c> calls wait on an empty channel, four <c>TryWrite</c> calls hand them their items. Writers: four
/// <c>WriteAsync</c> calls on a full channel (capacity 1) block, four reads let them through.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ChannelWaitBenchmarks
{
    private const int Waiters = 4;
    private const int Rounds = 250;

    private readonly ValueTask<int>[] _reads = new ValueTask<int>[Waiters];
    private readonly ValueTask[] _writes = new ValueTask[Waiters];
    private Channel<int> _bcl = null!;
    private Channel<int> _blitz = null!;

    public enum Waiting
    {
        Readers,
        Writers,
    }

    [Params(Waiting.Readers, Waiting.Writers)]
    public Waiting Who { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bcl = Channel.CreateBounded<int>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });
        _blitz = BlitzChannel.CreateBounded<int>(1);
        if (Who == Waiting.Writers)
        {
            _bcl.Writer.TryWrite(-1);
            _blitz.Writer.TryWrite(-1);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds * Waiters, Description = "BCL Channel.CreateBounded")]
    public Task<long> Bcl() => Who == Waiting.Readers ? WaitingReaders(_bcl) : WaitingWriters(_bcl);

    [Benchmark(OperationsPerInvoke = Rounds * Waiters, Description = "BlitzChannel.CreateBounded")]
    public Task<long> Blitz() => Who == Waiting.Readers ? WaitingReaders(_blitz) : WaitingWriters(_blitz);

    private async Task<long> WaitingReaders(Channel<int> channel)
    {
        long sum = 0;
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < Waiters; i++)
            {
                _reads[i] = channel.Reader.ReadAsync();
            }

            for (int i = 0; i < Waiters; i++)
            {
                channel.Writer.TryWrite(i);
            }

            for (int i = 0; i < Waiters; i++)
            {
                sum += await _reads[i];
            }
        }

        return sum;
    }

    /// <summary>The channel holds one item throughout; each round blocks four writes behind it and reads four items.</summary>
    private async Task<long> WaitingWriters(Channel<int> channel)
    {
        long sum = 0;
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < Waiters; i++)
            {
                _writes[i] = channel.Writer.WriteAsync(i);
            }

            for (int i = 0; i < Waiters; i++)
            {
                channel.Reader.TryRead(out int item);
                sum += item;
                await _writes[i];
            }
        }

        return sum;
    }
}
