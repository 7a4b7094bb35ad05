namespace Blitz.Generators.Tests.Fixtures;

/// <summary>Static targets: the generator runs on this project, so the wrappers below are real.</summary>
public static partial class StaticWork
{
    [Blocking]
    public static int Add(int a, int b) => a + b;

    [Blocking]
    public static int Fail(string message) => throw new InvalidOperationException(message);

    [CpuBound]
    public static string Describe(int count = 7, string label = "items", Mode mode = Mode.Loud) => $"{count} {label} {mode}";

    [CpuBound]
    public static int Sum(int seed = 0, params int[] values) => seed + values.Sum();

    [Blocking]
    public static T Echo<T>(T value)
        where T : notnull
        => value;

    [Blocking]
    public static int WaitForCancellation(ManualResetEventSlim started, CancellationToken token, int unused = 0)
    {
        started.Set();
        token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
        token.ThrowIfCancellationRequested();
        return unused;
    }

    [Blocking(MethodName = "ThreadOnBlockingPoolAsync")]
    public static (bool IsThreadPoolThread, string? Name) CurrentThread()
        => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name);

    [CpuBound]
    public static void Record(List<int> list, int value)
    {
        lock (list)
        {
            list.Add(value);
        }
    }

    [Blocking]
    public static string? Find(string? key, string fallback = "none") => key ?? fallback;
}

/// <summary>A default value that is an enum member.</summary>
public enum Mode
{
    Quiet = -1,
    Loud = 2,
}
