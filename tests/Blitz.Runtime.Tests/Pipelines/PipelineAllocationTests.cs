using System.Threading.Channels;
using Xunit.Abstractions;

namespace Blitz.Runtime.Tests;

/// <summary>Per-item allocation of a long-running pipeline in steady state, measured process-wide.</summary>
[Collection(nameof(AllocationCollection))]
public class PipelineAllocationTests(ITestOutputHelper output)
{
    private const int Items = 30_000;

    [Theory]
    [InlineData(StageKind.Async, 1)]
    [InlineData(StageKind.Blocking, 1)]
    [InlineData(StageKind.Cpu, 1)]
    [InlineData(StageKind.Async, 4)]
    [InlineData(StageKind.Blocking, 4)]
    [InlineData(StageKind.Cpu, 4)]
    public async Task A_stage_allocates_nothing_per_item_in_steady_state(StageKind kind, int degreeOfParallelism)
    {
        // Several workers of a stage wait on one queue at once: the Blitz bounded channel pools its waiters.
        double perItem = await MeasureAsync(kind, degreeOfParallelism);
        Assert.True(perItem <= 1.0, $"{kind} stage x{degreeOfParallelism}: {perItem:F3} B per item (limit 1 B, process-wide)");
    }

    private async Task<double> MeasureAsync(StageKind kind, int degreeOfParallelism)
    {
        await using var runtime = TestSupport.NewRuntime();
        return await Task.Run(async () =>
        {
            var source = Channel.CreateBounded<int>(new BoundedChannelOptions(256));
            var options = new StageOptions { DegreeOfParallelism = degreeOfParallelism, Capacity = 64 };
            PipelineBuilder<int> start = Pipeline.Create(runtime, source.Reader);
            PipelineBuilder<int> built = kind switch
            {
                StageKind.Async => start.ThenAsync("async", static (x, _) => ValueTask.FromResult(x + 1), options),
                StageKind.Blocking => start.ThenBlocking("blocking", static (x, _) => x + 1, options),
                _ => start.ThenCpu("cpu", static (x, _) => x + 1, options),
            };
            await using Pipeline<int> pipeline = built.ThenAsync("last", static (x, _) => ValueTask.FromResult(x), new StageOptions()).Build();

            await PumpAsync(source.Writer, pipeline.Output, 10_000); // warm up: threads, pooled nodes, tiered JIT
            await PumpAsync(source.Writer, pipeline.Output, 10_000);

            // The quietest of three rounds: the test host's own background work only ever adds bytes.
            double best = double.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                long sum = await PumpAsync(source.Writer, pipeline.Output, Items);
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                Assert.Equal((long)Items * (Items + 1) / 2, sum);
                best = Math.Min(best, (double)allocated / Items);
            }

            output.WriteLine($"{kind} x{degreeOfParallelism}: {best:F3} B/item");
            source.Writer.Complete();
            await pipeline.Completion;
            return best;
        });
    }

    /// <summary>Feeds <paramref name="count"/> items and reads as many results, concurrently; returns the results' sum.</summary>
    private static async Task<long> PumpAsync(ChannelWriter<int> source, ChannelReader<int> results, int count)
    {
        ValueTask feeding = FeedAsync(source, count);
        long sum = 0;
        for (int received = 0; received < count;)
        {
            if (results.TryRead(out int result))
            {
                sum += result;
                received++;
            }
            else if (!await results.WaitToReadAsync())
            {
                break;
            }
        }

        await feeding;
        return sum;
    }

    private static async ValueTask FeedAsync(ChannelWriter<int> source, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!source.TryWrite(i))
            {
                await source.WriteAsync(i);
            }
        }
    }
}
