using System.Collections.Concurrent;
using Xunit;

namespace Blitz.TestSupport;

/// <summary>
/// The skeleton every fuzz test shares: one seed (the committed one, or <c>BLITZ_FUZZ_SEED</c> to replay or explore
/// another), cases drawn from it in order so that the seed reproduces them, failures that name their case, the seed
/// and the source, a summary in the test output, and one assertion at the end that shows the first failure.
/// </summary>
public sealed class SeededFuzz
{
    /// <summary>The environment variable that replaces the committed seed.</summary>
    public const string SeedVariable = "BLITZ_FUZZ_SEED";

    private readonly ConcurrentQueue<string> failures = new();

    /// <summary>A fuzz run seeded with <c>BLITZ_FUZZ_SEED</c> if set, else with <paramref name="committedSeed"/> (CI stays deterministic).</summary>
    public SeededFuzz(int committedSeed)
    {
        Seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out int seed) ? seed : committedSeed;
        Random = new Random(Seed);
    }

    /// <summary>The seed of this run.</summary>
    public int Seed { get; }

    /// <summary>The random source seeded with <see cref="Seed"/>; draw every case from it before checking any in parallel.</summary>
    public Random Random { get; }

    /// <summary>How many cases failed so far.</summary>
    public int FailureCount => failures.Count;

    /// <summary>Records that case <paramref name="caseName"/> failed (thread-safe).</summary>
    public void Fail(string caseName, string what, string source)
        => failures.Enqueue($"{caseName} (seed {Seed}): {what}\n--- source\n{source}");

    /// <summary>
    /// Runs <paramref name="check"/> on every case in parallel; an exception is a failure of that case (a cancellation
    /// is not swallowed).
    /// </summary>
    public Task CheckEachAsync<TCase>(IEnumerable<TCase> cases, Func<TCase, string> name, Func<TCase, string> source, Func<TCase, CancellationToken, ValueTask> check)
        => Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (item, ct) =>
        {
            try
            {
                await check(item, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Fail(name(item), exception.Message, source(item));
            }
        });

    /// <summary>Writes <paramref name="summary"/> and the failure count, then fails with the first failure if any case failed.</summary>
    public void Report(Action<string> writeLine, string summary)
    {
        writeLine($"{summary} (seed {Seed}; {failures.Count} failed)");
        Assert.True(failures.IsEmpty, $"{failures.Count} fuzz cases failed (replay with {SeedVariable}={Seed}); first:\n{failures.FirstOrDefault()}");
    }
}
