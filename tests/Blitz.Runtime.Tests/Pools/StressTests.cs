namespace Blitz.Runtime.Tests;

public class StressTests
{
    private const int Producers = 8;
    private const int AttemptsPerProducer = 40_000;

    private enum Behavior
    {
        Return,
        Throw,
        ObserveToken,
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Every_accepted_item_completes_exactly_once_across_both_pools_with_cancellation_faults_and_disposal(int seed)
    {
        string prefix = TestSupport.UniquePrefix();
        var runtime = new BlitzRuntime(new BlitzOptions
        {
            ThreadNamePrefix = prefix,
            MaxBlockingThreads = 16,
            BlockingQueueCapacity = 64,
            CpuThreads = 2,
            BlockingKeepAlive = TimeSpan.FromMilliseconds(20),
        });

        int total = Producers * AttemptsPerProducer;
        var runs = new int[total];
        var outcomes = new int[total]; // 0 = never accepted, 1 = result, 2 = fault, 3 = canceled; set once
        long accepted = 0;
        long results = 0, faults = 0, cancels = 0, ranThenCanceled = 0;
        var disposeAt = new Random(seed).Next(200_000, 260_000);
        Task? disposal = null;
        var disposalLock = new object();

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + p);
            var pending = new List<(int Id, ValueTask<int> Task)>(128);
            var cts = new CancellationTokenSource();
            for (int n = 0; n < AttemptsPerProducer; n++)
            {
                int id = p * AttemptsPerProducer + n;
                var behavior = (Behavior)random.Next(3);
                var work = new StressWork(id, runs, behavior);
                CancellationToken token = random.Next(4) == 0 ? cts.Token : CancellationToken.None;
                try
                {
                    ValueTask<int> task = default;
                    bool refused = false;
                    switch (random.Next(6))
                    {
                        case 0:
                            task = runtime.SpawnCpu<StressWork, int>(work, token);
                            break;
                        case 4:
                            // Both priority lanes race the same threads and cancellations.
                            task = runtime.SpawnBlocking<StressWork, int>(work, WorkPriority.High, token);
                            break;
                        case 5:
                            task = runtime.SpawnCpu<StressWork, int>(work, WorkPriority.High, token);
                            break;
                        case 1:
                            // A refusal is visible: never accepted.
                            refused = !runtime.TrySpawnBlocking<StressWork, int>(work, out task, token);
                            break;
                        case 2:
                            task = runtime.SpawnBlocking(work, static (w, t) => w.Execute(t), token);
                            break;
                        default:
                            task = runtime.SpawnBlocking<StressWork, int>(work, token);
                            break;
                    }

                    if (!refused)
                    {
                        pending.Add((id, task));
                    }

                    if (!refused && Interlocked.Increment(ref accepted) == disposeAt)
                    {
                        lock (disposalLock)
                        {
                            disposal = runtime.DisposeAsync().AsTask();
                        }
                    }
                }
                catch (ObjectDisposedException)
                {
                    // Refused visibly after disposal: never accepted.
                }

                if (random.Next(100) == 0)
                {
                    cts.Cancel();
                    cts = new CancellationTokenSource();
                }

                if (pending.Count == 128 || n == AttemptsPerProducer - 1)
                {
                    foreach (var (itemId, itemTask) in pending)
                    {
                        int outcome;
                        try
                        {
                            Assert.Equal(itemId, await itemTask);
                            outcome = 1;
                            Interlocked.Increment(ref results);
                        }
                        catch (OperationCanceledException)
                        {
                            outcome = 3;
                            Interlocked.Increment(ref cancels);
                            if (Volatile.Read(ref runs[itemId]) == 1)
                            {
                                Interlocked.Increment(ref ranThenCanceled);
                            }
                        }
                        catch (StressException)
                        {
                            outcome = 2;
                            Interlocked.Increment(ref faults);
                        }

                        Assert.Equal(0, Interlocked.Exchange(ref outcomes[itemId], outcome));
                    }

                    pending.Clear();
                }
            }
        })).ToArray();

        await Task.WhenAll(producers);
        Task? started;
        lock (disposalLock)
        {
            started = disposal;
        }

        await (started ?? runtime.DisposeAsync().AsTask());

        // Exactly one outcome per accepted item; nothing else ran.
        Assert.Equal(accepted, results + faults + cancels);
        for (int id = 0; id < total; id++)
        {
            switch (outcomes[id])
            {
                case 0:
                    Assert.Equal(0, runs[id]);
                    break;
                case 1:
                case 2:
                    Assert.Equal(1, runs[id]);
                    break;
                default:
                    Assert.InRange(runs[id], 0, 1);
                    break;
            }
        }

        var metrics = runtime.GetMetrics();
        Assert.Equal(accepted, metrics.Blocking.Submitted + metrics.Cpu.Submitted);
        Assert.Equal(results, metrics.Blocking.Completed + metrics.Cpu.Completed);
        Assert.Equal(faults, metrics.Blocking.Faulted + metrics.Cpu.Faulted);
        Assert.Equal(cancels, metrics.Blocking.Canceled + metrics.Cpu.Canceled);
        Assert.Equal((0, 0), (metrics.Blocking.QueueLength, metrics.Cpu.QueueLength));
        Assert.Equal((0, 0), (metrics.Blocking.Threads, metrics.Cpu.Threads));
        Assert.True(accepted >= 200_000, $"only {accepted} accepted");
        TestSupport.NoOsThreadsLeftNamed(prefix);
    }

    private sealed class StressException() : Exception("planned failure");

    private readonly struct StressWork(int id, int[] runs, Behavior behavior) : IOffloadWork<int>
    {
        public int Execute(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref runs[id]);
            switch (behavior)
            {
                case Behavior.Throw:
                    throw new StressException();
                case Behavior.ObserveToken:
                    Thread.SpinWait(200);
                    cancellationToken.ThrowIfCancellationRequested();
                    return id;
                default:
                    return id;
            }
        }
    }
}
