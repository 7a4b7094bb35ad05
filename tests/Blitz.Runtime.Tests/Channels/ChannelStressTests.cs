using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Many producers and consumers on one bounded channel, every API mixed, and cancellations racing completions:
/// every item must be delivered exactly once. A canceled write did not happen (its producer writes the item again);
/// a canceled read took nothing.
/// </summary>
public class ChannelStressTests
{
    private const int Producers = 6;
    private const int Consumers = 6;
    private const int ItemsPerProducer = 15_000;
    private const int Items = Producers * ItemsPerProducer;

    [Theory]
    [InlineData("blitz", 1)]
    [InlineData("blitz", 16)]
    [InlineData("bcl", 16)]
    public async Task Every_item_is_delivered_exactly_once_under_random_cancellation(string kind, int capacity)
    {
        Channel<int> channel = ChannelConformanceTests.Create(kind, capacity);
        int[] seen = new int[Items];
        long sum = 0;
        int canceled = 0;

        void Deliver(int item)
        {
            Interlocked.Increment(ref seen[item]);
            Interlocked.Add(ref sum, item);
        }

        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (int item = p * ItemsPerProducer, end = item + ItemsPerProducer; item < end;)
            {
                if (await TryWriteOnce(channel.Writer, item, random, () => Interlocked.Increment(ref canceled)))
                {
                    item++;
                }
            }
        })).ToArray();

        Task[] consumers = Enumerable.Range(0, Consumers).Select(c => Task.Run(async () =>
        {
            var random = new Random(100 + c);
            if (c == 0)
            {
                await foreach (int item in channel.Reader.ReadAllAsync())
                {
                    Deliver(item);
                }

                return;
            }

            while (await ReadOnce(channel.Reader, random, Deliver, () => Interlocked.Increment(ref canceled)))
            {
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(120));
        channel.Writer.Complete();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(channel.Reader.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, channel.Reader.Count);
        Assert.Equal((long)Items * (Items - 1) / 2, sum);
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.True(canceled > 0, "the test must exercise cancellation");
    }

    /// <summary>One attempt to write <paramref name="item"/> with a random API; false when it was not written.</summary>
    private static async Task<bool> TryWriteOnce(ChannelWriter<int> writer, int item, Random random, Action onCanceled)
    {
        int mode = random.Next(4);
        if (mode == 0)
        {
            await writer.WriteAsync(item);
            return true;
        }

        if (mode == 1)
        {
            while (!writer.TryWrite(item))
            {
                await writer.WaitToWriteAsync();
            }

            return true;
        }

        // A write or a wait whose token is canceled right away or never, racing the consumers.
        using var cts = new CancellationTokenSource();
        try
        {
            if (mode == 2)
            {
                ValueTask write = writer.WriteAsync(item, cts.Token);
                CancelSometimes(cts, random);
                await write;
                return true;
            }

            ValueTask<bool> wait = writer.WaitToWriteAsync(cts.Token);
            CancelSometimes(cts, random);
            await wait;
            return writer.TryWrite(item);
        }
        catch (OperationCanceledException)
        {
            onCanceled();
            return false;
        }
    }

    /// <summary>One read with a random API; false once the channel is completed and drained.</summary>
    private static async Task<bool> ReadOnce(ChannelReader<int> reader, Random random, Action<int> deliver, Action onCanceled)
    {
        using var cts = new CancellationTokenSource();
        try
        {
            if (random.Next(2) == 0)
            {
                ValueTask<int> read = reader.ReadAsync(cts.Token);
                CancelSometimes(cts, random);
                deliver(await read);
                return true;
            }

            ValueTask<bool> wait = reader.WaitToReadAsync(cts.Token);
            CancelSometimes(cts, random);
            if (!await wait)
            {
                return false;
            }

            if (reader.TryRead(out int item))
            {
                deliver(item);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            onCanceled();
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    private static void CancelSometimes(CancellationTokenSource cts, Random random)
    {
        if (random.Next(3) == 0)
        {
            cts.Cancel();
        }
    }
}
