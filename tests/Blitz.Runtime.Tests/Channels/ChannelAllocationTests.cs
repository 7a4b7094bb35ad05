using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

/// <summary>
/// Blitz's bounded channel allocates nothing per item in steady state, with several readers and writers waiting at
/// once (where the BCL's bounded channel allocates a waiter per extra wait). Process-wide counts: not parallel.
/// </summary>
[Collection(nameof(AllocationCollection))]
public class ChannelAllocationTests
{
    private const int Waiters = 4;
    private const int Rounds = 25_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Several_waiting_readers_and_writers_allocate_nothing(bool cancelableToken)
    {
        using var cts = new CancellationTokenSource();
        double perWait = await BytesPerWait(new BoundedChannel<int>(1), cancelableToken ? cts.Token : CancellationToken.None);
        Assert.True(perWait <= 1.0, $"{perWait:F3} B per wait");
    }

    [Fact]
    public async Task The_same_loop_on_the_bcl_channel_allocates_per_wait()
    {
        // The control: the measurement sees a per-wait allocation where there is one.
        double perWait = await BytesPerWait(Channel.CreateBounded<int>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait }), CancellationToken.None);
        Assert.True(perWait >= 16, $"{perWait:F3} B per wait");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Four_producers_and_four_consumers_allocate_nothing_per_item(bool waitThenTry)
    {
        var channel = new BoundedChannel<int>(4);
        await Task.Run(async () =>
        {
            await Move(channel, 20_000, waitThenTry);
            await Move(channel, 20_000, waitThenTry);

            const int Items = 200_000;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long sum = await Move(channel, Items, waitThenTry);
            double perItem = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / Items;

            Assert.Equal((long)Items * (Items - 1) / 2, sum);
            Assert.True(perItem <= 1.0, $"{perItem:F3} B per item (limit 1 B, process-wide; the run's 8 tasks are included)");
        });
    }

    /// <summary>
    /// Each round: <see cref="Waiters"/> reads wait on the empty channel, <see cref="Waiters"/> writes fill it and
    /// leave three writers blocked, then the reads and the writes are awaited. Returns bytes per wait.
    /// </summary>
    private static async Task<double> BytesPerWait(Channel<int> channel, CancellationToken cancellationToken)
    {
        return await Task.Run(async () =>
        {
            await RunRounds(channel, 5_000, cancellationToken);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long sum = await RunRounds(channel, Rounds, cancellationToken);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.Equal(Rounds * 2L * (Waiters * (Waiters - 1) / 2), sum);
            return (double)allocated / (Rounds * 2L * Waiters);
        });

        static async Task<long> RunRounds(Channel<int> channel, int rounds, CancellationToken cancellationToken)
        {
            var reads = new ValueTask<int>[Waiters];
            var writes = new ValueTask[Waiters];
            long sum = 0;
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < Waiters; i++)
                {
                    reads[i] = channel.Reader.ReadAsync(cancellationToken);
                }

                for (int i = 0; i < Waiters; i++)
                {
                    channel.Writer.TryWrite(i);
                }

                for (int i = 0; i < Waiters; i++)
                {
                    sum += await reads[i];
                }

                // Capacity 1: one write is buffered, the others block until the reads below.
                for (int i = 0; i < Waiters; i++)
                {
                    writes[i] = channel.Writer.WriteAsync(i, cancellationToken);
                }

                for (int i = 0; i < Waiters; i++)
                {
                    sum += await channel.Reader.ReadAsync();
                    await writes[i];
                }
            }

            return sum;
        }
    }

    private static async Task<long> Move(Channel<int> channel, int items, bool waitThenTry)
    {
        const int Producers = 4;
        const int Consumers = 4;
        var tasks = new Task<long>[Producers + Consumers];
        for (int p = 0; p < Producers; p++)
        {
            int first = p * (items / Producers);
            tasks[p] = Task.Run(() => Produce(channel.Writer, first, items / Producers, waitThenTry));
        }

        for (int c = 0; c < Consumers; c++)
        {
            tasks[Producers + c] = Task.Run(() => Consume(channel.Reader, items / Consumers, waitThenTry));
        }

        await Task.WhenAll(tasks);
        long sum = 0;
        foreach (Task<long> task in tasks)
        {
            sum += task.Result;
        }

        return sum;
    }

    private static async Task<long> Produce(ChannelWriter<int> writer, int first, int count, bool waitThenTry)
    {
        for (int item = first, end = first + count; item < end;)
        {
            if (!waitThenTry)
            {
                await writer.WriteAsync(item++);
            }
            else if (writer.TryWrite(item))
            {
                item++;
            }
            else
            {
                await writer.WaitToWriteAsync();
            }
        }

        return 0;
    }

    private static async Task<long> Consume(ChannelReader<int> reader, int count, bool waitThenTry)
    {
        long sum = 0;
        for (int read = 0; read < count;)
        {
            if (!waitThenTry)
            {
                sum += await reader.ReadAsync();
                read++;
            }
            else if (reader.TryRead(out int item))
            {
                sum += item;
                read++;
            }
            else
            {
                await reader.WaitToReadAsync();
            }
        }

        return sum;
    }
}
