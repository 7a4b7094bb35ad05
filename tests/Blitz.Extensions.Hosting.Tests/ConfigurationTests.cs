using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>Options read from a configuration section: every key, and clear errors for bad ones.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Every_option_is_read_from_the_section()
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
    public void The_words_for_no_limit_and_off_are_read()
    {
        var options = new BlitzOptions { StallThreshold = TimeSpan.FromSeconds(1) };
        Bind(options, new() { ["Blitz:BlockingKeepAlive"] = "infinite", ["Blitz:StallThreshold"] = "OFF", ["Blitz:BlockingQueueCapacity"] = " 12 " });
        Assert.Equal(Timeout.InfiniteTimeSpan, options.BlockingKeepAlive);
        Assert.Null(options.StallThreshold);
        Assert.Equal(12, options.BlockingQueueCapacity);
    }

    [Fact]
    public void An_empty_section_keeps_the_defaults()
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
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains($"'{value}' at 'Blitz:{key}' is not valid", Assert.Single(error.Failures));
    }

    [Fact]
    public void An_unknown_key_is_an_error_that_lists_the_options()
    {
        string failure = Assert.Single(Validate(new() { ["Blitz:MaxBlockingThread"] = "4" }));
        Assert.Contains("'Blitz:MaxBlockingThread' is not a Blitz option", failure);
        Assert.Contains(nameof(BlitzOptions.MaxBlockingThreads), failure);
    }

    [Fact]
    public void A_section_where_a_value_belongs_is_an_error()
    {
        string failure = Assert.Single(Validate(new() { ["Blitz:StallThreshold:Seconds"] = "4" }));
        Assert.Contains("'Blitz:StallThreshold' must be a value", failure);
    }

    [Fact]
    public async Task Every_bad_key_is_reported_at_start_and_the_good_ones_do_not_hide_them()
    {
        using IHost host = BuildHost(new()
        {
            ["Blitz:MaxBlockingThreads"] = "many",
            ["Blitz:CpuThreads"] = "2",
            ["Blitz:StallThreshold"] = "soon",
            ["Blitz:Colour"] = "blue",
        });

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("'many' at 'Blitz:MaxBlockingThreads' is not valid", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'soon' at 'Blitz:StallThreshold' is not valid", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'Blitz:Colour' is not a Blitz option", StringComparison.Ordinal));
    }

    [Fact]
    public void The_name_and_the_dedicated_stop_timeout_are_read_with_the_word_for_no_limit()
    {
        var options = new BlitzOptions();
        Bind(options, new() { ["Blitz:Name"] = "orders", ["Blitz:DedicatedStopTimeout"] = "infinite" });
        Assert.Equal("orders", options.Name);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.DedicatedStopTimeout);
        Bind(options, new() { ["Blitz:DedicatedStopTimeout"] = "00:00:01" });
        Assert.Equal(TimeSpan.FromSeconds(1), options.DedicatedStopTimeout);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
        => TestHosts.Build(new RecordingLoggerProvider(), b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddBlitz(b.Configuration.GetSection("Blitz"));
        });

    private static BlitzConfiguration Section(Dictionary<string, string?> settings)
        => new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Blitz"));

    private static void Bind(BlitzOptions options, Dictionary<string, string?> settings)
    {
        BlitzConfiguration section = Section(settings);
        Assert.True(section.Validate(Options.DefaultName, options).Succeeded);
        section.Apply(options);
    }

    private static IEnumerable<string> Validate(Dictionary<string, string?> settings)
    {
        ValidateOptionsResult result = Section(settings).Validate(Options.DefaultName, new BlitzOptions());
        Assert.True(result.Failed);
        return result.Failures!;
    }
}
