using BenchmarkDotNet.Attributes;

namespace Blitz.Benchmarks;

/// <summary>
/// Gives each benchmark class a runtime of its own. Its threads start on demand, during BenchmarkDotNet's warm-up
/// iterations, so measured iterations see a pool already running.
/// </summary>
public abstract class RuntimeBenchmark
{
    protected BlitzRuntime Runtime { get; private set; } = null!;

    [GlobalSetup]
    public void StartRuntime() => Runtime = new BlitzRuntime();

    [GlobalCleanup]
    public void StopRuntime() => Runtime.Dispose();
}
