// A producer-consumer job queue on a Blitz pipeline: 3 producers, 4 consumers, three job types with different
// costs (bucket 1 async I/O, bucket 3 blocking, bucket 5 CPU), urgent jobs on the high-priority lane, a
// close-and-drain shutdown, per-consumer stats and dead letters.
using System.Diagnostics;
using System.Security.Cryptography;
using Blitz;

const int Producers = 3;
const int JobsPerProducer = 200;
const int Consumers = 4;

await using var runtime = new BlitzRuntime(new BlitzOptions { ThreadNamePrefix = "jobs" });
var input = new PriorityInput<Job>(capacityPerLane: 32);
var clock = Stopwatch.StartNew();

await using Pipeline<JobResult> queue = Pipeline.Create(runtime, input, name: "job-queue")
    .ThenAsync("consume", (job, ct) => RunJobAsync(runtime, job, ct), new StageOptions
    {
        DegreeOfParallelism = Consumers,
        Ordered = false,
        ErrorPolicy = StageErrorPolicy.DeadLetter,
        MaxRetries = 1,
    })
    .Build();

// Producers: each writes its jobs; every tenth job is urgent and takes the high-priority lane.
Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
{
    for (int i = 0; i < JobsPerProducer; i++)
    {
        var job = new Job(p * JobsPerProducer + i, (JobKind)(i % 3), Urgent: i % 10 == 0);
        await input.WriteAsync(job, job.Urgent ? WorkPriority.High : WorkPriority.Normal);
    }
})).ToArray();

// Close and drain: once every producer is done, close the input; the pipeline finishes every queued job.
Task closing = CloseWhenProducersEndAsync(producers, input);

var perKind = new Dictionary<JobKind, (int Count, TimeSpan Time)>();
int urgentDone = 0;
await foreach (JobResult result in queue.Output.ReadAllAsync())
{
    perKind[result.Kind] = perKind.TryGetValue(result.Kind, out var seen) ? (seen.Count + 1, seen.Time + result.Took) : (1, result.Took);
    urgentDone += result.Urgent ? 1 : 0;
}

var deadLetters = new List<DeadLetter>();
await foreach (DeadLetter letter in queue.DeadLetters.ReadAllAsync())
{
    deadLetters.Add(letter);
}

await closing;
await queue.Completion;
PipelineMetrics metrics = queue.GetMetrics();
StageMetrics consume = metrics.Stages[0];

Console.WriteLine($"job queue: {Producers} producers x {JobsPerProducer} jobs, {Consumers} consumers, drained in {clock.ElapsedMilliseconds} ms");
Console.WriteLine($"  read {metrics.SourceItems}, done {consume.ItemsOut} ({urgentDone} urgent), dead letters {consume.DeadLetters}, retries {consume.Retries}, dropped {metrics.Dropped}");
foreach ((JobKind kind, var stats) in perKind.OrderBy(static k => k.Key))
{
    Console.WriteLine($"  {kind,-8} {stats.Count,4} jobs, {stats.Time.TotalMilliseconds / stats.Count,6:F2} ms each on average");
}

foreach (WorkerMetrics worker in consume.Workers)
{
    Console.WriteLine($"  consumer {worker.Index}: {worker.ItemsIn,4} taken, {worker.ItemsOut,4} done, {worker.Failures} failed, busy {worker.BusyTime.TotalMilliseconds,6:F0} ms");
}

foreach (DeadLetter letter in deadLetters)
{
    Console.WriteLine($"  dead letter: {letter}");
}

// Closes the input even when a producer fails, so the consumers still drain and end; the failure then surfaces at
// 'await closing' rather than being dropped.
static async Task CloseWhenProducersEndAsync(Task[] producers, PriorityInput<Job> input)
{
    try
    {
        await Task.WhenAll(producers);
    }
    finally
    {
        input.Complete();
    }
}

static async ValueTask<JobResult> RunJobAsync(BlitzRuntime runtime, Job job, CancellationToken cancellationToken)
{
    // A poison job fails on every attempt: after its retry it goes to the dead letters.
    if (job.Id % 149 == 0)
    {
        throw new InvalidDataException($"job {job.Id} has a corrupt payload");
    }

    long started = Stopwatch.GetTimestamp();
    switch (job.Kind)
    {
        case JobKind.Email:
            // Bucket 1: async I/O stays on the consumer.
            await Task.Delay(2, cancellationToken);
            break;
        case JobKind.Report:
            // Bucket 3: a sync-only library call goes to the blocking pool.
            await runtime.SpawnBlocking(job.Id, static (_, _) => { Thread.Sleep(3); return 0; }, cancellationToken);
            break;
        case JobKind.Thumbnail:
            // Bucket 5: CPU work goes to the CPU pool.
            await runtime.SpawnCpu(job.Id, static (id, _) => SHA256.HashData(new byte[64 * 1024 + id])[0], cancellationToken);
            break;
    }

    return new JobResult(job.Id, job.Kind, job.Urgent, Stopwatch.GetElapsedTime(started));
}

internal enum JobKind
{
    Email,
    Report,
    Thumbnail,
}

internal readonly record struct Job(int Id, JobKind Kind, bool Urgent);

internal readonly record struct JobResult(int Id, JobKind Kind, bool Urgent, TimeSpan Took);
