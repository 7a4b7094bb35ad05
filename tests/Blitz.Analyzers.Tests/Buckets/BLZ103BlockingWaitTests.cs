using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ103BlockingWaitTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ103BlockingWaitAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) => BlitzCodeFixTest<BLZ103BlockingWaitCodeFix>.VerifyAsync(Analyzer, source, fixedSource);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    [Fact]
    public Task Reports_a_semaphore_taken_as_a_lock_in_async_code_where_WaitAsync_is_at_hand() => VerifyAsync(Sources.Usings + """
        class C
        {
            private readonly SemaphoreSlim _gate = new(1);
            private int _count;
            async Task A()
            {
                {|BLZ103:_gate.Wait()|};
                try { _count++; }
                finally { _gate.Release(); }
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Reports_sync_over_async_and_blocking_waits() => VerifyAsync(Sources.Usings + """
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
    public Task A_task_variable_written_only_with_finished_tasks_does_not_block() => VerifyAsync(Sources.Usings + """
        class CachedRead
        {
            private Task<int>? _lastRead;                       // every write below is a finished task
            private Task<int> _done = Task.FromResult(0);
            private Task<int>? _mixed = Task.FromResult(0);     // one write is not finished
            public Task<int>? Exposed = Task.FromResult(0);     // public: writes elsewhere are not visible
            private Task<int>? _byRef;

            public async Task<int> ReadAsync(int read, bool fail)
            {
                await Task.Yield();
                if (_lastRead?.Result == read) { return read; }
                _lastRead = fail ? Task.FromException<int>(new IOException()) : Task.FromResult(read);
                _done = Task.FromCanceled<int>(new CancellationToken(true));
                var local = Task.FromResult(read);
                if (read > 1) { local = Task.FromResult(read - 1); }
                return _done.Result + local.Result + {|BLZ103:_mixed.Result|} + {|BLZ103:Exposed.Result|} + {|BLZ103:_byRef!.Result|};
            }

            public async Task<int> RefreshAsync()
            {
                await Task.Yield();
                _mixed = Task.Run(() => 1);
                Interlocked.Exchange(ref _byRef, Task.FromResult(2));
                var local = Task.FromResult(1);
                local = Task.Run(() => 2);
                return {|BLZ103:local.Result|};
            }
        }
        """);

    [Fact]
    public Task A_completion_test_written_as_an_extension_method_guards_like_the_property() => VerifyAsync(Sources.Usings + """
        static class TaskCompat
        {
            // A library's polyfill of Task.IsCompletedSuccessfully for targets that lack it.
            public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
            public static bool LooksDone(this Task task) => task.Status == TaskStatus.RanToCompletion;
        }
        class Call
        {
            private readonly Task<int> _status = Task.Run(() => 0);
            public async Task<int> StatusOrDefaultAsync()
            {
                await Task.Yield();
                var known = TaskCompat.IsCompletedSuccessfully(_status) ? _status.Result : -1;
                return _status.IsCompletedSuccessfully() ? _status.Result + known : -1;
            }
            public async Task<int> GuessAsync()
            {
                await Task.Yield();
                return _status.LooksDone() ? {|BLZ103:_status.Result|} : -1; // not a completion property's name
            }
        }
        """);

    [Fact]
    public Task Ignores_provably_complete_tasks_zero_timeouts_sync_lambdas() => VerifyAsync(Sources.Usings + """
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
                var results = list.Select(x => x.Result);
                await Task.Yield();
            }
            int NotAsync(Task<int> t) => t.Result;
        }
        """);

    [Fact]
    public Task Reports_every_wait_of_the_family() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        using System.Diagnostics;
        using System.Threading.Tasks.Dataflow;
        class C
        {
            async Task A(Mutex mutex, Semaphore semaphore, AutoResetEvent signal, EventWaitHandle handle, WaitHandle[] handles,
                object gate, CountdownEvent countdown, Barrier barrier, Thread worker, Func<bool> ready, CancellationToken ct)
            {
                {|BLZ103:mutex.WaitOne()|};
                {|BLZ103:semaphore.WaitOne(500)|};
                {|BLZ103:signal.WaitOne(TimeSpan.FromSeconds(1))|};
                {|BLZ103:WaitHandle.SignalAndWait(signal, handle)|};
                {|BLZ103:WaitHandle.WaitAll(handles)|};
                var i = {|BLZ103:WaitHandle.WaitAny(handles, 100)|};
                lock (gate) { {|BLZ103:Monitor.Wait(gate)|}; }
                {|BLZ103:countdown.Wait(ct)|};
                {|BLZ103:barrier.SignalAndWait()|};
                {|BLZ103:SpinWait.SpinUntil(ready)|};
                var joined = {|BLZ103:worker.Join(1000)|};
                await Task.Yield();
            }
            async Task Collections(BlockingCollection<int> queue, BlockingCollection<int>[] queues, CancellationToken ct)
            {
                var a = {|BLZ103:queue.Take()|};
                var b = {|BLZ103:queue.Take(ct)|};
                var got = {|BLZ103:queue.TryTake(out var c, 100)|};
                var got2 = {|BLZ103:queue.TryTake(out var d, Timeout.Infinite, ct)|};
                var from = {|BLZ103:BlockingCollection<int>.TakeFromAny(queues, out var e)|};
                var tried = {|BLZ103:BlockingCollection<int>.TryTakeFromAny(queues, out var f, TimeSpan.FromSeconds(1))|};
                foreach (var item in queue.GetConsumingEnumerable(ct)) { }  // a lifetime loop: BLZ106 reports it, this rule leaves it
                {|BLZ103:queue.Add(0, ct)|};                       // 0 is the item, not a timeout
                var added = {|BLZ103:queue.TryAdd(1, 100)|};
                await Task.Yield();
            }
            async Task Others(Process process, FileSystemWatcher watcher, BufferBlock<int> buffer, ValueTask<int> pending, ValueTask done, CancellationToken ct)
            {
                var line = {|BLZ103:Console.ReadLine()|};
                var key = {|BLZ103:Console.ReadKey(true)|};
                var ch = {|BLZ103:Console.Read()|};
                if (!Console.KeyAvailable) { var next = {|BLZ103:Console.ReadKey()|}; }
                var idle = {|BLZ103:process.WaitForInputIdle()|};
                var change = {|BLZ103:watcher.WaitForChanged(WatcherChangeTypes.All, 1000)|};
                var x = {|BLZ103:DataflowBlock.Receive(buffer)|};
                var y = {|BLZ103:buffer.Receive(ct)|};
                var z = {|BLZ103:pending.ConfigureAwait(false).GetAwaiter().GetResult()|};
                {|BLZ103:done.ConfigureAwait(false).GetAwaiter().GetResult()|};
                foreach (var item in {|BLZ103:Items().ToBlockingEnumerable()|}) { }
                {|BLZ103:GC.WaitForPendingFinalizers()|};
                var approach = {|BLZ103:GC.WaitForFullGCApproach(1000)|};
                await Task.Yield();
            }
            static async IAsyncEnumerable<int> Items()
            {
                await Task.Yield();
                yield return 1;
            }
            async Task Paces(ManualResetEvent stop, ManualResetEventSlim stopSlim)
            {
                while (!{|BLZ103:stop.WaitOne(1000)|}) { await Task.Yield(); }
                do { await Task.Yield(); } while (!{|BLZ103:stopSlim.Wait(TimeSpan.FromSeconds(5))|});
            }
        }
        """);

    [Fact]
    public Task A_wait_that_paces_a_loop_is_named_so() => VerifyAsync(Sources.Usings + """
        class C { async Task A(ManualResetEvent stop) { while (!{|#0:stop.WaitOne(1000)|}) { await Task.Yield(); } } }
        """, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ103").WithLocation(0).WithMessage(
            "'WaitHandle.WaitOne' blocks a ThreadPool thread until the wait ends (sync over async; bucket 1: waiting is async); "
            + "it paces a loop: use 'await Task.Delay(interval, token)' and cancel the token to stop early"));

    [Fact]
    public Task Ignores_polls_locks_and_members_that_do_not_wait() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        using System.Diagnostics;
        class C
        {
            async Task A(BlockingCollection<int> queue, BlockingCollection<int>[] queues, ConcurrentBag<int> bag, object gate, Lock newLock,
                ReaderWriterLockSlim rw, ManualResetEvent stop, Barrier barrier, Func<bool> ready, Process process, CancellationToken ct)
            {
                if (queue.TryTake(out var a)) { }                        // no timeout: a poll
                if (queue.TryTake(out var b, 0)) { }
                if (queue.TryTake(out var c, TimeSpan.Zero)) { }
                BlockingCollection<int>.TryTakeFromAny(queues, out var d);
                queue.TryAdd(1);
                queue.Add(0);                                             // waits only on a full bounded collection
                bag.TryTake(out var e);
                lock (gate) { }
                Monitor.Enter(gate); Monitor.Exit(gate);
                if (Monitor.TryEnter(gate, 100)) { Monitor.Exit(gate); }
                lock (newLock) { }
                rw.EnterReadLock(); rw.ExitReadLock();
                if (rw.TryEnterWriteLock(100)) { rw.ExitWriteLock(); }
                Thread.SpinWait(20);
                var spinner = new SpinWait(); spinner.SpinOnce();
                SpinWait.SpinUntil(ready, 0);
                barrier.SignalAndWait(0);
                Monitor.Wait(gate, 0);
                Task.Yield().GetAwaiter().GetResult();                    // YieldAwaiter does not wait
                var handle = ct.WaitHandle;                               // a property, not a wait
                if (stop.WaitOne(0)) { }
                if (process.WaitForInputIdle(0)) { }
                var status = GC.WaitForFullGCComplete(0);
                if (Console.KeyAvailable) { var key = Console.ReadKey(true); }           // a key is waiting: no wait
                while (Console.KeyAvailable && !ct.IsCancellationRequested) { Console.ReadKey(); }
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Console_input_of_the_entry_point_is_its_own() => VerifyAsync(Sources.Usings + """
        class Program
        {
            static Task SaveAsync(string name) => Task.CompletedTask;
            static async Task Main(string[] args)
            {
                Console.Write("Who is writing? ");
                var name = Console.ReadLine();
                while (string.IsNullOrWhiteSpace(name)) { name = Console.ReadLine(); }
                await SaveAsync(name);
                Console.WriteLine("saved; Enter quits");
                Console.ReadKey();
                await Task.Run(async () => { await Task.Yield(); var line = {|BLZ103:Console.ReadLine()|}; });   // async code on the pool
            }
            async Task NotTheEntryPoint()
            {
                await Task.Yield();
                var line = {|BLZ103:Console.ReadLine()|};
            }
            static async Task Main(Task<int> pending)                 // a Main, but a wait for a task is still one
            {
                await Task.Yield();
                var n = {|BLZ103:pending.Result|};
            }
        }
        """);

    [Fact]
    public Task Reports_sync_over_async_in_pool_delegates_of_async_code() => VerifyAsync(Sources.Usings + """
        class C
        {
            static Task<int> LoadAsync() => Task.FromResult(1);
            async Task<int> A(Task<int> t, Task u)
            {
                var a = await Task.Run(() => {|BLZ103:t.Result|});
                var b = await Task.Run(() => {|BLZ103:LoadAsync().GetAwaiter().GetResult()|});
                await Task.Factory.StartNew(() => {|BLZ103:u.Wait()|});
                await Task.Run(() => { {|BLZ103:Task.WaitAll(t, u)|}; });
                ThreadPool.QueueUserWorkItem(_ => {|BLZ103:u.Wait()|});
                await Task.Run(async () => { await Task.Yield(); {|BLZ103:u.Wait()|}; });               // async code on the pool
                await Task.Run(async () => { await Task.Run(() => {|BLZ103:t.Result|}); });
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Ignores_pool_delegates_of_sync_code_own_threads_and_other_waits() => VerifyAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(Task<int> t, Task u, WaitHandle handle)
            {
                await Task.Factory.StartNew(() => u.Wait(), TaskCreationOptions.LongRunning);   // a thread of its own
                new Thread(() => u.Wait()).Start();
                new Thread(async () => { await Task.Yield(); }).Start();
                await Task.Run(() => handle.WaitOne());                                        // not sync over async: BLZ109's
                var n = await Task.Run(() => t.IsCompleted ? t.Result : 0);
                await BlitzRuntime.Default.SpawnBlocking(t, (x, ct) => x.Result);             // the blocking pool
                return n;
            }
            int Sync(Task<int> t) => Task.Run(() => t.Result).Result;
        }
        """);

    [Fact]
    public Task No_fix_in_a_pool_delegate() => VerifyNoFixAsync(Sources.Usings + """
        class C { async Task<int> A(Task<int> t) => await Task.Run(() => {|BLZ103:t.Result|}); }
        """);

    [Fact]
    public Task Ignores_every_completion_guard_shape() => VerifyAsync(Sources.Usings + """
        class C
        {
            static void Log(int value) { }
            async Task<int> AndOperand(Task<int> t)
            {
                if (t.IsCompletedSuccessfully && t.Result > 0) { return 1; }
                return t.Status == TaskStatus.RanToCompletion && t.GetAwaiter().GetResult() > 0 ? 1 : await t;
            }
            async Task<int> Patterns(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e)
            {
                var x = 0;
                if (a.Status is TaskStatus.RanToCompletion) { x += a.Result; }
                if (b is { IsCompletedSuccessfully: true }) { x += b.Result; }
                if (c.IsCompleted is not true) { return await c; }
                x += c.Result;
                if (d.Status is not (TaskStatus.RanToCompletion or TaskStatus.Faulted)) { return x; }
                x += d.Result;
                if (e is { Status: TaskStatus.RanToCompletion } && e.Result > 0) { x++; }
                return x;
            }
            async Task<int> MembersOfOneObject(TaskCompletionSource<int> source, Holder holder)
            {
                if (source.Task.IsCompleted) { return source.Task.Result; }
                await holder.Pending;
                return holder.Pending.Result + (this.Own.IsCompleted ? Own.Result : 0);
            }
            Task<int> Own = Task.FromResult(1);
            sealed class Holder { public Task<int> Pending = Task.FromResult(1); }
            async Task<int> OrOperand(Task<int> t)
            {
                if (!t.IsCompleted || t.Result == 0) { return await t; }
                return 0;
            }
            async Task<int> EarlyExits(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e, CancellationToken ct)
            {
                if (!a.IsCompleted || ct.IsCancellationRequested) { return 0; }
                var x = a.Result;
                if (!b.IsCompleted) throw new InvalidOperationException();
                x += b.Result;
                if (c.Status != TaskStatus.RanToCompletion) { Log(x); return x; }
                x += c.Result;
                if (d.IsCompleted == false) { await d; }
                x += d.Result;
                if (e.IsCompleted) { Log(x); } else { return x; }
                return x + e.Result;
            }
            async Task<int> Loops(List<Task<int>> tasks, Task<int> t)
            {
                var sum = 0;
                foreach (var each in tasks)
                {
                    if (!each.IsCompletedSuccessfully) { continue; }
                    sum += each.Result;
                }
                while (!t.IsCompleted) { await Task.Delay(10); }
                return sum + t.Result;
            }
            async Task<int> WhenAny(Task<int> t, Task<int> u, Task<int> v, Task<int> w)
            {
                if (await Task.WhenAny(t, Task.Delay(1000)) == t) { return t.Result; }
                var winner = await Task.WhenAny(u, Task.Delay(1000));
                if (winner != u) { throw new TimeoutException(); }
                Task<int> done;
                done = await Task.WhenAny(v, w);
                return u.Result + done.Result;
            }
            async Task<int> WaitAsyncAndWhenAll(Task<int> t, Task<int> a, Task<int> b, CancellationToken ct)
            {
                await t.WaitAsync(ct);
                await Task.WhenAll(a, b);
                return t.Result + a.Result + b.Result;
            }
            async Task Continuations(Task<int> t, Task<int>[] all)
            {
                await await t.ContinueWith(async previous => { await Task.Yield(); Log(previous.Result); });
                await await t.ContinueWith(async _ => { await Task.Yield(); Log(t.Result); });
                await await Task.Factory.ContinueWhenAll(all, async done => { await Task.Yield(); Log(done[0].Result + all[1].Result); });
            }
        }
        """);

    [Fact]
    public Task Reports_when_the_guard_does_not_prove_completion() => VerifyAsync(Sources.Usings + """
        class C
        {
            static void Log(int value) { }
            static Task<int> Other() => Task.FromResult(0);
            async Task<int> OtherTask(Task<int> a, Task<int> b)
            {
                if (a.IsCompleted) { return {|BLZ103:b.Result|}; }
                if (a.IsCompletedSuccessfully && {|BLZ103:b.Result|} > 0) { return 1; }
                return await a;
            }
            async Task<int> Reassigned(Task<int> t, Task<int> u)
            {
                if (!t.IsCompleted) { return 0; }
                t = Other();
                var x = {|BLZ103:t.Result|};
                await u;
                u = Other();
                x += {|BLZ103:u.Result|};
                if (t.IsCompleted) { t = Other(); x += {|BLZ103:t.Result|}; }
                return x;
            }
            async Task<int> WeakConditions(Task<int> a, Task<int> b, Task<int> c, Task<int> d, bool flag)
            {
                var x = 0;
                if (a.IsCompleted || flag) { x += {|BLZ103:a.Result|}; }
                if (!b.IsCompleted && flag) { return 0; }
                x += {|BLZ103:b.Result|};
                if (c.Status == TaskStatus.Running) { x += {|BLZ103:c.Result|}; }
                if (!d.IsCompleted) { Log(x); }
                x += {|BLZ103:d.Result|};
                await Task.Yield();
                return x;
            }
            async Task<int> PatternsThatProveNothing(Task<int> a, Task<int> b, Task<int> c)
            {
                var x = 0;
                if (a.Status is TaskStatus.Running or TaskStatus.RanToCompletion) { x += {|BLZ103:a.Result|}; }
                if (b is { IsCompleted: false }) { x += {|BLZ103:b.Result|}; }
                if (c.IsCompleted is true) { return x; }
                x += {|BLZ103:c.Result|};
                await Task.Yield();
                return x;
            }
            async Task<int> MembersOfAnotherObject(TaskCompletionSource<int> a, TaskCompletionSource<int> b, Holder c, Holder d)
            {
                var x = 0;
                if (a.Task.IsCompleted) { x += {|BLZ103:b.Task.Result|}; }
                await c.Pending;
                x += {|BLZ103:d.Pending.Result|};
                if (Make().Pending.IsCompleted) { x += {|BLZ103:Make().Pending.Result|}; }
                return x;
            }
            static Holder Make() => new();
            sealed class Holder { public Task<int> Pending = Task.FromResult(1); }
            async Task<int> GuardNotOnThePath(Task<int> a, Task<int> b, bool flag)
            {
                if (flag) { if (!a.IsCompleted) { return 0; } }
                var x = {|BLZ103:a.Result|};
                if (!b.IsCompleted) { if (flag) { return 0; } }
                x += {|BLZ103:b.Result|};
                await Task.Yield();
                return x;
            }
            async Task<int> LoopThatBreaks(Task<int> t, bool flag)
            {
                while (!t.IsCompleted) { if (flag) { break; } await Task.Delay(10); }
                return {|BLZ103:t.Result|};
            }
            async Task<int> WhenAnyOfAnother(Task<int> t, Task<int> timeout)
            {
                if (await Task.WhenAny(t, timeout) == timeout) { return {|BLZ103:t.Result|}; }
                return 0;
            }
            async Task ContinuationOfAnother(Task<int> a, Task<int> b) =>
                await await a.ContinueWith(async _ => { await Task.Yield(); Log({|BLZ103:b.Result|}); });
        }
        """);

    [Fact]
    public Task Fix_awaits_where_mechanical() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            // Each task is distinct: once a task is awaited, later reads of it are complete and not reported.
            async Task<int> A(Task<int> t1, Task<int> t2, Task<int> t3, Task<int> t4, Task<int> t5, Task<int> t6, Task u1, Task u2, Task u3, SemaphoreSlim gate, CancellationToken ct)
            {
                var a = {|BLZ103:t1.Result|};
                var b = {|BLZ103:t2.GetAwaiter().GetResult()|} + {|BLZ103:t3.ConfigureAwait(false).GetAwaiter().GetResult()|};
                {|BLZ103:u1.Wait()|};
                {|BLZ103:u2.Wait(ct)|};
                {|BLZ103:Task.WaitAll(t4, u3)|};
                {|BLZ103:gate.Wait(ct)|};
                var ok = {|BLZ103:gate.Wait(100)|};
                var len = {|BLZ103:t5.Result|}.ToString().Length;
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
    public Task Fix_awaits_ReceiveAsync_for_a_dataflow_receive() => VerifyFixAsync(Sources.Usings + """
        using System.Threading.Tasks.Dataflow;
        class C
        {
            async Task<int> A(BufferBlock<int> buffer, CancellationToken ct)
            {
                var x = {|BLZ103:DataflowBlock.Receive(buffer, ct)|};
                return x + {|BLZ103:buffer.Receive(TimeSpan.FromSeconds(1))|};
            }
        }
        """, Sources.Usings + """
        using System.Threading.Tasks.Dataflow;
        class C
        {
            async Task<int> A(BufferBlock<int> buffer, CancellationToken ct)
            {
                var x = await DataflowBlock.ReceiveAsync(buffer, ct);
                return x + await buffer.ReceiveAsync(TimeSpan.FromSeconds(1));
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_rewrite_would_change_meaning() => VerifyNoFixAsync(Sources.Usings + """
        class C
        {
            async Task A(Task u, Task<int> t, ManualResetEventSlim ready, System.Collections.Concurrent.BlockingCollection<int> queue, Barrier barrier)
            {
                var ok = {|BLZ103:u.Wait(1000)|};
                var i = {|BLZ103:Task.WaitAny(t, u)|};
                {|BLZ103:ready.Wait()|};
                var item = {|BLZ103:queue.Take()|};
                {|BLZ103:barrier.SignalAndWait()|};
                var line = {|BLZ103:Console.ReadLine()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_all() => VerifyFixAsync(Sources.Usings + """
        class C { async Task<int> A(Task<int> t, Task<int> u) { await Task.Yield(); return {|BLZ103:t.Result|} + {|BLZ103:u.Result|}; } }
        """, Sources.Usings + """
        class C { async Task<int> A(Task<int> t, Task<int> u) { await Task.Yield(); return await t + await u; } }
        """);

    [Fact]
    public Task Leaves_socket_readiness_waits_to_the_io_and_loop_rules() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class C
        {
            async Task A(Socket socket, List<Socket> sockets)
            {
                socket.Poll(1000, SelectMode.SelectRead);
                Socket.Select(sockets, null, null, 1000);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Reports_sync_over_async_in_sync_request_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class HelloController : Microsoft.AspNetCore.Mvc.Controller
        {
            public string Greet() { {|BLZ103:Task.Delay(2000).Wait()|}; return "hello there"; }
            public string Show(HttpClient http) { var page = {|BLZ103:http.GetStringAsync("https://example.org").Result|}; return page; }
        }
        class PricesHub : Microsoft.AspNetCore.SignalR.Hub
        {
            public int Price(Func<Task<int>> quote) => {|BLZ103:quote().GetAwaiter().GetResult()|};
        }
        static class Endpoints
        {
            public static void Map(WebApplication app, HttpClient http) =>
                app.MapPost("/proxy", () => {|BLZ103:http.GetStringAsync("https://example.org").Result|});
        }
        """);

    [Fact]
    public Task Reports_actions_of_a_controller_named_by_its_own_metadata_name() => VerifyAsync(Sources.Usings + """
        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }
            public sealed class ViewResult : IActionResult { }
            public abstract class Controller { protected ViewResult View() => new(); }   // a stand-in without ControllerBase
        }
        namespace Shop
        {
            public abstract class Controller { }                                           // not the framework's
            class BlockingController : Microsoft.AspNetCore.Mvc.Controller
            {
                public Microsoft.AspNetCore.Mvc.IActionResult Index(HttpClient http)
                {
                    var pending = http.GetStringAsync("https://example.org/");
                    var body = {|BLZ103:pending.Result|};
                    {|BLZ103:pending.Wait()|};
                    return View();
                }
                private string Page(HttpClient http) => http.GetStringAsync("https://example.org").Result;
            }
            class HomeController : Controller
            {
                public string Page(HttpClient http) => http.GetStringAsync("https://example.org").Result;
            }
        }
        """);

    [Fact]
    public Task Ignores_handler_synchronization_completed_tasks_and_non_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class StockController : Microsoft.AspNetCore.Mvc.Controller
        {
            private static readonly SemaphoreSlim Gate = new(1);
            private static readonly ManualResetEventSlim Ready = new();
            // A lock or a signal in a sync action is the action's own synchronization, not sync over async.
            public int Reserve() { Gate.Wait(); try { return 1; } finally { Gate.Release(); } }
            public void Await() => Ready.Wait();
            private string Page(HttpClient http) => http.GetStringAsync("https://example.org").Result;
        }
        class Worker
        {
            public string Page(HttpClient http) => http.GetStringAsync("https://example.org").Result;
        }
        """);

    [Fact]
    public Task No_fix_in_a_sync_request_handler() => VerifyNoFixAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class HelloController : Microsoft.AspNetCore.Mvc.Controller
        {
            public string Greet() { {|BLZ103:Task.Delay(2000).Wait()|}; return "hello there"; }
        }
        """);

    [Fact]
    public Task Reports_libraries_that_run_async_code_synchronously() => VerifyAsync(Sources.Usings + """
        namespace Nito.AsyncEx
        {
            public static class AsyncContext { public static T Run<T>(Func<Task<T>> action) => default!; public static void Run(Func<Task> action) { } }
        }
        namespace Microsoft.VisualStudio.Threading
        {
            public class JoinableTask { public void Join(CancellationToken cancellationToken = default) { } }
            public class JoinableTaskFactory
            {
                public void Run(Func<Task> asyncMethod) { }
                public JoinableTask RunAsync(Func<Task> asyncMethod) => new JoinableTask();
            }
        }
        class C
        {
            async Task A(Microsoft.VisualStudio.Threading.JoinableTaskFactory factory, Func<Task<int>> load)
            {
                await Task.Yield();
                var value = {|BLZ103:Nito.AsyncEx.AsyncContext.Run(load)|};
                {|BLZ103:factory.Run(() => Task.Delay(10))|};
                {|BLZ103:factory.RunAsync(() => Task.Delay(10)).Join()|};
                var joinable = factory.RunAsync(() => Task.Delay(10)); // starting one does not wait
            }
            // The libraries' purpose: a sync entry point running async code.
            void Sync(Func<Task<int>> load) => Nito.AsyncEx.AsyncContext.Run(load);
        }
        """);

    [Fact]
    public Task Reports_sync_over_async_in_framework_filter_hooks_only() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + """
        class AuditAttribute : Microsoft.AspNetCore.Mvc.Filters.ActionFilterAttribute
        {
            public override void OnActionExecuting(object context) => {|BLZ103:Task.Delay(10).Wait()|};
        }
        class TokenCheck : Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter
        {
            public void OnAuthorization(object context) => {|BLZ103:Task.Delay(10).Wait()|};
        }
        abstract class OwnBase { public virtual void OnActionExecuting(object context) { } }
        class NotAFilter : OwnBase
        {
            public override void OnActionExecuting(object context) => Task.Delay(10).Wait();
            public void OnAuthorization(object context) => Task.Delay(10).Wait();
        }
        """);

    [Fact]
    public Task Reports_receives_of_clients_and_devices_that_wait_for_input_without_an_async_twin() => VerifyAsync(Sources.Usings + """
        namespace Confluent.Kafka
        {
            public sealed class ConsumeResult<TKey, TValue> { public TValue Value { get; set; } = default!; }
            public interface IConsumer<TKey, TValue> { ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default); ConsumeResult<TKey, TValue> Consume(int millisecondsTimeout); }
        }
        namespace System.IO.Ports { public class SerialPort { public string ReadLine() => ""; public string ReadExisting() => ""; } }
        namespace App
        {
            using Confluent.Kafka;
            class Reader
            {
                async Task<string> OneAsync(IConsumer<string, string> consumer, System.IO.Ports.SerialPort port, CancellationToken stop)
                {
                    await Task.Yield();
                    var record = {|BLZ103:consumer.Consume(stop)|};
                    var line = {|BLZ103:port.ReadLine()|};
                    var peek = consumer.Consume(0);            // a zero timeout returns at once
                    var buffered = port.ReadExisting();         // what the driver already holds
                    return record.Value + line + peek?.Value + buffered;
                }
                string Sync(System.IO.Ports.SerialPort port) => port.ReadLine();   // sync code: not reported
            }
        }
        """);
}
