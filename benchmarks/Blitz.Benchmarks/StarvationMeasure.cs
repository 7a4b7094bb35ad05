using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Blitz.Benchmarks;

/// <summary>
/// Not a BenchmarkDotNet benchmark: a one-shot measure of what blocking work does to the process, printed as Markdown
/// (<c>dotnet run -c Release --project benchmarks/Blitz.Benchmarks -- starvation</c>). Three scenarios, each on a
/// fresh <see cref="BlitzRuntime"/> with default options:
/// <list type="number">
/// <item>200 calls of <c>Thread.Sleep(100)</c> submitted at once with <c>SpawnBlocking</c>, all awaited: the wall
/// time against the ideal 100 ms, the blocking pool's peak thread count, and how late the .NET ThreadPool ran a probe
/// queued every millisecond meanwhile (<see cref="ThreadPoolProbe"/>); 5 runs.</item>
/// <item>A burst of 10,000 trivial items (return a number) with <c>SpawnBlocking</c>, all awaited: how many
/// threads the blocking pool started for them, and the wall time; 5 runs.</item>
/// <item>The first scenario with <c>Task.Run(() => Thread.Sleep(100))</c> instead, for comparison; 2 runs, each
/// capped at <see cref="TaskRunCap"/>. The ThreadPool keeps the threads the first run made it start, so the second
/// run shows a grown pool, not a cold one.</item>
/// </list>
/// Every submission is made from the main thread (not a ThreadPool thread), so <c>Task.Run</c> items and probes
/// share the ThreadPool's global queue. The Task.Run scenario runs last: it grows the ThreadPool.
/// </summary>
internal static class StarvationMeasure
{
    private const int SleepCalls = 200;
    private const int SleepMilliseconds = 100;
    private const int BurstItems = 10_000;
    private const int Runs = 5;
    private const int TaskRunRuns = 2;

    private static readonly TimeSpan TaskRunCap = TimeSpan.FromSeconds(60);

    public static void Run()
    {
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        ThreadPool.GetMaxThreads(out int maxWorkers, out _);
        Console.WriteLine("# Starvation measure");
        Console.WriteLine();
        Console.WriteLine(Invariant($"- UTC: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}"));
        Console.WriteLine(Invariant($"- Machine: {Environment.ProcessorCount} processors, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"));
        Console.WriteLine(Invariant($"- ThreadPool: min {minWorkers} / max {maxWorkers} worker threads, {ThreadPool.ThreadCount} threads at start"));
        Console.WriteLine(Invariant($"- Probe: a dedicated thread queues a ThreadPool work item (UnsafeQueueUserWorkItem, preferLocal: false) about every 1 ms; delay = queued to running (Stopwatch ticks)"));
        Console.WriteLine("- Medians are per column, so a median row need not be one of the runs.");

        WarmUp();

        MeasureSleeps(Invariant($"## a. {SleepCalls} x Thread.Sleep({SleepMilliseconds}) with SpawnBlocking (fresh runtime, default options)"), warm: false);
        MeasureSleeps(Invariant($"## a2. The same burst again on a warm runtime (its {SleepCalls} threads idle within the keep-alive)"), warm: true);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Starting one thread on this machine (new Thread + Start, 100 in sequence): {MeasureThreadStart().TotalMicroseconds:F0} µs."));

        Console.WriteLine();
        Console.WriteLine(Invariant($"## b. Burst of {BurstItems:N0} trivial items with SpawnBlocking (fresh runtime, default options)"));
        Console.WriteLine();
        var bursts = new BurstRun[Runs];
        for (int run = 0; run < Runs; run++)
        {
            bursts[run] = SpawnBlockingBurstAsync().GetAwaiter().GetResult();
        }

        Console.WriteLine("| run | wall (ms) | blocking PeakThreads | blocking Threads after |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int run = 0; run < Runs; run++)
        {
            BurstRun b = bursts[run];
            Console.WriteLine(Invariant($"| {run + 1} | {b.Wall.TotalMilliseconds:F1} | {b.PeakThreads} | {b.ThreadsAfter} |"));
        }

        Console.WriteLine(Invariant($"| **median** | {Median(bursts, b => b.Wall.TotalMilliseconds):F1} | {Median(bursts, b => b.PeakThreads):F0} | {Median(bursts, b => b.ThreadsAfter):F0} |"));

        Console.WriteLine();
        Console.WriteLine(Invariant($"## c. {SleepCalls} x Thread.Sleep({SleepMilliseconds}) with Task.Run (comparison, capped at {TaskRunCap.TotalSeconds:F0} s)"));
        Console.WriteLine();
        var taskRuns = new SleepRun[TaskRunRuns];
        for (int run = 0; run < TaskRunRuns; run++)
        {
            taskRuns[run] = TaskRunSleeps();
        }

        PrintSleepTable("ThreadPool threads before -> after", taskRuns);
    }

    /// <summary>Runs every path once, small, so the first measured run does not pay for JIT compilation.</summary>
    private static void WarmUp()
    {
        using var runtime = new BlitzRuntime(new BlitzOptions());
        using var probe = ThreadPoolProbe.Start();
        var pending = new ValueTask<int>[8];
        Task warm = AwaitSleepsAsync(runtime, pending, sleep: 1);
        warm.GetAwaiter().GetResult();
        Task.WhenAll(Task.Run(static () => 1), Task.Run(static () => 2)).GetAwaiter().GetResult();
        probe.Stop();
    }

    private static async Task AwaitSleepsAsync(BlitzRuntime runtime, ValueTask<int>[] pending, int sleep)
    {
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = runtime.SpawnBlocking(sleep, static (ms, _) =>
            {
                Thread.Sleep(ms);
                return ms;
            });
        }

        for (int i = 0; i < pending.Length; i++)
        {
            await pending[i];
            pending[i] = default;
        }
    }

