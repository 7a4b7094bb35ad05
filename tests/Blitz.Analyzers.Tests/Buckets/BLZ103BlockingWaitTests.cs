using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Blitz.TestSupport;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ103BlockingWaitTests
{
    private static readonly AnalyzerHarness Harness = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new BLZ103BlockingWaitAnalyzer()));
    private static readonly CodeFixRunner Fix = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new BLZ103BlockingWaitAnalyzer()), new BLZ103BlockingWaitCodeFix());

    [Fact]
    public Task Reports_sync_over_async_and_blocking_waits() => Harness.VerifyAsync(Sources.Usings + """
        class C
        {
            async Task A(Task<int> t, Task u, ValueTask<int> v, SemaphoreSlim gate, ManualResetEventSlim ready, WaitHandle handle, Thread worker, CancellationToken ct)
            {
                var a = {|BLZ103:t.Result|};
                var b = {|BLZ103:t.GetAwaiter().GetResult()|};
                var c = {|BLZ103:t.ConfigureAwait(false).GetAwaiter().GetResult()|};
                var d = {|BLZ103:v.Result|};
                {|BLZ103:u.Wait()|};
                {|BLZ103:u.Wait(ct)|};
                var ok = {|BLZ103:u.Wait(1000)|};
                {|BLZ103:Task.WaitAll(t, u)|};
                var i = {|BLZ103:Task.WaitAny(t, u)|};
                {|BLZ103:gate.Wait()|};
                {|BLZ103:ready.Wait()|};
                {|BLZ103:handle.WaitOne()|};
                {|BLZ103:worker.Join()|};
                await Task.Yield();
            }
            async Task B(Task<int> first, Task<int> second)
            {
                await first;
                var x = {|BLZ103:second.Result|}; // only 'first' was awaited
            }
        }
        """);

    [Fact]
    public Task Ignores_provably_complete_tasks_zero_timeouts_sync_lambdas() => Harness.VerifyAsync(Sources.Usings + """
        class C
        {
            async Task<int> AfterWhenAll(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(a, b);
                return a.Result + b.GetAwaiter().GetResult();
            }
            async Task<int> AfterWhenAllOfArray(Task<int>[] tasks)
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
                var sum = tasks[0].Result;
                foreach (var t in tasks) { sum += t.Result; }
                return sum + tasks.Sum(t => t.Result);
            }
            async Task<int> AfterWhenAllOfList(List<Task<int>> tasks)
            {
                await Task.WhenAll(tasks);
                return tasks[0].Result;
            }
            async Task<int> AfterAwait(Task<int> t)
            {
                await t;
                return t.Result;
            }
            async ValueTask<int> Guarded(ValueTask<int> v, Task<int> t)
            {
                var x = v.IsCompletedSuccessfully ? v.Result : await v;
                if (t.IsCompleted) { x += t.Result; }
                if (t.IsCompletedSuccessfully && x > 0) { x += t.Result; }
                return x;
            }
            async Task<int> EarlyExit(Task<int> t)
            {
                if (!t.IsCompleted) { return await t; }
                return t.Result;
            }
            async Task ZeroTimeouts(SemaphoreSlim gate, WaitHandle handle, Task u)
            {
                if (gate.Wait(0)) { gate.Release(); }
                if (handle.WaitOne(TimeSpan.Zero)) { }
                if (u.Wait(0)) { }
                await Task.Yield();
            }
            async Task Lambdas(Task<int> t, List<Task<int>> list)
            {
                Func<int> f = () => t.Result;               // a sync lambda is not async context
                await Task.Run(() => t.Wait());
                var results = list.Select(x => x.Result);
                await Task.Yield();
            }
            int NotAsync(Task<int> t) => t.Result;
        }
        """);

    [Fact]
    public Task Fix_awaits_where_mechanical() => Fix.VerifyFixAsync(Sources.Usings + """
        class C
        {
            // Each task is distinct: once a task is awaited, later reads of it are complete and not reported.
            async Task<int> A(Task<int> t1, Task<int> t2, Task<int> t3, Task<int> t4, Task<int> t5, Task<int> t6, Task u1, Task u2, Task u3, SemaphoreSlim gate, CancellationToken ct)
            {
                var a = t1.Result;
                var b = t2.GetAwaiter().GetResult() + t3.ConfigureAwait(false).GetAwaiter().GetResult();
                u1.Wait();
                u2.Wait(ct);
                Task.WaitAll(t4, u3);
                gate.Wait(ct);
                var ok = gate.Wait(100);
                var len = t5.Result.ToString().Length;
                return a + b + len;
            }
        }
        """, Sources.Usings + """
        class C
        {
            // Each task is distinct: once a task is awaited, later reads of it are complete and not reported.
            async Task<int> A(Task<int> t1, Task<int> t2, Task<int> t3, Task<int> t4, Task<int> t5, Task<int> t6, Task u1, Task u2, Task u3, SemaphoreSlim gate, CancellationToken ct)
            {
                var a = await t1;
                var b = await t2 + await t3.ConfigureAwait(false);
                await u1;
                await u2.WaitAsync(ct);
                await Task.WhenAll(t4, u3);
                await gate.WaitAsync(ct);
                var ok = await gate.WaitAsync(100);
                var len = (await t5).ToString().Length;
                return a + b + len;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_rewrite_would_change_meaning() => Fix.VerifyNoFixAsync(Sources.Usings + """
        class C
        {
            async Task A(Task u, Task<int> t, ManualResetEventSlim ready)
            {
                var ok = u.Wait(1000);
                var i = Task.WaitAny(t, u);
                ready.Wait();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Fix.VerifyFixAllAsync(Sources.Usings + """
        class C { async Task<int> A(Task<int> t, Task<int> u) { await Task.Yield(); return t.Result + u.Result; } }
        """, Sources.Usings + """
        class C { async Task<int> A(Task<int> t, Task<int> u) { await Task.Yield(); return await t + await u; } }
        """);
}
