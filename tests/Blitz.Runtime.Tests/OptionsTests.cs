using System.Runtime.CompilerServices;

namespace Blitz.Runtime.Tests;

public class OptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Non_positive_thread_counts_and_capacity_are_rejected_by_name(int value)
    {
        Assert.Equal(nameof(BlitzOptions.MaxBlockingThreads), Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { MaxBlockingThreads = value }).ParamName);
        Assert.Equal(nameof(BlitzOptions.CpuThreads), Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { CpuThreads = value }).ParamName);
        Assert.Equal(nameof(BlitzOptions.BlockingQueueCapacity), Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { BlockingQueueCapacity = value }).ParamName);
    }

    [Fact]
    public void Negative_keep_alive_is_rejected_but_infinite_is_allowed()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { BlockingKeepAlive = TimeSpan.FromSeconds(-2) });
        Assert.Equal(nameof(BlitzOptions.BlockingKeepAlive), ex.ParamName);
        Assert.Equal(Timeout.InfiniteTimeSpan, new BlitzOptions { BlockingKeepAlive = Timeout.InfiniteTimeSpan }.BlockingKeepAlive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_prefix_is_rejected_by_name(string prefix)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BlitzOptions { ThreadNamePrefix = prefix });
        Assert.Equal(nameof(BlitzOptions.ThreadNamePrefix), ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => new BlitzOptions { ThreadNamePrefix = null! });
    }

    [Fact]
    public void Non_positive_stall_threshold_and_unknown_shutdown_mode_are_rejected()
    {
        Assert.Equal(nameof(BlitzOptions.StallThreshold), Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { StallThreshold = TimeSpan.Zero }).ParamName);
        Assert.Equal(nameof(BlitzOptions.ShutdownMode), Assert.Throws<ArgumentOutOfRangeException>(() => new BlitzOptions { ShutdownMode = (ShutdownMode)42 }).ParamName);
    }

    [Fact]
    public void Defaults_match_the_documentation()
    {
        var options = new BlitzOptions();
        Assert.Equal(512, options.MaxBlockingThreads);
        Assert.Equal(TimeSpan.FromSeconds(10), options.BlockingKeepAlive);
        Assert.Equal(BlitzOptions.DefaultBlockingQueueCapacity, options.BlockingQueueCapacity);
        Assert.Equal(Environment.ProcessorCount, options.CpuThreads);
        Assert.Equal("blitz", options.ThreadNamePrefix);
        Assert.Null(options.StallThreshold);
        Assert.Equal(ShutdownMode.Drain, options.ShutdownMode);
    }

    [Fact]
    public async Task The_runtime_copies_its_options()
    {
        var options = new BlitzOptions { MaxBlockingThreads = 1, ThreadNamePrefix = TestSupport.UniquePrefix() };
        await using var runtime = new BlitzRuntime(options);
        options.MaxBlockingThreads = 100;

        using var gate = new ManualResetEventSlim();
        var runs = new StrongBox<int>();
        var first = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        var second = runtime.SpawnBlocking<GateWork, int>(new GateWork(gate, runs));
        TestSupport.Eventually(() => runs.Value == 1, "the first item runs");
        Assert.Equal(1, runtime.GetMetrics().Blocking.Threads);
        gate.Set();
        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
    }
}
