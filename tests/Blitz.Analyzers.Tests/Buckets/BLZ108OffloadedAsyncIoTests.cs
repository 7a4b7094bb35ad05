using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ108OffloadedAsyncIoTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ108OffloadedAsyncIoAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) => BlitzCodeFixTest<BLZ108InlineOffloadedAsyncIoCodeFix>.VerifyAsync(Analyzer, source, fixedSource);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    private const string Io = """
        class Io
        {
            public static Task<string> GetAsync(string url) => Task.FromResult(url);
            public static Task SendAsync() => Task.CompletedTask;
            public static string Parse(string s) => s;
        }

        """;

    [Fact]
    public Task Reports_pass_through_offloads_of_async_io() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task A(HttpClient client, string url)
            {
                var a = await {|BLZ108:Task.Run(async () => await Io.GetAsync(url))|};
                var b = await {|BLZ108:Task.Run(() => Io.GetAsync(url))|};
                await {|BLZ108:Task.Run(async () => { await Io.SendAsync(); })|};
                await {|BLZ108:Task.Run(Io.SendAsync)|};
                var c = await {|BLZ108:Task.Run(() => client.GetStringAsync(url))|};
                await await {|BLZ108:Task.Factory.StartNew(async () => { await Io.SendAsync(); await Io.SendAsync(); })|};
            }
        }
        """);

    [Fact]
    public Task Reports_async_delegates_that_only_await_around_cheap_work() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task A(string url, CancellationToken ct)
            {
                await {|BLZ108:Task.Run(async () => { Console.WriteLine("pausing"); await Task.Delay(500, ct); Console.WriteLine("resumed"); })|};
                var page = await {|BLZ108:Task.Run(async () => { var text = await Io.GetAsync(url + "/index").ConfigureAwait(false); return text.Length; })|};
                await Task.Run(async () => { await Io.SendAsync(); Thread.Sleep(10); });          // blocks after its await
                await {|BLZ108:Task.Run(async () => { for (var i = 0; i < 3; i++) { await Io.SendAsync(); } })|}; // three passes
                await Task.Run(async () => { foreach (var c in url) { await Io.SendAsync(); } });     // input-sized: not provably cheap
                _ = Task.Run(async () => { await Task.Delay(500); Console.WriteLine("later"); });    // detached: not awaited
                var reads = new List<Task>();
                foreach (var part in url.Split('/'))
                {
                    reads.Add({|BLZ108:Task.Run(async () => { var text = await Io.GetAsync(part); Console.WriteLine(text); })|});
                }
                await Task.WhenAll(reads);                                                             // awaited together
                var workers = new List<Task>();
                for (var i = 0; i < Environment.ProcessorCount; i++) { workers.Add(Task.Run(() => Io.SendAsync())); } // starting workers
                await Task.WhenAll(workers);
            }
        }
        """);

    [Fact]
    public Task Ignores_sync_work_composite_delegates_and_sync_callers() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task A(string url)
            {
                var a = await Task.Run(() => Io.Parse(url));                       // sync work: not async I/O
                var b = await Task.Run(() => Io.GetAsync(Io.Parse(url)));          // the argument is sync work done on the pool
                await Task.Run(async () => { Io.Parse(url); await Io.SendAsync(); }); // a sync prefix is offloaded too
                var c = await Io.GetAsync(url);
            }
            void SyncCaller() => Task.Run(() => Io.SendAsync()).Wait();           // the usual escape from a sync context
        }
        """);

    [Fact]
    public Task Fix_awaits_the_call_directly() => VerifyFixAsync(Sources.Usings + Io + """
        class C
        {
            async Task<string> A(string url)
            {
                var a = await {|BLZ108:Task.Run(async () => await Io.GetAsync(url))|};
                var b = await {|BLZ108:Task.Run(() => Io.GetAsync(url))|};
                await {|BLZ108:Task.Run(Io.SendAsync)|};
                await {|BLZ108:Task.Run(async () => { await Io.SendAsync(); })|};
                return a + b;
            }
        }
        """, Sources.Usings + Io + """
        class C
        {
            async Task<string> A(string url)
            {
                var a = await Io.GetAsync(url);
                var b = await Io.GetAsync(url);
                await Io.SendAsync();
                await Io.SendAsync();
                return a + b;
            }
        }
        """);

    [Fact]
    public Task No_fix_for_start_new_or_a_token_argument() => VerifyNoFixAsync(Sources.Usings + Io + """
        class C
        {
            async Task A(CancellationToken token)
            {
                await await {|BLZ108:Task.Factory.StartNew(async () => await Io.SendAsync())|};
                await {|BLZ108:Task.Run(() => Io.SendAsync(), token)|};
            }
        }
        """);

    [Fact]
    public Task Fix_all() => VerifyFixAsync(Sources.Usings + Io + """
        class C { async Task A() { await {|BLZ108:Task.Run(() => Io.SendAsync())|}; await {|BLZ108:Task.Run(() => Io.SendAsync())|}; } }
        """, Sources.Usings + Io + """
        class C { async Task A() { await Io.SendAsync(); await Io.SendAsync(); } }
        """);

    [Fact]
    public Task Reports_a_task_awaited_right_away() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task<string> A(string url, CancellationToken ct)
            {
                var pending = {|BLZ108:Task.Run(() => Io.GetAsync(url))|};
                var a = await pending;                                                      // the next statement awaits it
                await {|BLZ108:Task.Run(() => Io.SendAsync())|}.ConfigureAwait(false);
                await await {|BLZ108:Task.Factory.StartNew(() => Io.SendAsync(), ct, TaskCreationOptions.None, TaskScheduler.Default)|};
                await Task.WhenAll({|BLZ108:Task.Run(() => Io.SendAsync())|}, {|BLZ108:Task.Run(() => Io.SendAsync())|}); // joined in place
                return a;
            }
        }
        """);

    [Fact]
    public Task Ignores_detached_starts_and_custom_schedulers() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            private Task? _pump;

            async Task A(string url, CancellationToken ct, List<Task> running, TaskScheduler scheduler)
            {
                _pump = Task.Run(() => Io.SendAsync());                                   // stored: a detached start
                _ = Task.Run(async () => await Io.SendAsync());                            // discarded: fire-and-forget
                Task.Run(() => Io.SendAsync());                                            // not awaited
                running.Add(Task.Run(() => Io.SendAsync()));                               // passed on
                var all = Task.WhenAll(Task.Run(() => Io.SendAsync()));                     // joined, but the join is kept
                _ = Task.Run(async () => { while (!ct.IsCancellationRequested) { await Io.SendAsync(); } }); // a detached loop
                var later = Task.Run(() => Io.GetAsync(url));
                await Io.SendAsync();
                await later;                                                               // awaited after other work: they overlap
                await await Task.Factory.StartNew(() => Io.SendAsync(), ct, TaskCreationOptions.None, scheduler);                 // not the pool
                await await Task.Factory.StartNew(() => Io.SendAsync(), ct, TaskCreationOptions.None, TaskScheduler.Current);     // ambiguous
                await await new TaskFactory(scheduler).StartNew(() => Io.SendAsync());
            }
        }
        """);

    [Fact]
    public Task No_fix_where_the_task_is_stored_before_the_await() => VerifyNoFixAsync(Sources.Usings + Io + """
        class C
        {
            async Task<string> A(string url)
            {
                var pending = {|BLZ108:Task.Run(() => Io.GetAsync(url))|};
                return await pending;
            }

            async Task B() => await Task.WhenAll({|BLZ108:Task.Run(() => Io.SendAsync())|}, {|BLZ108:Task.Run(() => Io.SendAsync())|});
        }
        """);

    [Fact]
    public Task Reports_a_start_that_a_constructor_or_sync_main_can_only_detach() => VerifyAsync(Sources.Usings + Io + """
        class ViewModel
        {
            public ViewModel(HttpClient client, string url)
            {
                {|BLZ108:Task.Run(async () => await WarmUpAsync())|};
                {|BLZ108:Task.Run(() => client.GetStringAsync(url))|};           // a library call returns at its first await
            }

            async Task<bool> WarmUpAsync() { return true; }
        }
        class Program
        {
            static void Main()
            {
                {|BLZ108:Task.Run(() => ServeAsync())|};
                {|BLZ108:Task.Run(ServeAsync)|};
                Console.ReadLine();
            }

            static async Task ServeAsync()
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 14000);
                listener.Start();
                while (true) { using var peer = await listener.AcceptTcpClientAsync(); } // a library's await: it yields there
            }
        }
        """);

    // A void method whose signature its base fixes (a page's OnAppearing, an interface member, an event handler) cannot
    // hand the task back either; a plain void method could have returned it, and an async one could have awaited it.
    [Fact]
    public Task Reports_a_start_that_a_void_override_interface_member_or_event_handler_can_only_detach() => VerifyAsync(Sources.Usings + Io + """
        abstract class Page { protected virtual void OnAppearing() { } }
        interface IStartable { void Start(); }
        class Model
        {
            public async Task LoadAsync() { await Task.Delay(10); Console.WriteLine("loaded"); }
        }
        class HomePage : Page, IStartable, IDisposable
        {
            private readonly Model _model = new();
            private readonly HttpClient _client = new();

            protected override void OnAppearing()
            {
                {|BLZ108:Task.Run(async () => { await Task.Delay(60); Console.WriteLine("shown"); })|};
                {|BLZ108:Task.Run(_model.LoadAsync)|};
            }

            public void Start() => {|BLZ108:Task.Run(async () => { await Task.Delay(10); Console.WriteLine("started"); })|};
            public void Dispose() => Task.Run(() => _client.GetStringAsync("https://example.com/bye")); // a library's call, unread: maybe teardown on purpose

            void OnClick(object sender, EventArgs e)
            {
                _ = {|BLZ108:Task.Run(async () => { var page = await _client.GetStringAsync("x"); Console.WriteLine(page.Length); })|};
            }

            public void Refresh() => Task.Run(async () => { await Task.Delay(60); Console.WriteLine("shown"); });      // could have returned the task
            public async Task RefreshAsync() { _ = Task.Run(() => _client.GetStringAsync("x")); await Task.Yield(); } // could have awaited it
            protected void OnTick(object sender, EventArgs e) => Task.Run(async () => { while (true) { await Task.Delay(10); } }); // a loop
        }
        """);

    [Fact]
    public Task Ignores_deliberate_detaches_and_starts_whose_sync_part_blocks() => VerifyAsync(Sources.Usings + Io + """
        class Service
        {
            private Task? _loop;

            public Service()
            {
                _loop = Task.Run(() => LoopAsync());                  // kept in a field
                _ = Task.Run(() => Io.SendAsync());                   // discarded on purpose
                Task.Run(() => SleepFirstAsync());                    // blocks before its first await
                Task.Run(() => SyncFirstAsync());                     // not async: runs wholly on the caller
                Task.Run(() => WarmAsync());                          // loops before its first await
                Task.Run(AcceptForeverAsync);                         // a worker loop: completed awaits would go round on the caller
                Task.Run(() => Io.SendAsync(), CancellationToken.None); // takes more than the delegate
                Task.Run(() => ParseThenSendAsync());                 // not async, and calls source code: its body runs on the pool here
            }

            public void Begin() => Task.Run(LoopAsync);               // could have returned or awaited the task: a chosen fire-and-forget
            public static void Run() { Task.Run(() => Io.SendAsync()); }

            async Task LoopAsync() { while (true) { await Task.Delay(1000); } }
            async Task AcceptForeverAsync() { while (true) { await ProcessNextAsync(); } }
            Task ProcessNextAsync() => Io.SendAsync();
            async Task SleepFirstAsync() { Thread.Sleep(100); await Io.SendAsync(); }
            Task SyncFirstAsync() { Io.Parse("x"); return Io.SendAsync(); }
            Task ParseThenSendAsync() => Task.FromResult(Io.Parse("x"));
            async Task WarmAsync() { for (var i = 0; i < 1000; i++) { Io.Parse("x"); } await Io.SendAsync(); }
        }
        """);

    [Fact]
    public Task Reports_one_pass_through_collected_for_an_awaited_when_all() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task<string> Compose(string path)
            {
                var parts = new List<Task<string>>();
                parts.Add(Task.FromResult("there"));
                parts.Add({|BLZ108:Task.Run(() => File.ReadAllTextAsync(path))|});   // a library call: it returns at its first await
                parts.Add({|BLZ108:Task.Run(() => GreetAsync())|});                  // reaches its first await without blocking
                var texts = await Task.WhenAll(parts);
                return texts[1] + texts[0];
            }

            async Task Each(string path, string[] paths)
            {
                var reads = new List<Task<string>>();
                for (var n = 0; n < 200; n++)
                {
                    reads.Add({|BLZ108:Task.Run(() => File.ReadAllTextAsync(path))|}); // a library call: it cannot go round on the caller
                    reads.Add({|BLZ108:Task.Run(async () => await File.ReadAllTextAsync(path))|}); // the same, awaited in the lambda
                }
                foreach (var item in paths)
                {
                    reads.Add({|BLZ108:Task.Run(() => File.ReadAllTextAsync(item))|}); // per input item: no thread is held while it waits
                }
                var pages = new[] { "a.txt", "b.txt" };
                foreach (var page in pages)
                {
                    reads.Add({|BLZ108:Task.Run(async () => { return await File.ReadAllTextAsync(page); })|}); // a list written out
                }
                await Task.WhenAll(reads);
            }

            async Task<string[]> Selected(HttpClient client, IEnumerable<string> urls)
            {
                var pages = await Task.WhenAll(urls.Select(u => {|BLZ108:Task.Run(() => client.GetStringAsync(u))|}));
                var listed = urls.Select(u => {|BLZ108:Task.Run(async () => await client.GetStringAsync(u))|}).ToList();
                await Task.WhenAll(listed);
                return pages;
            }

            async Task<string> GreetAsync() { var name = await Io.GetAsync("name"); return "hello " + name; }
        }
        """);

    [Fact]
    public Task Ignores_collected_starts_in_loops_kept_lists_and_blocking_starts() => VerifyAsync(Sources.Usings + Io + """
        class C
        {
            async Task Pipeline(string[] paths, List<Task> running)
            {
                var stages = new List<Task>();
                stages.Add(Task.Run(() => ProduceAsync()));              // loops before its first await: the hop lets it run beside the consumer
                stages.Add(Task.Run(() => ReadSlowlyAsync()));           // blocks before its first await
                stages.Add(Task.Run(() => SyncFirstAsync()));            // not async, and calls source code
                foreach (var path in paths)
                {
                    stages.Add(Task.Run(() => ConsumeAsync(path)));          // a worker loop per item: the hop starts them side by side
                }
                await Task.WhenAll(stages);
                await Task.WhenAll(paths.Select(p => Task.Run(() => ConsumeAsync(p))));   // the same, per element of a query
                var kept2 = paths.Select(p => Task.Run(() => Io.GetAsync(p))).ToList();   // never awaited together here
                running.AddRange(kept2);
                var kept = new List<Task>();
                kept.Add(Task.Run(() => Io.SendAsync()));                // never awaited here
                running.AddRange(kept);
            }

            async Task ProduceAsync() { for (var i = 0; i < 1000; i++) { Io.Parse("x"); } await Io.SendAsync(); }
            async Task ReadSlowlyAsync() { Thread.Sleep(100); await Io.SendAsync(); }
            async Task ConsumeAsync(string path) { while (true) { await Io.GetAsync(path); } }
            Task SyncFirstAsync() { Io.Parse("x"); return Io.SendAsync(); }
        }
        """);

    [Fact]
    public Task Reports_a_dropped_start_of_a_short_async_handler() => VerifyAsync(Sources.Usings + Io + """
        class EchoServer
        {
            public async Task Serve(System.Net.Sockets.Socket listening)
            {
                while (true)
                {
                    var peer = await listening.AcceptAsync();
                    {|BLZ108:Task.Run(async () => await Answer(peer))|};   // a few library calls per connection
                    _ = {|BLZ108:Task.Run(() => Answer(peer))|};
                }
            }

            public void Greet(System.Net.Sockets.Socket peer) { _ = {|BLZ108:Task.Run(() => Answer(peer))|}; }

            async Task Answer(System.Net.Sockets.Socket peer)
            {
                var incoming = new byte[peer.Available];
                await peer.ReceiveAsync(incoming);
                Console.WriteLine(System.Text.Encoding.UTF8.GetString(incoming));
                await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes("noted"));
            }
        }
        """);

    [Fact]
    public Task Ignores_dropped_starts_of_handlers_that_loop_block_or_call_source() => VerifyAsync(Sources.Usings + Io + """
        class Server
        {
            private Task? _session;
            private IAsyncDisposable _reader = null!;

            public async Task Serve(System.Net.Sockets.Socket listening, CancellationToken ct)
            {
                while (true)
                {
                    var peer = await listening.AcceptAsync();
                    Task.Run(() => Session(peer));                  // a read loop per connection
                    Task.Run(() => Logged(peer));                   // calls source code: its cost is not read here
                    Task.Run(() => Slow(peer));                     // blocks
                    Task.Run(() => Locked(peer));                   // takes a lock
                    Task.Run(() => Io.SendAsync());                 // not async: a stand-in whose body runs on the pool
                    Task.Run(() => Answer(peer), ct);               // takes more than the delegate
                    _session = Task.Run(() => Answer(peer));        // kept
                    _ = Task.Run(() => Release(peer, _reader));      // disposes through an interface: which Dispose runs is unknown
                }
            }

            async Task Release(System.Net.Sockets.Socket peer, IAsyncDisposable component)
            {
                await component.DisposeAsync();
                await peer.SendAsync(new byte[1]);
            }

            async Task Session(System.Net.Sockets.Socket peer)
            {
                var buffer = new byte[512];
                while (await peer.ReceiveAsync(buffer) > 0) { Console.WriteLine("got"); }
            }

            async Task Logged(System.Net.Sockets.Socket peer) { Io.Parse("peer"); await peer.SendAsync(new byte[1]); }
            async Task Slow(System.Net.Sockets.Socket peer) { await peer.SendAsync(new byte[1]); Thread.Sleep(100); }
            async Task Locked(System.Net.Sockets.Socket peer) { lock (this) { Console.WriteLine("x"); } await peer.SendAsync(new byte[1]); }
            async Task Answer(System.Net.Sockets.Socket peer) => await peer.SendAsync(new byte[1]);
        }
        """);

    [Fact]
    public Task No_fix_for_a_collected_start_or_a_dropped_handler() => VerifyNoFixAsync(Sources.Usings + Io + """
        class C
        {
            async Task<string[]> Compose(string path)
            {
                var parts = new List<Task<string>>();
                parts.Add({|BLZ108:Task.Run(() => File.ReadAllTextAsync(path))|});   // collected, not awaited in place
                return await Task.WhenAll(parts);
            }

            async Task Serve(System.Net.Sockets.Socket listening)
            {
                var peer = await listening.AcceptAsync();
                {|BLZ108:Task.Run(async () => await Answer(peer))|};                  // awaiting it here would hold the accept loop
            }

            async Task Answer(System.Net.Sockets.Socket peer) => await peer.SendAsync(new byte[1]);
        }
        """);

    [Fact]
    public Task Reports_a_start_any_non_async_main_detaches() => VerifyAsync(Sources.Usings + Io + """
        class Listener { public Task ListenAsync() => Task.Delay(10); }
        class Program
        {
            static Task Main(string[] args)
            {
                var client = new Listener();
                _ = {|BLZ108:Task.Run(() => client.ListenAsync())|};   // discarded in an entry point: detached by design either way
                Console.ReadKey(true);
                return Task.CompletedTask;
            }
        }
        class Tool
        {
            static int Main()
            {
                {|BLZ108:Task.Run(() => Io.SendAsync())|};
                return 0;
            }
        }
        """);

    [Fact]
    public Task Ignores_starts_an_async_main_or_a_helper_keeps_or_discards() => VerifyAsync(Sources.Usings + Io + """
        class Listener { public Task ListenAsync() => Task.Delay(10); }
        class Program
        {
            static async Task Main()
            {
                var client = new Listener();
                _ = Task.Run(() => client.ListenAsync());                // an async Main could await it: a chosen fire-and-forget
                await Io.SendAsync();
            }
        }
        class Tool
        {
            static Task Main()
            {
                var listening = Task.Run(() => Io.SendAsync());          // kept: the entry point returns it
                return listening;
            }

            static void Start() { _ = Task.Run(() => Io.SendAsync()); } // not an entry point
        }
        """);

    [Fact]
    public Task No_fix_for_a_start_that_can_only_be_detached() => VerifyNoFixAsync(Sources.Usings + Io + """
        class ViewModel
        {
            public ViewModel(HttpClient client) { {|BLZ108:Task.Run(() => client.GetStringAsync("https://example.com"))|}; }
        }
        """);

    [Fact]
    public Task Detached_message_advises_starting_the_call_directly() => VerifyAsync(Sources.Usings + Io + """
        class ViewModel { public ViewModel(HttpClient client, string url) { {|#0:Task.Run(() => client.GetStringAsync(url))|}; } }
        """, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ108").WithLocation(0).WithMessage(
            "'Task.Run' sends async I/O to the ThreadPool only to leave it running, which is pure overhead (bucket 1); start it directly: '_ = client.GetStringAsync(url)'"));

    [Fact]
    public Task Reports_an_async_polling_loop_that_awaits_on_every_pass() => VerifyAsync(Sources.Usings + Io + """
        class Keys
        {
            public static async Task<ConsoleKey> NextKeyAsync(CancellationToken token)
            {
                return await {|BLZ108:Task.Run(async () =>
                {
                    while (!token.IsCancellationRequested)
                    {
                        await Task.Delay(100, token);
                        if (Console.KeyAvailable)
                            return Console.ReadKey(false).Key;
                    }
                    throw new OperationCanceledException(token);
                }, token)|};
            }

            static async Task WaitForFlagAsync(Func<bool> ready) =>
                await {|BLZ108:Task.Run(async () => { while (true) { var delay = await Io.GetAsync("tick"); Console.WriteLine(delay); } })|};
        }
        """);

    [Fact]
    public Task Ignores_polling_loops_that_can_spin_or_block() => VerifyAsync(Sources.Usings + Io + """
        class Keys
        {
            bool _flag;

            async Task A(CancellationToken token)
            {
                await Task.Run(async () => { while (true) { if (_flag) { await Task.Delay(1); } } });                  // a pass may not await: it spins
                await Task.Run(async () => { while (true) { Console.WriteLine("x"); await Task.Delay(1); } });        // the await is not first
                await Task.Run(async () => { while (true) { await Task.Delay(100); Console.ReadKey(); } });           // a key read that waits
                await Task.Run(async () => { await Task.Delay(100); throw new KeysException(); });                    // a source exception's constructor
            }
        }
        class KeysException : Exception { public KeysException() : base(Describe()) { } static string Describe() => "no key"; }
        """);

    [Fact]
    public Task Reports_a_non_async_start_that_calls_only_the_framework() => VerifyAsync(Sources.Usings + Io + """
        class ViewModel
        {
            public ViewModel() { {|BLZ108:Task.Run(() => Io.GetAsync("x"))|}; }                 // Task.FromResult: returns at once
        }
        """);

    [Fact]
    public async Task Reports_an_async_delegate_that_a_constructor_or_sync_main_can_only_detach()
    {
        const string Source = """
            class Person { public string Name { get; set; } = ""; }
            class PeopleService { public Task<IEnumerable<Person>> GetPeopleAsync() => Task.FromResult<IEnumerable<Person>>(new[] { new Person { Name = "Ola" } }); }
            class PeopleListViewModel
            {
                public List<Person> People { get; private set; } = new();

                public PeopleListViewModel(HttpClient client)
                {
                    {|BLZ108:Task.Run(async () =>
                    {
                        var service = new PeopleService();
                        People = (await service.GetPeopleAsync()).ToList();
                    })|};
                    {|BLZ108:Task.Run(async () => { var page = await client.GetStringAsync("https://example.com"); Console.WriteLine(page.Length); })|};
                }
            }
            """;
        const string Message = "'Task.Run' sends an async delegate that only awaits async I/O around cheap work to the ThreadPool, only to leave it running, which is pure overhead (bucket 1); move its body into an async method and start that directly ('_ = LoadAsync()')";
        var first = Source.IndexOf("{|BLZ108:", StringComparison.Ordinal);
        var second = Source.IndexOf("{|BLZ108:", first + 1, StringComparison.Ordinal);
        var located = Source[..first] + "{|#0:" + Source[(first + 9)..second] + "{|#1:" + Source[(second + 9)..];
        await VerifyAsync(Sources.Usings + Io + located,
            BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ108").WithLocation(0).WithMessage(Message),
            BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ108").WithLocation(1).WithMessage(Message));
    }

    [Fact]
    public Task Ignores_detached_async_delegates_that_loop_block_or_are_chosen() => VerifyAsync(Sources.Usings + Io + """
        class Service
        {
            private Task? _refresh;
            public string Text { get; set; } = "";

            public Service(HttpClient client)
            {
                Task.Run(async () => { while (true) { await Task.Delay(1000); Text = await client.GetStringAsync("x"); } }); // a background loop
                Task.Run(async () => { Thread.Sleep(100); await Io.SendAsync(); });            // blocks
                Task.Run(async () => { Text = Io.Parse("x"); await Io.SendAsync(); });         // calls source code it does not read
                Task.Run(async () => await SleepFirstAsync());                                 // the awaited call blocks before its first await
                Task.Run(async () => { await SleepFirstAsync(); await Io.SendAsync(); });
                _refresh = Task.Run(async () => { Text = await client.GetStringAsync("x"); }); // kept in a field
            }

            public void Begin(HttpClient client) => Task.Run(async () => { Text = await client.GetStringAsync("x"); }); // could have returned the task

            async Task SleepFirstAsync() { Thread.Sleep(100); await Io.SendAsync(); }
        }
        """);

    // A sync-over-async helper hops to the pool before it blocks, so the delegate's synchronous start (unknown: it is
    // given from outside) runs off the caller's context: the hop is the point.
    [Fact]
    public Task Ignores_a_hop_of_a_delegate_given_from_outside() => VerifyAsync(Sources.Usings + """
        static class TaskHelper
        {
            public static void WaitSynchronously(Func<Task> taskFactory) => WaitInternal(taskFactory).Wait();

            private static async Task WaitInternal(Func<Task> taskFactory)
            {
                await Task.Run(async () => await taskFactory().ConfigureAwait(false)).ConfigureAwait(false);
                await Task.Run(() => taskFactory());
            }
        }
        """);
}
