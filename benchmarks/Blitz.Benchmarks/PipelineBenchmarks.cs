using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// A three-stage pipeline (add, multiply, subtract; each stage one worker, each queue bounded to 64) in steady
/// state: the same long-lived pipeline takes <see cref="Items"/> items per operation, and the figures are per item.
/// Blitz pipeline vs TPL Dataflow vs hand-written channel loops.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class PipelineBenchmarks
{
    private const int Items = 10_000;
    private const int Capacity = 64;

    private BlitzRuntime _runtime = null!;
    private Channel<int> _blitzSource = null!;
    private Pipeline<int> _blitz = null!;

    private TransformBlock<int, int> _dataflowHead = null!;
    private ActionBlock<int> _dataflowSink = null!;
    private DataflowCounter _dataflowCounter = null!;

    private Channel<int> _channelsSource = null!;
    private Channel<int> _channelsOutput = null!;
    private Task[] _channelLoops = [];

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new BlitzRuntime();
        var options = new StageOptions { Capacity = Capacity };
        _blitzSource = Channel.CreateBounded<int>(Capacity);
        _blitz = Pipeline.Create(_runtime, _blitzSource.Reader)
            .ThenAsync("add", static (x, _) => ValueTask.FromResult(x + 1), options)
            .ThenAsync("multiply", static (x, _) => ValueTask.FromResult(x * 2), options)
            .ThenAsync("subtract", static (x, _) => ValueTask.FromResult(x - 1), options)
            .Build();

        var block = new ExecutionDataflowBlockOptions { BoundedCapacity = Capacity, MaxDegreeOfParallelism = 1, EnsureOrdered = true };
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        _dataflowCounter = new DataflowCounter();
        _dataflowHead = new TransformBlock<int, int>(static x => x + 1, block);
        var multiply = new TransformBlock<int, int>(static x => x * 2, block);
        var subtract = new TransformBlock<int, int>(static x => x - 1, block);
        _dataflowSink = new ActionBlock<int>(_dataflowCounter.Add, block);
        _dataflowHead.LinkTo(multiply, link);
        multiply.LinkTo(subtract, link);
        subtract.LinkTo(_dataflowSink, link);

        _channelsSource = Channel.CreateBounded<int>(Capacity);
        var afterAdd = Channel.CreateBounded<int>(Capacity);
        var afterMultiply = Channel.CreateBounded<int>(Capacity);
        _channelsOutput = Channel.CreateBounded<int>(Capacity);
        _channelLoops =
        [
            Task.Run(() => StageLoop(_channelsSource.Reader, afterAdd.Writer, static x => x + 1)),
            Task.Run(() => StageLoop(afterAdd.Reader, afterMultiply.Writer, static x => x * 2)),
            Task.Run(() => StageLoop(afterMultiply.Reader, _channelsOutput.Writer, static x => x - 1)),
        ];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _blitzSource.Writer.Complete();
        _blitz.Completion.GetAwaiter().GetResult();
        _dataflowHead.Complete();
        _dataflowSink.Completion.GetAwaiter().GetResult();
        _channelsSource.Writer.Complete();
        Task.WaitAll(_channelLoops);
        _runtime.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public Task<long> BlitzPipeline() => FeedAndRead(_blitzSource.Writer, _blitz.Output);

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> TplDataflow()
    {
        Task<long> done = _dataflowCounter.Expect(Items);
        for (int i = 0; i < Items; i++)
        {
            if (!_dataflowHead.Post(i))
            {
                await _dataflowHead.SendAsync(i).ConfigureAwait(false);
            }
        }

        return await done.ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public Task<long> HandWrittenChannels() => FeedAndRead(_channelsSource.Writer, _channelsOutput.Reader);

    private static async Task<long> FeedAndRead(ChannelWriter<int> source, ChannelReader<int> output)
    {
        ValueTask feeding = Feed(source);
        long sum = 0;
        for (int received = 0; received < Items;)
        {
            if (output.TryRead(out int result))
            {
                sum += result;
                received++;
            }
            else
            {
                await output.WaitToReadAsync().ConfigureAwait(false);
            }
        }

        await feeding.ConfigureAwait(false);
        return sum;
    }

    private static async ValueTask Feed(ChannelWriter<int> source)
    {
        for (int i = 0; i < Items; i++)
        {
            if (!source.TryWrite(i))
            {
                await source.WriteAsync(i).ConfigureAwait(false);
            }
        }
    }

    private static async Task StageLoop(ChannelReader<int> input, ChannelWriter<int> output, Func<int, int> transform)
    {
        while (await input.WaitToReadAsync().ConfigureAwait(false))
        {
            while (input.TryRead(out int item))
            {
                int result = transform(item);
                if (!output.TryWrite(result))
                {
                    await output.WriteAsync(result).ConfigureAwait(false);
                }
            }
        }

        output.Complete();
    }

    /// <summary>The Dataflow sink: sums results and completes the operation's task after the expected count.</summary>
    private sealed class DataflowCounter
    {
        private TaskCompletionSource<long> _done = new();
        private int _remaining;
        private long _sum;

        public Task<long> Expect(int count)
        {
            _sum = 0;
            _remaining = count;
            _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _done.Task;
        }

        public void Add(int value)
        {
            _sum += value;
            if (--_remaining == 0)
            {
                _done.SetResult(_sum);
            }
        }
    }
}
