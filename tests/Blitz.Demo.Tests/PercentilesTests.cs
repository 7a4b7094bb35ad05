namespace Blitz.Demo.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void No_values_give_zero() => Assert.Equal(0, Percentiles.NearestRank([], 0.99));

    [Fact]
    public void One_value_is_every_percentile()
    {
        Assert.Equal(7, Percentiles.NearestRank([7.0], 0.50));
        Assert.Equal(7, Percentiles.NearestRank([7.0], 0.99));
    }

    [Fact]
    public void Nearest_rank_picks_an_observed_value()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        Assert.Equal(50, Percentiles.NearestRank(sorted, 0.50));
        Assert.Equal(99, Percentiles.NearestRank(sorted, 0.99));
        Assert.Equal(100, Percentiles.NearestRank(sorted, 1.0));
    }

    [Fact]
    public void Fewer_than_a_hundred_values_make_p99_the_maximum()
    {
        double[] sorted = [1, 2, 3, 4, 1000];

        Assert.Equal(1000, Percentiles.NearestRank(sorted, 0.99));
        Assert.Equal(3, Percentiles.NearestRank(sorted, 0.50));
    }

    [Fact]
    public void Durations_sort_and_summarize_the_values()
    {
        var latencies = Durations.From([.. Enumerable.Range(1, 200).Select(i => i / 2.0).Reverse()], unfinished: 3);

        Assert.Equal(new Durations(Samples: 200, Unfinished: 3, P50Ms: 50, P99Ms: 99, MaxMs: 100), latencies);
    }
}