    private static void MeasureSleeps(string heading, bool warm)
    {
        Console.WriteLine();
        Console.WriteLine(heading);
        Console.WriteLine();
        var sleeps = new SleepRun[Runs];
        for (int run = 0; run < Runs; run++)
        {
            sleeps[run] = SpawnBlockingSleepsAsync(warm).GetAwaiter().GetResult();
        }

        PrintSleepTable("Blocking PeakThreads", sleeps);
    }

    private static TimeSpan MeasureThreadStart()
    {
        using var gate = new ManualResetEventSlim();
        var threads = new Thread[100];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => gate.Wait()) { IsBackground = true };
            threads[i].Start();
        }

        TimeSpan perThread = Stopwatch.GetElapsedTime(start) / threads.Length;
        gate.Set();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        return perThread;
    }

    private static async Task<SleepRun> SpawnBlockingSleepsAsync(bool warm)
    {
        using var runtime = new BlitzRuntime(new BlitzOptions());
        var pending = new ValueTask<int>[SleepCalls];
        if (warm)
        {
            // A first burst starts the threads; the measured one finds them asleep.
            await AwaitSleepsAsync(runtime, pending, SleepMilliseconds);
        }

        using var probe = ThreadPoolProbe.Start();
        long start = Stopwatch.GetTimestamp();

        // Submitted synchronously on the caller's thread (the main thread), up to the first await.
        await AwaitSleepsAsync(runtime, pending, SleepMilliseconds);

        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        ProbeStats probes = probe.Stop();
        PoolMetrics blocking = runtime.GetMetrics().Blocking;
        return new SleepRun(wall, blocking.PeakThreads.ToString(CultureInfo.InvariantCulture), probes);
    }

    private static async Task<BurstRun> SpawnBlockingBurstAsync()
    {
        using var runtime = new BlitzRuntime(new BlitzOptions());
        var pending = new ValueTask<int>[BurstItems];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < BurstItems; i++)
        {
            pending[i] = runtime.SpawnBlocking<ReturnNumber, int>(new ReturnNumber(i));
        }

        long sum = 0;
        for (int i = 0; i < BurstItems; i++)
        {
            sum += await pending[i];
            pending[i] = default;
        }

        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        if (sum != (long)BurstItems * (BurstItems + 1) / 2)
        {
            throw new InvalidOperationException($"Lost or duplicated items: sum {sum}.");
        }

        PoolMetrics blocking = runtime.GetMetrics().Blocking;
        return new BurstRun(wall, blocking.PeakThreads, blocking.Threads);
    }

    private static SleepRun TaskRunSleeps()
    {
        int threadsBefore = ThreadPool.ThreadCount;
        var tasks = new Task[SleepCalls];
        using var probe = ThreadPoolProbe.Start();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < SleepCalls; i++)
        {
            tasks[i] = Task.Run(static () => Thread.Sleep(SleepMilliseconds));
        }

        Task all = Task.WhenAll(tasks);
        bool finished = all.Wait(TaskRunCap);
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        if (!finished)
        {
            // Let the stragglers finish before the next run, which would otherwise start behind them.
            all.Wait();
        }

        ProbeStats probes = probe.Stop();
        string threads = Invariant($"{threadsBefore} -> {ThreadPool.ThreadCount}");
        return new SleepRun(wall, threads, probes, CappedAt: finished ? null : TaskRunCap);
    }

    private static void PrintSleepTable(string threadsColumn, SleepRun[] runs)
    {
        Console.WriteLine(Invariant($"| run | wall (ms) | / ideal {SleepMilliseconds} ms | {threadsColumn} | probe p50 (ms) | probe p99 (ms) | probe max (ms) | probes |"));
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int run = 0; run < runs.Length; run++)
        {
            SleepRun r = runs[run];
            string wall = r.CappedAt is TimeSpan cap ? Invariant($"> {cap.TotalMilliseconds:F0} (capped)") : Invariant($"{r.Wall.TotalMilliseconds:F1}");
            Console.WriteLine(Invariant($"| {run + 1} | {wall} | {r.Wall.TotalMilliseconds / SleepMilliseconds:F2}x | {r.Threads} | {r.Probes.P50:F3} | {r.Probes.P99:F3} | {r.Probes.Max:F3} | {r.Probes.Count} |"));
        }

        if (runs.Length >= 3)
        {
            double wallMedian = Median(runs, r => r.Wall.TotalMilliseconds);
            double threadsMedian = Median(runs, r => double.Parse(r.Threads, CultureInfo.InvariantCulture));
            Console.WriteLine(Invariant($"| **median** | {wallMedian:F1} | {wallMedian / SleepMilliseconds:F2}x | {threadsMedian:F0} | {Median(runs, r => r.Probes.P50):F3} | {Median(runs, r => r.Probes.P99):F3} | {Median(runs, r => r.Probes.Max):F3} | {Median(runs, r => r.Probes.Count):F0} |"));
        }
    }

    private static double Median<T>(T[] runs, Func<T, double> value)
    {
        double[] values = runs.Select(value).Order().ToArray();
        int middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record SleepRun(TimeSpan Wall, string Threads, ProbeStats Probes, TimeSpan? CappedAt = null);

    private sealed record BurstRun(TimeSpan Wall, int PeakThreads, int ThreadsAfter);

    private readonly record struct ProbeStats(int Count, double P50, double P99, double Max);

    /// <summary>
    /// Measures how late the .NET ThreadPool starts work: a dedicated thread (not a ThreadPool one, so it cannot be
    /// starved itself) queues a probe about every millisecond, without waiting for the previous one, and each probe
    /// records the time from its queuing to its start. A starved ThreadPool therefore shows as many late probes, in
    /// proportion to how long it stayed starved.
    /// </summary>
    private sealed class ThreadPoolProbe : IDisposable
    {
        private const int Capacity = 200_000;

        private readonly long[] _delays = new long[Capacity];
        private readonly Thread _thread;
        private volatile bool _stopping;
        private int _queued;
        private int _claimed;
        private int _recorded;

        private ThreadPoolProbe()
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "threadpool-probe" };
        }

        public static ThreadPoolProbe Start()
        {
            var probe = new ThreadPoolProbe();
            probe._thread.Start();
            return probe;
        }

        /// <summary>Stops queuing, waits (up to a minute) for every queued probe to run, and summarizes the delays.</summary>
        public ProbeStats Stop()
        {
            _stopping = true;
            _thread.Join();
            var drain = Stopwatch.StartNew();
            while (Volatile.Read(ref _recorded) < _queued && drain.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(1);
            }

            int count = Volatile.Read(ref _recorded);
            if (count == 0)
            {
                return default;
            }

            long[] sorted = _delays[..count];
            Array.Sort(sorted);
            return new ProbeStats(count, Milliseconds(Percentile(sorted, 0.50)), Milliseconds(Percentile(sorted, 0.99)), Milliseconds(sorted[^1]));
        }

        public void Dispose()
        {
            _stopping = true;
            if (_thread.IsAlive)
            {
                _thread.Join();
            }
        }

        private static long Percentile(long[] sorted, double fraction)
            => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

        private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        private void Loop()
        {
            while (!_stopping && _queued < Capacity)
            {
                _queued++;
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Probe.Record(state.Queued), (Probe: this, Queued: Stopwatch.GetTimestamp()), preferLocal: false);
                Thread.Sleep(1);
            }
        }

        private void Record(long queued)
        {
            long delay = Stopwatch.GetTimestamp() - queued;
            _delays[Interlocked.Increment(ref _claimed) - 1] = delay;
            Interlocked.Increment(ref _recorded);
        }
    }
}
