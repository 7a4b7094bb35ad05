using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>What <c>AddBlitz</c> registers, and how repeated calls compose.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Adding_blitz_twice_keeps_one_runtime_and_applies_every_configuration_in_order()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBlitz(o => o.MaxBlockingThreads = 3).AddBlitz(o => o.MaxBlockingThreads *= 2);

        Assert.Single(services, static d => d.ServiceType == typeof(BlitzRuntime));
        Assert.Single(services, static d => d.ServiceType == typeof(IHostedService));
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Equal(6, provider.GetRequiredService<IOptions<BlitzOptions>>().Value.MaxBlockingThreads);
        Assert.Same(provider.GetRequiredService<BlitzRuntime>(), provider.GetRequiredService<BlitzRuntime>());
    }

    [Fact]
    public void Configuration_and_code_compose_in_registration_order()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Blitz:MaxBlockingThreads"] = "5", ["Blitz:CpuThreads"] = "2" })
            .Build();
        var services = new ServiceCollection();
        services.AddBlitz(configuration.GetSection("Blitz")).AddBlitz(o => o.CpuThreads = 1);

        using ServiceProvider provider = services.BuildServiceProvider();
        BlitzOptions options = provider.GetRequiredService<IOptions<BlitzOptions>>().Value;
        Assert.Equal(5, options.MaxBlockingThreads);
        Assert.Equal(1, options.CpuThreads);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddBlitz());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBlitz((IConfiguration)null!));
    }

    [Fact]
    public void The_container_disposes_a_runtime_whose_host_never_started()
    {
        var services = new ServiceCollection();
        services.AddBlitz();
        BlitzRuntime runtime;
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            runtime = provider.GetRequiredService<BlitzRuntime>();
        }

        Assert.Throws<ObjectDisposedException>(() => runtime.SpawnBlocking<ThreadInfoWork, (string?, bool)>(default));
    }
}
