using System.Threading.Channels;

namespace Blitz.Runtime.Tests;

public class OneshotTests
{
    [Fact]
    public async Task The_consumer_completes_and_the_producer_receives()
    {
        var reply = Oneshot<string>.Create();
        Assert.False(reply.IsCompleted);
        _ = Task.Run(() => reply.Complete("done"));
        Assert.Equal("done", await reply.WaitAsync());
    }

    [Fact]
    public void Completing_twice_throws()
    {
        var reply = Oneshot<int>.Create();
        reply.Complete(1);
        Assert.True(reply.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => reply.Complete(2));
        Assert.False(reply.TryComplete(3));
        Assert.Throws<InvalidOperationException>(() => reply.Fail(new Exception()));
    }

    [Fact]
    public async Task A_disposed_reply_is_abandoned_and_the_awaiter_is_told()
    {
        var reply = Oneshot<int>.Create();
        using (reply)
        {
            // the consumer gives up without replying
        }

        await Assert.ThrowsAsync<OneshotAbandonedException>(async () => await reply.WaitAsync());
    }

    [Fact]
    public async Task Dispose_after_complete_does_nothing_and_fail_surfaces_the_error()
    {
        var completed = Oneshot<int>.Create();
        completed.Complete(5);
        completed.Dispose();
        Assert.Equal(5, await completed.WaitAsync());

        var failed = Oneshot<int>.Create();
        failed.Fail(new TimeoutException("backend"));
        var ex = await Assert.ThrowsAsync<TimeoutException>(async () => await failed.WaitAsync());
        Assert.Equal("backend", ex.Message);
    }

    [Fact]
    public async Task A_stale_handle_cannot_complete_the_next_requests_reply()
    {
        var first = Oneshot<int>.Create();
        first.Complete(1);
        Assert.Equal(1, await first.WaitAsync());

        var second = Oneshot<int>.Create(); // may reuse the first's node
        Assert.Throws<InvalidOperationException>(() => first.Complete(99));
        first.Dispose(); // a stale dispose must not abandon the new reply
        Assert.False(second.IsCompleted);
        second.Complete(2);
        Assert.Equal(2, await second.WaitAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await first.WaitAsync());
    }

    [Fact]
    public void A_default_handle_is_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => default(Oneshot<int>).Complete(1));
        default(Oneshot<int>).Dispose();
    }

    [Fact]
    public async Task Many_producers_and_consumers_get_exactly_their_own_replies()
    {
        var jobs = Channel.CreateBounded<(int Request, Oneshot<int> Reply)>(64);
        int abandoned = 0;
        var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await foreach (var (request, reply) in jobs.Reader.ReadAllAsync())
            {
                using (reply)
                {
                    if (request % 97 == 0)
                    {
                        continue; // dropped: the producer must learn it
                    }

                    reply.Complete(request * 2);
                }
            }
        })).ToArray();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (int i = p; i < 40_000; i += 4)
            {
                var reply = Oneshot<int>.Create();
                await jobs.Writer.WriteAsync((i, reply));
                try
                {
                    Assert.Equal(i * 2, await reply.WaitAsync());
                }
                catch (OneshotAbandonedException)
                {
                    Assert.Equal(0, i % 97);
                    Interlocked.Increment(ref abandoned);
                }
            }
        })).ToArray();

        await Task.WhenAll(producers);
        jobs.Writer.Complete();
        await Task.WhenAll(consumers);
        Assert.Equal(Enumerable.Range(0, 40_000).Count(i => i % 97 == 0), abandoned);
    }
}
