using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting;

/// <summary>
/// Gives the runtime the host's <see cref="IMeterFactory"/> (when the services have one and no configuration set
/// <see cref="BlitzOptions.MeterFactory"/>), so its meter is created, and disposed, by the host's metrics system.
/// </summary>
/// <param name="meterFactory">The host's meter factory; <see langword="null"/> when the services have none.</param>
internal sealed class BlitzMeterFactorySetup(IMeterFactory? meterFactory = null) : IPostConfigureOptions<BlitzOptions>
{
    public void PostConfigure(string? name, BlitzOptions options) => options.MeterFactory ??= meterFactory;
}
