using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

public class PipelinePriorityTests
{
    [Fact]
    public async Task High_items_go_first_and_a_waiting_normal_item_passes_after_at_most_eight_high_ones()
    {
        await using var runtime = TestSupport.NewRuntime();
        var input = new PriorityInput<string>(capacityPerLane: 64);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(input.TryWrite($"N{i}"));
        }

        for (int i = 0; i < 40; i++)
        {
            await input.WriteAsync($"H{i}", WorkPriority.High);
        }

        input.Complete();
        await using Pipeline<string> pipeline = Pipeline.Create(runtime, input).ThenAsync("id", static (x, _) => ValueTask.FromResult(x)).Build();
        var order = new List<string>();
        await foreach (string item in pipeline.Output.ReadAllAsync())
        {
            order.Add(item);
        }

        await pipeline.Completion;
        var expected = new List<string>();
        for (int round = 0; round < 5; round++)
        {
            expected.AddRange(Enumerable.Range(round * PriorityInput<string>.MaxHighBeforeNormal, PriorityInput<string>.MaxHighBeforeNormal).Select(static i => $"H{i}"));
            expected.Add($"N{round}");
        }

        expected.AddRange(Enumerable.Range(5, 15).Select(static i => $"N{i}"));
        Assert.Equal(expected, order);
    }

    [Fact]
    public async Task High_items_are_not_held_back_when_no_normal_item_waits()
    {
        var input = new PriorityInput<int>();
        for (int i = 0; i < 30; i++)
        {
            input.TryWrite(i, WorkPriority.High);
        }

        input.TryWrite(100);
        input.Complete();
        var order = new List<int>();
        await foreach (int item in input.Reader.ReadAllAsync())
        {
            order.Add(item);
        }

        // The normal item waited from the start: it passes after 8 high items; then high goes on uninterrupted.
        Assert.Equal(Enumerable.Range(0, 8).Append(100).Concat(Enumerable.Range(8, 22)), order);
        await input.Reader.Completion;
    }

    [Fact]
    public async Task A_waiting_reader_wakes_for_either_lane_and_ends_after_complete()
    {
        var input = new PriorityInput<int>(capacityPerLane: 1);
        ValueTask<bool> waiting = input.Reader.WaitToReadAsync();
        Assert.False(waiting.IsCompleted);
        await input.WriteAsync(1);
        Assert.True(await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(input.Reader.TryRead(out int first));
        Assert.Equal(1, first);

        // A full high lane does not block the normal lane.
        Assert.True(input.TryWrite(2, WorkPriority.High));
        Assert.False(input.TryWrite(3, WorkPriority.High));
        Assert.True(input.TryWrite(4));

        waiting = input.Reader.WaitToReadAsync();
        Assert.True(await waiting);
        Assert.Equal([2, 4], new[] { Read(input), Read(input) });
        ValueTask<bool> last = input.Reader.WaitToReadAsync();
        input.Complete();
        Assert.False(await last.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<ChannelClosedException>(async () => await input.WriteAsync(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => input.TryWrite(6, (WorkPriority)7));
    }

    private static int Read(PriorityInput<int> input) => input.Reader.TryRead(out int item) ? item : -1;
}
