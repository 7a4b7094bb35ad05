using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>Options read from a configuration section: every key, and clear errors for bad ones.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task EveryOptionIsReadFromTheSection()
    {
        string prefix = TestSupport.UniquePrefix();
        using IHost host = BuildHost(new()
        {
            ["Blitz:MaxBlockingThreads"] = "7",
            ["Blitz:BlockingKeepAlive"] = "00:00:03",
            ["Blitz:BlockingQueueCapacity"] = "Unbounded",
            ["Blitz:CpuThreads"] = "3",
            ["Blitz:ThreadNamePrefix"] = prefix,
            ["Blitz:StallThreshold"] = "00:00:02",
            ["Blitz:StallProbeInterval"] = "00:00:00.250",
            ["Blitz:shutdownmode"] = "cancelqueued",
        });
        await host.StartAsync();

        BlitzOptions options = host.Services.GetRequiredService<IOptions<BlitzOptions>>().Value;
        Assert.Equal(7, options.MaxBlockingThreads);
        Assert.Equal(TimeSpan.FromSeconds(3), options.BlockingKeepAlive);
        Assert.Null(options.BlockingQueueCapacity);
        Assert.Equal(3, options.CpuThreads);
        Assert.Equal(prefix, options.ThreadNamePrefix);
        Assert.Equal(TimeSpan.FromSeconds(2), options.StallThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.StallProbeInterval);
        Assert.Equal(ShutdownMode.CancelQueued, options.ShutdownMode);

        (string? thread, _) = await BlitzRuntime.Default.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default);
        Assert.StartsWith(prefix + "-blocking-", thread);
        await host.StopAsync();
    }

    [Fact]
    public void TheWordsForNoLimitAndOffAreRead()
    {
        var options = new BlitzOptions { StallThreshold = TimeSpan.FromSeconds(1) };
        Bind(options, new() { ["Blitz:BlockingKeepAlive"] = "infinite", ["Blitz:StallThreshold"] = "OFF", ["Blitz:BlockingQueueCapacity"] = " 12 " });
        Assert.Equal(Timeout.InfiniteTimeSpan, options.BlockingKeepAlive);
        Assert.Null(options.StallThreshold);
        Assert.Equal(12, options.BlockingQueueCapacity);
    }

    [Fact]
    public void AnEmptySectionKeepsTheDefaults()
    {
        var options = new BlitzOptions();
        Bind(options, []);
        Assert.Equal(new BlitzOptions().MaxBlockingThreads, options.MaxBlockingThreads);
        Assert.Equal(new BlitzOptions().ThreadNamePrefix, options.ThreadNamePrefix);
    }

    [Theory]
    [InlineData("MaxBlockingThreads", "0")]
    [InlineData("MaxBlockingThreads", "many")]
    [InlineData("MaxBlockingThreads", "1.5")]
    [InlineData("BlockingKeepAlive", "10")]
    [InlineData("BlockingKeepAlive", "-00:00:02")]
    [InlineData("BlockingQueueCapacity", "-5")]
    [InlineData("CpuThreads", "")]
    [InlineData("ThreadNamePrefix", " ")]
    [InlineData("StallThreshold", "00:00:00")]
    [InlineData("StallProbeInterval", "soon")]
    [InlineData("ShutdownMode", "Abort")]
    [InlineData("ShutdownMode", "1")]
    public async Task ABadValueStopsTheHostFromStartingAndTheErrorNamesItsPathAndValue(string key, string value)
    {
        using IHost host = BuildHost(new() { ["Blitz:" + key] = value });
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains($"'{value}' at 'Blitz:{key}' is not valid", error.Message);
    }

    [Fact]
    public void AnUnknownKeyIsAnErrorThatListsTheOptions()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Bind(new BlitzOptions(), new() { ["Blitz:MaxBlockingThread"] = "4" }));
        Assert.Contains("'Blitz:MaxBlockingThread' is not a Blitz option", error.Message);
        Assert.Contains(nameof(BlitzOptions.MaxBlockingThreads), error.Message);
    }

    [Fact]
    public void ASectionWhereAValueBelongsIsAnError()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Bind(new BlitzOptions(), new() { ["Blitz:StallThreshold:Seconds"] = "4" }));
        Assert.Contains("'Blitz:StallThreshold' must be a value", error.Message);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
        => TestHosts.Build(new RecordingLoggerProvider(), b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddBlitz(b.Configuration.GetSection("Blitz"));
        });

    private static void Bind(BlitzOptions options, Dictionary<string, string?> settings)
        => BlitzConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Blitz"), options);
}
