using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ109BlockingOnThreadPoolTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzSuggestionsAnalyzer.Hosting(new BLZ109BlockingOnThreadPoolAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);
    private static Task VerifyFixAsync(string source, string fixedSource) =>
        BlitzCodeFixTest<BLZ109SpawnBlockingCodeFix>.VerifyAsync(BlitzSuggestionsAnalyzer.Hosting(new BLZ109BlockingOnThreadPoolAnalyzer()), source, fixedSource);

    [Fact]
    public Task Reports_blocking_work_in_callbacks_that_the_pool_delegate_runs_in_place() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        using System.Collections.Immutable;
        class C
        {
            async Task A(List<int> steps, string[] paths, ConcurrentDictionary<string, string> cache, ImmutableList<string> names)
            {
                await {|BLZ109:Task.Run|}(() => steps.ForEach(step => { Thread.Sleep(100); Console.WriteLine(step); }));
                await {|BLZ109:Task.Run|}(() => Array.ForEach(paths, path => Console.WriteLine(File.ReadAllText(path))));
                var texts = await {|BLZ109:Task.Run|}(() => paths.Select(path => File.ReadAllText(path)).Where(text => text.Length > 0).ToList());
                var total = await {|BLZ109:Task.Run|}(() => paths.Sum(path => new FileInfo(path).Length + File.ReadAllBytes(path).Length));
                await {|BLZ109:Task.Run|}(() => { foreach (var text in paths.Select(path => File.ReadAllText(path))) { Console.WriteLine(text); } });
                var one = await {|BLZ109:Task.Run|}(() => cache.GetOrAdd("k", key => File.ReadAllText(key)));
                await {|BLZ109:Task.Run|}(() => Enumerable.Range(1, 100).ToList().ForEach(step => steps.ForEach(_ => Thread.Sleep(step))));
                var kept = await {|BLZ109:Task.Run|}(() => names.RemoveAll(name => File.ReadAllText(name).Length == 0));
            }
        }
        """);

    [Fact]
    public Task Ignores_callbacks_the_pool_delegate_stores_returns_or_hands_on() => VerifyAsync(Sources.Usings + """
        class C
        {
            Timer? _timer;
            async Task A(List<int> steps, string[] paths)
            {
                var lazy = await Task.Run(() => paths.Select(path => File.ReadAllText(path)));        // the sequence runs later, where it is enumerated
                await Task.Run(() => { Action later = () => Thread.Sleep(100); Console.WriteLine(later); });
                await Task.Run(() => { _timer = new Timer(_ => Thread.Sleep(100)); });                 // runs on a timer, not here
                await Task.Run(() => steps.ForEach(async step => await Task.Delay(step)));             // an async callback returns at its first await
                await Task.Run(() => steps.ForEach(step => Console.WriteLine(step)));                  // nothing blocks
                var orders = await Task.Run(() => paths.OrderBy(path => path.Length).AsEnumerable());  // returned lazily
            }
        }
        """);

    [Fact]
    public Task Reports_blocking_work_sent_to_the_thread_pool() => VerifyAsync(Sources.Usings + """
        using System.Security.Cryptography;
        class C
        {
            async Task<int> A(string path, Task<int> pending, byte[] salt)
            {
                var text = await {|BLZ109:Task.Run|}(() => File.ReadAllText(path).Trim());
                var same = await Task.Run(() => File.ReadAllText(path));                                       // a fake async twin: BLZ102's
                await {|BLZ109:Task.Run|}(() => Thread.Sleep(100));
                var key = await Task.Factory.StartNew(() => Rfc2898DeriveBytes.Pbkdf2("p", salt, 600_000, HashAlgorithmName.SHA256, 32)); // CPU work: the pool's job
                await {|BLZ109:Task.Run|}(() => { var n = pending.Result; Thread.Sleep(n); });                  // the sleep; the wait is BLZ103's
                await Task.Run(async () => await {|BLZ109:Task.Run|}(() => Thread.Sleep(10)));               // async code on the pool starts it
                return text.Length + same.Length + key.Length;
            }
        }
        """);

    [Fact]
    public Task Reports_wherever_the_starter_runs_and_one_call_away() => VerifyAsync(Sources.Usings + """
        class C
        {
            // The delegate blocks a pool thread whoever starts it: a sync caller, or a method that returns the task.
            void Sync(string path) => {|BLZ109:Task.Run|}(() => File.ReadAllText(path)).Wait();
            Task Pause(int ms) => {|BLZ109:Task.Run|}(() => Thread.Sleep(ms));
            async Task Load(string path) { await {|BLZ109:Task.Run|}(() => Parse(path)); }
            async Task Slow() { await {|BLZ109:Task.Run|}(() => Step()); }
            static int Parse(string path) => File.ReadAllText(path).Length;
            static void Step() => Thread.Sleep(100);
            static void Pump() { while (true) { Thread.Sleep(100); } }
            static int Twice(int x) => x * 2;
            async Task NotBlocking()
            {
                await Task.Run(() => Twice(2));  // the helper does not block
                _ = Task.Run(() => Pump());      // never returns: BLZ112's (a dedicated thread), not the blocking pool
            }
        }
        """);

    [Fact]
    public Task Ignores_cheap_work_async_delegates_and_blitz_pools() => VerifyAsync(Sources.Usings + """
        class C
        {
            static int Compute(int x) => x * 2;
            async Task<int> A(string path)
            {
                var a = await Task.Run(() => Compute(21));                                   // no known blocking call
                var b = await Task.Run(() => { var m = new MemoryStream(); m.Write(new byte[1], 0, 1); return m.Length; });
                var c = await Task.Run(async () => await File.ReadAllTextAsync(path));       // BLZ108's business
                var d = await BlitzRuntime.Default.SpawnBlocking(path, (p, ct) => File.ReadAllText(p));
                return a + (int)b + c.Length + d.Length;
            }
            async Task<int> SyncOverAsync(Task<int> pending)
            {
                // Sync over async in a pool delegate is BLZ103's (advice: await the task), one diagnostic per call.
                var n = await Task.Run(() => pending.Result);
                await Task.Run(() => pending.GetAwaiter().GetResult());
                return n;
            }
            async Task OwnThreadsAndForeverLoops(string path, System.Collections.Concurrent.BlockingCollection<string> queue, CancellationToken ct)
            {
                await Task.Factory.StartNew(() => File.ReadAllText(path), TaskCreationOptions.LongRunning);  // a thread of its own
                _ = Task.Run(() => { while (true) { File.WriteAllText(path, queue.Take(ct)); } });       // a forever loop: BLZ106's
                await Task.Yield();
            }
        }
        """);

    /// <summary>
    /// The state-less overloads the fix writes (<c>SpawnBlocking(static _ =&gt; work)</c>), stubbed as extensions until
    /// the runtime used here has them: the fixed code must compile.
    /// </summary>
    private const string StatelessSpawnStub = """

        static class StatelessSpawnStub
        {
            public static ValueTask<TResult> SpawnBlocking<TResult>(this BlitzRuntime runtime, Func<CancellationToken, TResult> work, CancellationToken cancellationToken = default) => default;
            public static ValueTask SpawnBlocking(this BlitzRuntime runtime, Action<CancellationToken> work, CancellationToken cancellationToken = default) => default;
        }
        """;

    [Fact]
    public Task Fix_moves_awaited_work_to_the_blocking_pool() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(string path)
            {
                var text = await {|BLZ109:Task.Run|}(() => File.ReadAllText(path).Trim());
                var lines = await {|BLZ109:Task.Run|}(() => { var all = File.ReadAllLines(path); return all.Length; });
                return text.Length + lines;
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A(string path)
            {
                var text = await BlitzRuntime.Default.SpawnBlocking(path, static (path, _) => File.ReadAllText(path).Trim());
                var lines = await BlitzRuntime.Default.SpawnBlocking(path, static (path, _) => { var all = File.ReadAllLines(path); return all.Length; });
                return text.Length + lines;
            }
        }
        """);

    [Fact]
    public Task Fix_turns_a_lambda_that_captures_nothing_into_a_static_call_without_state() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A() => (await {|BLZ109:Task.Run|}(() => File.ReadAllText("settings.json").Trim())).Length;
        }
        """ + StatelessSpawnStub, Sources.Usings + """
        class C
        {
            async Task<int> A() => (await BlitzRuntime.Default.SpawnBlocking(static _ => File.ReadAllText("settings.json").Trim())).Length;
        }
        """ + StatelessSpawnStub);

    [Fact]
    public Task Fix_keeps_the_captures_of_a_lambda_that_uses_more_than_one_variable_or_the_instance() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            private readonly string _root = ".";
            async Task<int> A(string path, string suffix)
            {
                var both = await {|BLZ109:Task.Run|}(() => File.ReadAllText(path + suffix).Trim());
                var mine = await {|BLZ109:Task.Run|}(() => File.ReadAllText(_root + path).Trim());
                var count = 0;
                var written = await {|BLZ109:Task.Run|}(() => { count = File.ReadAllLines(path).Length; return count; });
                return both.Length + mine.Length + written;
            }
        }
        """ + StatelessSpawnStub, Sources.Usings + """
        class C
        {
            private readonly string _root = ".";
            async Task<int> A(string path, string suffix)
            {
                var both = await BlitzRuntime.Default.SpawnBlocking(_ => File.ReadAllText(path + suffix).Trim());
                var mine = await BlitzRuntime.Default.SpawnBlocking(_ => File.ReadAllText(_root + path).Trim());
                var count = 0;
                var written = await BlitzRuntime.Default.SpawnBlocking(_ => { count = File.ReadAllLines(path).Length; return count; });
                return both.Length + mine.Length + written;
            }
        }
        """ + StatelessSpawnStub);

    [Fact]
    public Task No_fix_for_unawaited_tasks()
    {
        const string Source = Sources.Usings + """
            class C
            {
                async Task A(string path)
                {
                    var pending = {|BLZ109:Task.Run|}(() => File.ReadAllText(path).Trim());
                    var sleeping = {|BLZ109:Task.Run|}(() => Thread.Sleep(10));
                    await pending;
                    await sleeping;
                }
            }
            """;
        return VerifyFixAsync(Source, Source);
    }

    // A body that names '_' (here a discard) would write the token through it: the token parameter gets a name of its own.
    [Fact]
    public Task Fix_names_the_token_when_the_body_uses_the_discard() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A()
            {
                return await {|BLZ109:Task.Run|}(() => { _ = File.ReadAllBytes("a.bin"); return 1; });
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A()
            {
                return await BlitzRuntime.Default.SpawnBlocking(static cancellationToken => { _ = File.ReadAllBytes("a.bin"); return 1; });
            }
        }
        """);

    // SpawnBlocking has Task.Run's void shapes, with and without state: void work moves as work with a result does.
    [Fact]
    public Task Fix_moves_void_work_to_the_void_shapes() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task A(string path)
            {
                await {|BLZ109:Task.Run|}(() => Thread.Sleep(10));
                await {|BLZ109:Task.Run|}(() => File.Copy(path, path + ".old"));
                await {|BLZ109:Task.Run|}(() => { File.Copy(path, path + ".bak"); File.Delete(path); });
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task A(string path)
            {
                await BlitzRuntime.Default.SpawnBlocking(static _ => Thread.Sleep(10));
                await BlitzRuntime.Default.SpawnBlocking(path, static (path, _) => File.Copy(path, path + ".old"));
                await BlitzRuntime.Default.SpawnBlocking(path, static (path, _) => { File.Copy(path, path + ".bak"); File.Delete(path); });
            }
        }
        """);

    [Fact]
    public void The_fix_offers_fix_all() => Assert.NotNull(new BLZ109SpawnBlockingCodeFix().GetFixAllProvider());

    [Fact]
    public Task Fix_all_fixes_every_site_in_the_document() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(string p, string q)
            {
                var a = await {|BLZ109:Task.Run|}(() => File.ReadAllText(p).Trim());
                var b = await {|BLZ109:Task.Run|}(() => File.ReadAllBytes("fixed.bin").Reverse().Count());
                var c = await {|BLZ109:Task.Run|}(() => File.ReadAllText(p + q).Trim());
                return a.Length + b + c.Length;
            }
        }
        """ + StatelessSpawnStub, Sources.Usings + """
        class C
        {
            async Task<int> A(string p, string q)
            {
                var a = await BlitzRuntime.Default.SpawnBlocking(p, static (p, _) => File.ReadAllText(p).Trim());
                var b = await BlitzRuntime.Default.SpawnBlocking(static _ => File.ReadAllBytes("fixed.bin").Reverse().Count());
                var c = await BlitzRuntime.Default.SpawnBlocking(_ => File.ReadAllText(p + q).Trim());
                return a.Length + b + c.Length;
            }
        }
        """ + StatelessSpawnStub);


    [Fact]
    public Task Ignores_start_new_on_a_scheduler_that_is_not_the_pool() => VerifyAsync(Sources.Usings + """
        class C
        {
            async Task A(CancellationToken ct, TaskScheduler scheduler, TaskFactory factory)
            {
                await Task.Factory.StartNew(() => Thread.Sleep(100), ct, TaskCreationOptions.None, scheduler);            // e.g. a dedicated-thread scheduler
                await Task.Factory.StartNew(() => Thread.Sleep(100), ct, TaskCreationOptions.None, TaskScheduler.Current); // ambiguous
                await new TaskFactory(scheduler).StartNew(() => Thread.Sleep(100));
                await factory.StartNew(() => Thread.Sleep(100));                                                          // a factory built elsewhere
                await new TaskFactory(TaskCreationOptions.LongRunning, TaskContinuationOptions.None).StartNew(() => Thread.Sleep(100)); // a thread of its own per start
                await {|BLZ109:Task.Factory.StartNew|}(() => Thread.Sleep(100), ct, TaskCreationOptions.None, TaskScheduler.Default);
            }
        }
        """);

    [Fact]
    public Task Reports_a_method_group_that_blocks() => VerifyAsync(Sources.Usings + """
        class Printer
        {
            static void PrintSlowly() { Thread.Sleep(3000); Console.WriteLine("printed"); }
            static int ReadCount(string path) => File.ReadAllLines(path).Length;
            static async Task Run(string path)
            {
                await {|BLZ109:Task.Run|}(PrintSlowly);
                await {|BLZ109:Task.Factory.StartNew|}(() => ReadCount(path));
            }
        }
        """);

    [Fact]
    public Task Ignores_method_groups_that_do_not_block_or_hold_a_consume_loop() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        class Jobs
        {
            private readonly BlockingCollection<Action> _jobs = new();
            static int Sum() => 1 + 2;
            static async Task FetchAsync() => await Task.Delay(10);
            void Drain() { foreach (var job in _jobs.GetConsumingEnumerable()) job(); }
            async Task Run()
            {
                await Task.Run(Sum);
                await Task.Run(FetchAsync);
                _ = Task.Factory.StartNew(Drain);
                _ = Task.Factory.StartNew(Drain, TaskCreationOptions.LongRunning);
            }
        }
        """);

    [Fact]
    public Task Reports_image_and_archive_work_that_reads_or_writes_files() => VerifyAsync(Sources.Usings + """
        namespace System.Drawing
        {
            public class Image : IDisposable
            {
                public static Image FromFile(string path) => new Image();
                public void Save(string path) { }
                public void Save(Stream stream, object format) { }
                public void Dispose() { }
            }
        }
        static class Thumbnails
        {
            static Task<string> Shrink(string source) => {|BLZ109:Task.Run|}(() =>
            {
                var target = Path.GetTempFileName();
                using (var original = System.Drawing.Image.FromFile(source))
                {
                    original.Save(target);
                }
                return target;
            });

            static async Task<byte[]> Encode(Func<System.Drawing.Image> draw) => await Task.Run(() =>
            {
                // A codec over memory is CPU work: what the ThreadPool is for.
                using var image = draw();
                var buffer = new MemoryStream();
                image.Save(buffer, new object());
                return buffer.ToArray();
            });

            static Task Unzip(string archive, string folder) => {|BLZ109:Task.Run|}(() => System.IO.Compression.ZipFile.ExtractToDirectory(archive, folder));
        }
        """);

    [Fact]
    public Task Reports_blocking_database_writes_sent_to_the_pool_as_a_fake_twin() => VerifyAsync(Sources.Usings + """
        namespace System.Data.Entity
        {
            public class DbContext { public virtual int SaveChanges() => 0; }
        }
        static class ContextExtensions
        {
            public static Task<int> CommitAsync(this System.Data.Entity.DbContext context, CancellationToken token = default) =>
                {|BLZ109:Task.Run|}(() => context.SaveChanges(), token);
            public static Task<int> FillAsync(System.Data.Common.DbDataAdapter adapter, System.Data.DataTable table) =>
                {|BLZ109:Task.Run|}(() => adapter.Fill(table));
        }
        """);

    [Fact]
    public Task Leaves_a_fake_async_twin_to_BLZ102_and_reports_more_work() => VerifyAsync(Sources.Usings + """
        class Context
        {
            public int SaveChanges() => 0;
            public Task<int> SaveChangesAsync(CancellationToken token = default) => Task.FromResult(0);
        }
        static class ContextExtensions
        {
            public static Task<int> CommitAsync(Context context) => Task.Run(() => context.SaveChanges());
            public static Task<int> CommitTwiceAsync(Context context) => {|BLZ109:Task.Run|}(() => context.SaveChanges() + context.SaveChanges());
        }
        """);

    [Fact]
    public Task Reports_blocking_work_started_through_a_source_helper_that_only_starts_it_on_the_pool() => VerifyAsync(Sources.Usings + """
        static class PoolHelpers
        {
            private static readonly TaskFactory Factory = Task.Factory;

            public static Task RunWrapped(Action action) { return Factory.StartNew(action); }
            public static Task<T> RunOnPool<T>(Func<T> work) => Task.Run(work);
        }
        static class Archiver
        {
            static void Pack(string folder, string archive)
            {
                if (File.Exists(archive)) File.Delete(archive);
                System.IO.Compression.ZipFile.CreateFromDirectory(folder, archive);
            }

            public static Task PackAsync(string folder, string archive) => {|BLZ109:PoolHelpers.RunWrapped|}(() => Pack(folder, archive));
            public static Task<string> ReadAsync(string path) => {|BLZ109:PoolHelpers.RunOnPool|}(() => File.ReadAllText(path));
            public static async Task NapAsync() => await {|BLZ109:PoolHelpers.RunOnPool|}(() => { Thread.Sleep(100); return 0; });
        }
        """);

    [Fact]
    public Task Ignores_helpers_that_do_more_than_start_their_delegate_on_the_pool() => VerifyAsync(Sources.Usings + """
        class Helpers
        {
            private static readonly TaskFactory Ui = new TaskFactory(TaskScheduler.FromCurrentSynchronizationContext());
            private readonly TaskFactory _assigned = Task.Factory;
            private static readonly TaskFactory Built = new TaskFactory();

            public Helpers(TaskScheduler scheduler) { _assigned = new TaskFactory(scheduler); }

            public static Task OnUi(Action action) => Ui.StartNew(action);                                       // a scheduler of its own
            public Task OnAssigned(Action action) => _assigned.StartNew(action);                                  // assigned again by the constructor
            public static Task Dedicated(Action action) => Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
            public static Task Guarded(Action action) => Task.Run(() => { try { action(); } catch (IOException) { } });
            public static Task Logged(Action action) { Console.WriteLine("start"); return Task.Run(action); }
            public static Task Cheap(Action action) => Task.Run(action);
            public static Task OnBuilt(Action action) => Built.StartNew(action);                                  // a factory the type built for a purpose

            async Task A(string path)
            {
                await OnUi(() => File.ReadAllText(path));
                await OnAssigned(() => File.ReadAllText(path));
                await Dedicated(() => Thread.Sleep(100));
                await Guarded(() => File.ReadAllText(path));
                await Logged(() => File.ReadAllText(path));
                await Cheap(() => Console.WriteLine(path));
                await OnBuilt(() => File.ReadAllText(path));
            }
        }
        """);

    [Fact]
    public Task Ignores_an_async_twin_built_over_its_own_sync_member_that_shows_no_blocking() => VerifyAsync(Sources.Usings + """
        abstract class ScreenViewModel
        {
            public abstract void Load();
            public async Task LoadAsync() { await Task.Run(() => this.Load()); }
        }
        interface IStore { void Save(); Task SaveAsync(); }
        class Store : IStore
        {
            public void Save() { }
            public Task SaveAsync() => Task.Run(() => Save());
        }
        class SleepyStore
        {
            public void Save() => Thread.Sleep(100);
            public Task SaveAsync() => {|BLZ109:Task.Run|}(() => Save());                                      // its body shows the sleep
        }
        """);

    [Fact]
    public Task Reports_a_background_worker_whose_DoWork_handler_blocks() => VerifyAsync(Sources.Usings + """
        using System.ComponentModel;
        class Window
        {
            private readonly BackgroundWorker _loader = new();
            public string Status { get; private set; } = "";

            public Window() => _loader.DoWork += Load;

            public void OnStartClick(object sender, EventArgs e)
            {
                var worker = new BackgroundWorker();
                worker.DoWork += (s, a) =>
                {
                    for (var i = 0; i < 20; i++)
                    {
                        Status = "Count: " + i;
                        Thread.Sleep(500);
                    }
                };
                {|BLZ109:worker.RunWorkerAsync|}();
            }

            public void OnLoadClick(object sender, EventArgs e) => {|BLZ109:_loader.RunWorkerAsync|}("data.txt");

            public void OnFetchClick(object sender, EventArgs e, Task<string> pending)
            {
                var worker = new BackgroundWorker();
                worker.DoWork += (s, a) => a.Result = pending.Result;            // sync code: no BLZ103 here
                {|BLZ109:worker.RunWorkerAsync|}();
            }

            private void Load(object? sender, DoWorkEventArgs e) => Status = File.ReadAllText((string)e.Argument!);
        }
        """);

    [Fact]
    public Task Ignores_background_workers_whose_handlers_do_not_block() => VerifyAsync(Sources.Usings + """
        using System.ComponentModel;
        class Window
        {
            public int Total { get; private set; }

            public void OnSumClick(object sender, EventArgs e, int[] values)
            {
                var worker = new BackgroundWorker();
                worker.DoWork += (s, a) => a.Result = values.Sum();                 // CPU work: what the pool is for
                worker.RunWorkerCompleted += (s, a) => Thread.Sleep(10);            // not DoWork: runs on the UI thread
                worker.RunWorkerAsync();
            }

            public void OnWatchClick(object sender, EventArgs e)
            {
                var worker = new BackgroundWorker();
                worker.DoWork += (s, a) => { while (true) { Thread.Sleep(1000); } }; // a forever loop: BLZ106's
                worker.DoWork += (s, a) => { while (!worker.CancellationPending) { Thread.Sleep(1000); } }; // until cancelled: BLZ106's
                worker.RunWorkerAsync();
                var idle = new BackgroundWorker();
                idle.DoWork += (s, a) => Thread.Sleep(100);                         // never started
            }
        }
        """);

    [Fact]
    public Task Reports_blocking_work_of_a_task_built_unstarted_and_started_on_the_pool() => VerifyAsync(Sources.Usings + """
        class StudentsForm
        {
            public object? Grid { get; private set; }

            public IEnumerable<string> LoadTable(Task<List<string>> pending) => pending.Result;
            private IEnumerable<string> ReadTable() => File.ReadAllLines("students.csv");

            public async void OnLoadClick(object sender, EventArgs e)
            {
                var job = new Task<IEnumerable<string>>(ReadTable);
                {|BLZ109:job.Start|}();
                Grid = await job;
            }

            public async Task OnWaitClick(Task<List<string>> pending)
            {
                var job = new Task<IEnumerable<string>>(() => LoadTable(pending));
                {|BLZ109:job.Start|}();
                Grid = await job;
                var nap = new Task(() => Thread.Sleep(100));
                {|BLZ109:nap.Start|}();
                await nap;
            }
        }
        """);

    [Fact]
    public Task Ignores_unstarted_tasks_that_do_not_block_or_get_a_thread_of_their_own() => VerifyAsync(Sources.Usings + """
        class Form
        {
            public async Task OnClick(int[] values)
            {
                var sum = new Task<int>(() => values.Sum());                                                   // CPU work
                sum.Start();
                var own = new Task(() => Thread.Sleep(100), TaskCreationOptions.LongRunning);                  // a thread of its own
                own.Start();
                var forever = new Task(() => { while (true) { Thread.Sleep(10); } });                          // BLZ106's
                forever.Start();
                var never = new Task(() => Thread.Sleep(100));                                                 // never started
                await Task.WhenAll(sum, own);
            }
        }
        """);

    // QueueUserWorkItem is the pool's own door: its work item holds a pool thread as Task.Run's does.
    [Fact]
    public Task Reports_blocking_work_queued_with_QueueUserWorkItem() => VerifyAsync(Sources.Usings + """
        static class Demo
        {
            public static void Run()
            {
                {|BLZ109:ThreadPool.QueueUserWorkItem|}(Busy);
                {|BLZ109:ThreadPool.QueueUserWorkItem|}(_ => File.ReadAllText("data.txt"));
                {|BLZ109:ThreadPool.UnsafeQueueUserWorkItem|}(state => Busy(state), null);
                ThreadPool.QueueUserWorkItem(_ => Console.WriteLine("hello"));          // nothing blocks
                ThreadPool.QueueUserWorkItem(_ => { while (true) { Thread.Sleep(100); } }); // a forever loop: BLZ106's
            }

            private static void Busy(object? state) => Thread.Sleep(3000);
        }
        """);
}
