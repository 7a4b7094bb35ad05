using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>The host's metrics system creates the runtime's meter.</summary>
public sealed class HostMetricsTests
{
    [Fact]
    public async Task The_runtime_meter_is_created_by_the_hosts_meter_factory_with_the_runtime_name()
    {
        string name = "orders-" + TestSupport.UniquePrefix();
        using IHost host = TestHosts.Build(new RecordingLoggerProvider(), b => b.Services.AddBlitz(o => { o.ThreadNamePrefix = TestSupport.UniquePrefix(); o.Name = name; }));
        IMeterFactory factory = host.Services.GetRequiredService<IMeterFactory>();
        var meters = new List<Meter>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == BlitzMetrics.MeterName && instrument.Meter.Tags?.Contains(new(BlitzMetrics.RuntimeTag, name)) == true)
                {
                    lock (meters)
                    {
                        meters.Add(instrument.Meter);
                    }
                }
            },
        };
        listener.Start();

        await host.StartAsync();
        Assert.Same(factory, host.Services.GetRequiredService<IOptions<BlitzOptions>>().Value.MeterFactory);
        lock (meters)
        {
            Meter meter = Assert.Single(meters.Distinct());
            Assert.Same(factory, meter.Scope);
        }

        await host.StopAsync();
    }

    [Fact]
    public void A_meter_factory_set_in_the_options_is_kept()
    {
        using var own = new NoMeterFactory();
        using IHost host = TestHosts.Build(new RecordingLoggerProvider(), b => b.Services.AddBlitz(o => o.MeterFactory = own));
        Assert.Same(own, host.Services.GetRequiredService<IOptions<BlitzOptions>>().Value.MeterFactory);
    }

    private sealed class NoMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
