using Blitz.Analyzers.Buckets;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ110SyncParallelTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzSuggestionsAnalyzer.Hosting(new BLZ110SyncParallelAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    [Fact]
    public Task Reports_sync_parallelism_in_async_context() => VerifyAsync(Sources.Usings + """
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
    public Task Ignores_async_parallelism_offloaded_and_sync_code() => VerifyAsync(Sources.Usings + """
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
    public Task Reports_an_operator_that_runs_a_parallel_query_made_elsewhere() => VerifyAsync(Sources.Usings + """
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

    [Fact]
    public Task Reports_a_helper_that_runs_parallel_work_one_call_away_and_sync_request_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class Feed
        {
            async Task<List<int>> LoadAsync(int[] raw)
            {
                await Task.Yield();
                var posts = {|BLZ110:Build(raw)|};
                var total = {|BLZ110:Scale(raw)|};
                var deferred = Defer(raw);                 // hands back a query it never ran
                var plain = Sum(raw);                      // no parallel work
                await Task.Run(() => Build(raw));          // already off the caller (a pool delegate)
                return posts;
            }

            private List<int> Build(int[] raw) => raw.AsParallel().Select(x => x * 2).ToList();
            private int Scale(int[] raw) { Parallel.For(0, raw.Length, i => raw[i] *= 3); return raw.Length; }
            private ParallelQuery<int> Defer(int[] raw) => raw.AsParallel().Where(x => x > 0);
            private int Sum(int[] raw) => raw.Sum();
            private void Nested(int[] raw) { Action later = () => Parallel.For(0, 3, _ => { }); }
            void Sync(int[] raw) => Build(raw);                 // sync code: not reported
        }

        class ForecastController : Microsoft.AspNetCore.Mvc.Controller
        {
            public int[] Forecast()
            {
                var days = new int[1_000_000];
                {|BLZ110:Parallel.For|}(0, days.Length, i => days[i] = i % 40);
                return days;
            }
        }
        """);
}
