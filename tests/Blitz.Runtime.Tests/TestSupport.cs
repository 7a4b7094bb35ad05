using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace Blitz.Runtime.Tests;

/// <summary>Small helpers shared by the runtime tests.</summary>
internal static class TestSupport
{
    private static int s_prefixCounter;

    /// <summary>A short, unique thread-name prefix (Linux keeps 15 characters of a thread's name).</summary>
    public static string UniquePrefix() => $"t{Environment.ProcessId % 1000}x{Interlocked.Increment(ref s_prefixCounter)}";

    /// <summary>Waits for a condition that must become true eventually; fails (never passes) when it does not within a generous bound.</summary>
    public static void Eventually(Func<bool> condition, string because, int timeoutMilliseconds = 30_000)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.ElapsedMilliseconds > timeoutMilliseconds)
            {
                Assert.Fail($"Condition not met within {timeoutMilliseconds} ms: {because}");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// Asserts that no OS thread named <paramref name="prefix"/> is left. A joined thread has finished its managed
    /// work, but the kernel lists it under /proc until its native exit completes a moment later, so the count is
    /// polled (up to 10 s) until it reaches exactly zero.
    /// </summary>
    public static void NoOsThreadsLeftNamed(string prefix) =>
        Eventually(() => CountOsThreadsNamed(prefix) == 0, $"every thread named {prefix} has exited", 10_000);

    /// <summary>
    /// The OS threads of this process whose name starts with <paramref name="prefix"/> (Linux /proc), not followed by
    /// a digit: prefix <c>t1x1</c> must not count the threads of another test's runtime named <c>t1x12</c>.
    /// </summary>
    public static int CountOsThreadsNamed(string prefix)
    {
        int count = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                string name = File.ReadAllText(Path.Combine(task, "comm"));
                if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || !char.IsAsciiDigit(name[prefix.Length])))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The thread exited while we looked.
            }
        }

        return count;
    }

    /// <summary>
    /// Occupies every ThreadPool thread (and one more, for a thread the pool injects meanwhile) until a probe is
    /// reported late: the ThreadPool then runs the probe only after it injects threads, which takes seconds.
    /// </summary>
    public static void BlockThreadPoolUntil(Func<bool> reported)
    {
        // Not disposed: blockers that start only after the release must still find it set.
        var release = new ManualResetEventSlim();
        try
        {
            int blockers = ThreadPool.ThreadCount + 1;
            for (int i = 0; i < blockers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static r => ((ManualResetEventSlim)r!).Wait(), release);
            }

            Eventually(reported, "a stall is reported", timeoutMilliseconds: 60_000);
        }
        finally
        {
            release.Set();
        }
    }

    public static BlitzRuntime NewRuntime(Action<BlitzOptions>? configure = null)
    {
        var options = new BlitzOptions { ThreadNamePrefix = UniquePrefix() };
        configure?.Invoke(options);
        return new BlitzRuntime(options);
    }
}

/// <summary>Work that reports the thread it ran on.</summary>
internal readonly struct ThreadInfoWork : IOffloadWork<(string? Name, bool IsThreadPoolThread)>
{
    public (string? Name, bool IsThreadPoolThread) Execute(CancellationToken cancellationToken)
        => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
}

/// <summary>Work that adds two numbers.</summary>
internal readonly struct AddWork(int left, int right) : IOffloadWork<int>
{
    public int Execute(CancellationToken cancellationToken) => left + right;
}

/// <summary>Work that blocks until a gate opens, counting how often it ran.</summary>
internal readonly struct GateWork(ManualResetEventSlim gate, StrongBox<int> runs) : IOffloadWork<int>
{
    public int Execute(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref runs.Value);
        gate.Wait(cancellationToken);
        return 1;
    }
}
