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

    // A ParallelQuery made elsewhere (a property, a field) runs where its executing operator is called.
    [Fact]
    public Task Reports_an_operator_that_runs_a_parallel_query_made_elsewhere() => Harness.VerifyAsync(Sources.Usings + """
        class Gallery
        {
            private readonly List<string> _devices = new();
            private ParallelQuery<string> Connected => _devices.Where(d => d.Length > 0).AsParallel();

            async Task PlayAsync()
            {
                await Task.Yield();
                {|BLZ110:Connected.ForAll(d => Console.WriteLine(d))|};
                var names = {|BLZ110:Connected.Select(d => d.ToUpperInvariant()).ToList()|};
                var lengths = Connected.Select(d => d.Length);                               // built, not run
                var once = {|BLZ110:_devices.AsParallel()|}.Select(d => d.Length).ToArray();  // reported at AsParallel, once
            }

            void Sync() => Connected.ForAll(d => Console.WriteLine(d));                    // not async
        }
        """);
}
