using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>Builds real generic hosts for the tests.</summary>
internal static class TestHosts
{
    /// <summary>
    /// A host without the default configuration sources and logging providers (so the machine's environment cannot
    /// change a test), logging to <paramref name="logs"/>.
    /// </summary>
    public static IHost Build(RecordingLoggerProvider logs, Action<HostApplicationBuilder> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        configure(builder);
        return builder.Build();
    }

    /// <summary>A host whose runtime has one blocking thread, so that work queues behind a blocked item.</summary>
    public static IHost BuildWithOneBlockingThread(RecordingLoggerProvider logs, TimeSpan shutdownTimeout)
        => Build(logs, b =>
        {
            b.Services.AddBlitz(o => { o.ThreadNamePrefix = TestSupport.UniquePrefix(); o.MaxBlockingThreads = 1; });
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        });
}
