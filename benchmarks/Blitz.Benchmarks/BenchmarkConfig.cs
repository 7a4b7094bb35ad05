using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using Perfolizer.Horology;

namespace Blitz.Benchmarks;

/// <summary>
/// A shorter job than BenchmarkDotNet's default, so every benchmark together finishes in a few minutes on a
/// 2-core machine: one launch, 3 warm-up and 10 measured iterations of about a quarter second each.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)));

        // Baselines first, in declaration order: the Ratio column reads as "times the cost of Task.Run".
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
