using Blitz.Analyzers.Buckets;
using Blitz.TestSupport;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ110SyncParallelTests
{
    private static readonly AnalyzerHarness Harness = new(TestReferences.All, BlitzSuggestionsAnalyzer.Hosting(new BLZ110SyncParallelAnalyzer()));

    [Fact]
    public Task Reports_sync_parallelism_in_async_context() => Harness.VerifyAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(int[] items)
            {
                {|BLZ110:Parallel.For|}(0, items.Length, i => items[i] *= 2);
                {|BLZ110:Parallel.ForEach|}(items, x => { });
                {|BLZ110:Parallel.Invoke|}(() => { }, () => { });
                var sum = {|BLZ110:items.AsParallel()|}.Select(x => x * x).Sum();
                await Task.Yield();
                return sum;
            }
        }
        """);

    [Fact]
    public Task Ignores_async_parallelism_offloaded_and_sync_code() => Harness.VerifyAsync(Sources.Usings + """
        class C
        {
            async Task A(int[] items, CancellationToken token)
            {
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (x, ct) => await Task.Yield());
                await Task.Run(() => Parallel.For(0, items.Length, i => items[i]++));
                await BlitzRuntime.Default.SpawnCpu(items, (a, ct) => a.AsParallel().Sum());
                Action work = () => Parallel.Invoke(() => { });
            }
            int Sync(int[] items) => items.AsParallel().Sum();
        }
        """);
}
