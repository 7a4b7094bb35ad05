// A batch processor: sensor readings arrive as an async stream, are parsed (cheap, inline), grouped into batches of
// 250 (or whatever arrived within 20 ms), and each batch is stored with a sync-only bulk insert on the blocking pool.
// The last, partial batch is flushed when the stream ends.
using System.Diagnostics;
using System.Globalization;
using Blitz;

const int Readings = 10_000;
const int BatchSize = 250;

await using var runtime = new BlitzRuntime(new BlitzOptions { ThreadNamePrefix = "batch" });
var store = new FakeStore();
var clock = Stopwatch.StartNew();

await using Pipeline<int> pipeline = Pipeline.Create(runtime, ReadingsAsync(Readings), name: "batch")
    .ThenAsync("parse", static (line, _) => ValueTask.FromResult(Reading.Parse(line)))
    .Batch("group", BatchSize, TimeSpan.FromMilliseconds(20))
    .ThenBlocking("insert", store.BulkInsert, new StageOptions { DegreeOfParallelism = 2 })
    .Build();

var sizes = new List<int>();
await foreach (int inserted in pipeline.Output.ReadAllAsync())
{
    sizes.Add(inserted);
}

await pipeline.Completion;
PipelineMetrics metrics = pipeline.GetMetrics();
Console.WriteLine($"batch processor: {metrics.SourceItems:N0} readings -> {sizes.Count} batches in {clock.ElapsedMilliseconds} ms");
Console.WriteLine($"  full batches: {sizes.Count(static s => s == BatchSize)}, partial batches: {sizes.Count(static s => s < BatchSize)} (sizes {string.Join(", ", sizes.Where(static s => s < BatchSize))})");
Console.WriteLine($"  stored {store.Rows:N0} rows, mean temperature {store.Mean:F2} C, {store.Inserts} bulk inserts");
foreach (StageMetrics stage in metrics.Stages)
{
    Console.WriteLine($"  stage {stage.Name,-6} ({stage.Kind,-8}) in {stage.ItemsIn,6:N0}, out {stage.ItemsOut,6:N0}, busy {stage.BusyTime.TotalMilliseconds,5:F0} ms");
}

static async IAsyncEnumerable<string> ReadingsAsync(int count)
{
    var random = new Random(7);
    for (int i = 0; i < count; i++)
    {
        // The stream pauses now and then, as a network feed does: the window flushes the partial batch.
        if (i % 2_600 == 2_599)
        {
            await Task.Delay(60);
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"sensor-{i % 16};{15 + (random.NextDouble() * 10):F2}");
    }
}

internal readonly record struct Reading(string Sensor, double Celsius)
{
    public static Reading Parse(string line)
    {
        int separator = line.IndexOf(';');
        return new Reading(line[..separator], double.Parse(line.AsSpan(separator + 1), CultureInfo.InvariantCulture));
    }
}

/// <summary>Stands in for a sync-only database driver: a bulk insert blocks its thread.</summary>
internal sealed class FakeStore
{
    private readonly Lock _lock = new();
    private double _sum;

    public int Rows { get; private set; }

    public int Inserts { get; private set; }

    public double Mean => _sum / Rows;

    public int BulkInsert(Reading[] batch, CancellationToken cancellationToken)
    {
        Thread.Sleep(2); // the round trip
        lock (_lock)
        {
            Rows += batch.Length;
            Inserts++;
            foreach (Reading reading in batch)
            {
                _sum += reading.Celsius;
            }
        }

        return batch.Length;
    }
}
