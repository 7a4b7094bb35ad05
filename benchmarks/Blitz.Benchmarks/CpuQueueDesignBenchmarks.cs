using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace Blitz.Benchmarks;

/// <summary>
/// Backs the CPU pool's queue design: the real <see cref="WorkerPool"/> (one shared FIFO under one lock) against a
/// prototype with a queue per worker and stealing, on the same work items, wake-up scheme and thread count.
/// Four producer threads each submit a share of the items (as async code on the ThreadPool would); an item spins
/// (SpinPerItem 10: about a third of a microsecond), like a small CPU task, or does nothing (0: pure queue cost).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class CpuQueueDesignBenchmarks
{
    private const int Producers = 4;
    private const int ItemsPerProducer = 25_000;
    private const int Items = Producers * ItemsPerProducer;

    private WorkerPool _shared = null!;
    private StealingPoolPrototype _stealing = null!;
    private CountingItem[] _items = null!;
    private Barrier _start = null!;
    private Thread[] _producers = null!;
    private volatile Action<WorkItem>? _submit;
    private volatile bool _stopProducers;

    [Params(0, 10)]
    public int SpinPerItem { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int threads = Environment.ProcessorCount;
        _shared = new WorkerPool("cpu", "bench", threads, Timeout.InfiniteTimeSpan, capacity: null, ShutdownMode.Drain, new PoolInstruments(), growWhenBlocked: false);
        _stealing = new StealingPoolPrototype(threads);
        _items = Enumerable.Range(0, Items).Select(_ => new CountingItem()).ToArray();
        _start = new Barrier(Producers + 1);
        _producers = Enumerable.Range(0, Producers).Select(p => new Thread(() => Produce(p)) { IsBackground = true }).ToArray();
        foreach (Thread producer in _producers)
        {
            producer.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopProducers = true;
        _start.SignalAndWait();
        _shared.BeginShutdown();
        _shared.WaitForThreadsAsync().GetAwaiter().GetResult();
        _stealing.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "shared FIFO (WorkerPool)")]
    public void SharedQueue() => Run(item => _shared.Submit(item, waitForRoom: true));

    [Benchmark(OperationsPerInvoke = Items, Description = "per-worker queues + stealing (prototype)")]
    public void PerWorkerQueuesWithStealing() => Run(_stealing.Submit);

    private void Run(Action<WorkItem> submit)
    {
        CountingItem.Reset(Items, SpinPerItem);
        _submit = submit;
        _start.SignalAndWait();
        CountingItem.AllDone.Wait();
    }

    private void Produce(int producer)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopProducers)
            {
                return;
            }

            Action<WorkItem> submit = _submit!;
            for (int i = producer * ItemsPerProducer, end = i + ItemsPerProducer; i < end; i++)
            {
                _items[i].ResetForSubmission();
                submit(_items[i]);
            }
        }
    }

    /// <summary>A work item that spins a little and counts down the run's remaining items.</summary>
    private sealed class CountingItem : WorkItem
    {
        private static int s_remaining;
        private static int s_spin;

        public static ManualResetEventSlim AllDone { get; } = new();

        public static void Reset(int items, int spin)
        {
            AllDone.Reset();
            s_spin = spin;
            Volatile.Write(ref s_remaining, items);
        }

        internal override void Run(PoolWorker worker)
        {
            if (s_spin > 0)
            {
                Thread.SpinWait(s_spin);
            }

            worker.Record(WorkOutcome.Completed);
            if (Interlocked.Decrement(ref s_remaining) == 0)
            {
                AllDone.Set();
            }
        }

        internal override void CompleteCanceled(OperationCanceledException exception) => throw new InvalidOperationException();

        internal override CancellationToken CancellationToken => default;

        internal override void Discard() => throw new InvalidOperationException();

        internal override void ReleaseCancellation()
        {
        }
    }
}

/// <summary>
/// The alternative design, kept here only to be measured: one locked queue per worker, producers spread items
/// round-robin, an idle worker steals from the others before it sleeps.
/// </summary>
internal sealed class StealingPoolPrototype : IDisposable
{
    private readonly Lane[] _lanes;
    private int _next;
    private volatile bool _stopping;

    public StealingPoolPrototype(int threads)
    {
        _lanes = Enumerable.Range(0, threads).Select(_ => new Lane()).ToArray();
        for (int i = 0; i < threads; i++)
        {
            int index = i;
            var thread = new Thread(() => Work(index)) { IsBackground = true, Name = $"steal-{i}" };
            _lanes[i].Thread = thread;
            thread.Start();
        }
    }

    public void Submit(WorkItem item)
    {
        Lane lane = _lanes[(int)((uint)Interlocked.Increment(ref _next) % (uint)_lanes.Length)];
        lock (lane.Lock)
        {
            lane.Queue.Enqueue(item);
        }

        // Wake the lane's worker if it sleeps, else any sleeper, so stolen work does not wait.
        if (!lane.TryWake())
        {
            foreach (Lane other in _lanes)
            {
                if (other.TryWake())
                {
                    break;
                }
            }
        }
    }

    private void Work(int index)
    {
        var worker = new PoolWorker(Thread.CurrentThread);
        Lane own = _lanes[index];
        while (!_stopping)
        {
            WorkItem? item = own.TryTake() ?? Steal(index);
            if (item is not null)
            {
                item.Run(worker);
                continue;
            }

            for (int round = 0; round < 64 && own.Queue.Count == 0; round++)
            {
                Thread.SpinWait(20);
            }

            own.Signal.Reset();
            Interlocked.Exchange(ref own.Sleeping, 1);
            if (own.Queue.Count > 0 || AnyQueued() || _stopping)
            {
                Interlocked.Exchange(ref own.Sleeping, 0);
                continue;
            }

            own.Signal.Wait();
        }
    }

    private WorkItem? Steal(int thief)
    {
        for (int i = 1; i < _lanes.Length; i++)
        {
            if (_lanes[(thief + i) % _lanes.Length].TryTake() is { } stolen)
            {
                return stolen;
            }
        }

        return null;
    }

    private bool AnyQueued()
    {
        foreach (Lane lane in _lanes)
        {
            if (lane.Queue.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (Lane lane in _lanes)
        {
            lane.Signal.Set();
            lane.Thread!.Join();
        }
    }

    private sealed class Lane
    {
        public readonly object Lock = new();
        public readonly WorkQueue Queue = new();
        public readonly ManualResetEventSlim Signal = new(false, 0);
        public int Sleeping;
        public Thread? Thread;

        public WorkItem? TryTake()
        {
            if (Queue.Count == 0)
            {
                return null;
            }

            lock (Lock)
            {
                return Queue.Dequeue();
            }
        }

        public bool TryWake()
        {
            if (Volatile.Read(ref Sleeping) == 1 && Interlocked.Exchange(ref Sleeping, 0) == 1)
            {
                Signal.Set();
                return true;
            }

            return false;
        }
    }
}
