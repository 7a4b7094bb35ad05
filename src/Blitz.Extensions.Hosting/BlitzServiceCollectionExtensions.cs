using Blitz;
using Blitz.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Blitz runtime in a .NET generic host.</summary>
public static class BlitzServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="BlitzRuntime"/> for the host: a singleton built from the <see cref="BlitzOptions"/>
    /// options, made <see cref="BlitzRuntime.Default"/> when the host starts (so generated <c>[Blocking]</c> and
    /// <c>[CpuBound]</c> wrappers use it), whose <see cref="BlitzRuntime.StallDetected"/> events are logged as
    /// warnings, and which is drained and disposed when the host stops.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Calling it again adds nothing but <paramref name="configure"/>: the host keeps one runtime, and every
    /// configuration (this one, <see cref="AddBlitz(IServiceCollection, IConfiguration)"/>, and
    /// <c>services.Configure&lt;BlitzOptions&gt;</c>) is applied in the order it was registered. A
    /// <see cref="BlitzRuntime"/> registered before is kept (options then do not apply to it) and managed the same way.
    /// </para>
    /// <para>
    /// The options are validated when the host starts (<c>ValidateOnStart</c>) and the runtime is created then (its
    /// threads start on demand), so invalid options make <c>StartAsync</c> throw. When the services have an
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (the .NET hosts register one) and no configuration set
    /// <see cref="BlitzOptions.MeterFactory"/>, the runtime's meter is created by it.
    /// <see cref="BlitzRuntime.Default"/> is set before any hosted service starts and the runtime is disposed after
    /// every hosted service stopped. If <see cref="BlitzRuntime.Default"/> is another
    /// runtime still in use (created on first use before the host started, or set by another host in the same
    /// process), it is left alone and a warning is logged. After the host stopped, <see cref="BlitzRuntime.Default"/>
    /// still returns the disposed runtime: late work fails with <see cref="ObjectDisposedException"/>.
    /// </para>
    /// <para>
    /// Stopping waits for the runtime's drain (or cancellation, by <see cref="BlitzOptions.ShutdownMode"/>) until the
    /// host's shutdown timeout; when the timeout elapses first a warning is logged that names the dedicated threads
    /// still running, and disposing the host waits for the rest of the accepted work, since a runtime never abandons
    /// it. Dedicated loops are waited for at most <see cref="BlitzOptions.DedicatedStopTimeout"/>: a loop that ignores
    /// its stop token is then logged by name as a warning and left running on its background thread.
    /// </para>
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options of the runtime; <see langword="null"/> keeps the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddBlitz(this IServiceCollection services, Action<BlitzOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BlitzOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BlitzOptions>, BlitzMeterFactorySetup>());
        services.TryAddSingleton(static provider => new BlitzRuntime(provider.GetRequiredService<IOptions<BlitzOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BlitzRuntimeLifetime>());
        return services;
    }

    /// <summary>
    /// Registers the Blitz runtime as <see cref="AddBlitz(IServiceCollection, Action{BlitzOptions})"/> does, with
    /// options read from a configuration section (typically <c>configuration.GetSection("Blitz")</c>).
    /// </summary>
    /// <remarks>
    /// <para>The keys, all optional (case-insensitive, any other key is an error):</para>
    /// <list type="table">
    /// <listheader><term>key</term><description>value</description></listheader>
    /// <item><term><c>Name</c></term><description>a non-empty name, the runtime's <c>blitz.runtime</c> tag in metrics</description></item>
    /// <item><term><c>MaxBlockingThreads</c></term><description>a positive whole number</description></item>
    /// <item><term><c>BlockingKeepAlive</c></term><description>a time span such as <c>00:00:10</c>, or <c>Infinite</c></description></item>
    /// <item><term><c>BlockingQueueCapacity</c></term><description>a positive whole number, or <c>Unbounded</c></description></item>
    /// <item><term><c>CpuThreads</c></term><description>a positive whole number</description></item>
    /// <item><term><c>ThreadNamePrefix</c></term><description>a non-empty name</description></item>
    /// <item><term><c>StallThreshold</c></term><description>a time span, or <c>Off</c></description></item>
    /// <item><term><c>StallProbeInterval</c></term><description>a time span</description></item>
    /// <item><term><c>ShutdownMode</c></term><description><c>Drain</c> or <c>CancelQueued</c></description></item>
    /// <item><term><c>DedicatedStopTimeout</c></term><description>a time span, or <c>Infinite</c></description></item>
    /// </list>
    /// <para>
    /// A time span is written <c>[d.]hh:mm:ss[.fffffff]</c> (a bare number is refused: <c>TimeSpan</c> would read
    /// <c>10</c> as ten days). The section is read when the options are created at host start
    /// (<c>ValidateOnStart</c>); invalid keys make the host's <c>StartAsync</c> throw an
    /// <see cref="OptionsValidationException"/> with one failure per bad key, naming its path and value, before any
    /// hosted service starts.
    /// </para>
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section that holds the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddBlitz(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = new BlitzConfiguration(configuration);
        services.AddSingleton<IValidateOptions<BlitzOptions>>(section);
        return services.AddBlitz(section.Apply);
    }
}
