using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Blitz.Analyzers.Tests.Deep;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ112ForeverLoopThroughCallTests
{
    private static readonly DeepVerifier Verifier = new(BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer(), new BLZ112ForeverLoopThroughCallAnalyzer()));

    private static Task VerifyFixAsync(string source, string fixedSource) =>
        BlitzCodeFixTest<BLZ112SpawnDedicatedCodeFix>.VerifyAsync(BlitzRulesAnalyzer.Hosting(new BLZ112ForeverLoopThroughCallAnalyzer()), source, fixedSource);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    private const string Daemon = Sources.Usings + """
        using System.Collections.Concurrent;
        public sealed class Daemon
        {
            private readonly BlockingCollection<int> _queue = new();
            public void Ping() { }
            public void KeepAlive() { do { Ping(); Thread.Sleep(250); } while (true); }
            public void Run() => KeepAlive();
            public void Pump(CancellationToken ct) { while (!ct.IsCancellationRequested) { Handle(_queue.Take()); } }
            public void Handle(int item) { }
            public void UntilSentinel() { while (true) { if (_queue.Take() < 0) { break; } } }
            public void Drain() { while (_queue.TryTake(out var item)) { Handle(item); } }
            public void Consume(CancellationToken ct) { foreach (var item in _queue.GetConsumingEnumerable(ct)) { Handle(item); } }
            public void WatchKeys() { while (Console.ReadKey(true).KeyChar != 'q') { Ping(); } }
            public async Task LoopAsync(CancellationToken ct) { while (true) { await Task.Delay(10, ct); } }
        }
        """;

    [Fact]
    public async Task Reports_pool_starts_of_methods_that_loop_forever_one_call_deep()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Daemon, Sources.Usings + """
            public sealed class Client
            {
                private readonly Daemon _daemon = new();
                public async Task ConnectAsync(CancellationToken ct)
                {
                    await Task.Yield();
                    _ = {|BLZ112:Task.Factory.StartNew|}(() => _daemon.KeepAlive());
                    _ = {|BLZ112:Task.Run|}(_daemon.Run);
                    {|BLZ112:ThreadPool.QueueUserWorkItem|}(_ => _daemon.Pump(ct));
                    _ = {|BLZ112:Task.Run|}(() => { _daemon.Ping(); _daemon.Pump(ct); }, ct);
                    _ = {|BLZ106:Task.Run|}(_daemon.KeepAlive);                     // the loop is the method's own: BLZ106
                    _ = {|BLZ112:BlitzRuntime.Default.SpawnBlocking<int, int>|}(0, (s, t) => { _daemon.Pump(t); return s; });
                    _ = {|BLZ112:Task.Run|}(async () => { await Task.Yield(); _daemon.Pump(ct); });    // an async delegate blocks the same
                    _ = {|BLZ112:Task.Factory.StartNew|}(async () => { await Task.Delay(10, ct); _daemon.KeepAlive(); }, TaskCreationOptions.LongRunning); // on the pool after the await
                }
            }
            """);

        Assert.Equal("'TaskFactory.StartNew' runs a method that never returns on a pool thread: TaskFactory.StartNew → KeepAlive → do … while (true) (bucket 4); "
            + "use 'BlitzRuntime.Default.SpawnDedicated'", diagnostics.First(d => d.Id == "BLZ112").GetMessage());
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Task.Run → Run → KeepAlive → do … while (true)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("ThreadPool.QueueUserWorkItem → Pump → while (!ct.IsCancellationRequested)"));
    }

    [Fact]
    public Task Ignores_long_running_dedicated_threads_bounded_and_async_loops() => Verifier.VerifyAsync(Daemon, Sources.Usings + """
        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            public void Start(CancellationToken ct)
            {
                _ = Task.Factory.StartNew(() => _daemon.KeepAlive(), TaskCreationOptions.LongRunning);
                _ = Task.Factory.StartNew(_daemon.Run, ct, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
                _ = BlitzRuntime.Default.SpawnDedicated("keep-alive", _ => _daemon.KeepAlive());
                new Thread(() => _daemon.KeepAlive()).Start();
                _ = Task.Run(() => _daemon.Drain());                               // polls: ends when the queue is empty
                _ = Task.Run(() => _daemon.LoopAsync(ct));
                _ = Task.Run(async () => await _daemon.LoopAsync(ct));
                _ = Task.Run(() => { Action later = () => _daemon.KeepAlive(); });   // only a nested lambda calls it
                _ = Task.Factory.StartNew(async () => { _daemon.KeepAlive(); await Task.Yield(); }, TaskCreationOptions.LongRunning); // loops before any await: its own thread
                _daemon.Run();                                                     // not sent to a pool (BLZ111's concern in async code)
            }
        }
        """);

    [Fact]
    public async Task Reports_pool_starts_of_methods_whose_loop_blocks_on_every_pass_until_a_flag_or_the_connection_ends()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Sources.Usings + """
            using System.Net.Sockets;
            public sealed class Poller
            {
                private volatile bool _stopping;
                public void Poll() { try { while (!_stopping) { Thread.Sleep(100); } } catch (Exception e) { Console.WriteLine(e.Message); } }
                public void Serve(Socket peer)
                {
                    var buffer = new byte[1024];
                    while (true)
                    {
                        var read = peer.Receive(buffer);
                        if (read == 0) { return; }
                        Console.WriteLine(read);
                    }
                }
                public void Retry(Socket peer) { while (true) { try { peer.Connect("example.org", 80); return; } catch (SocketException) { Thread.Sleep(500); } } }
                public void Stop() => _stopping = true;
            }
            """, Sources.Usings + """
            using System.Net.Sockets;
            public sealed class Host
            {
                private readonly Poller _poller = new();
                public void OnStart(Socket peer)
                {
                    _ = {|BLZ112:Task.Run|}(() => _poller.Poll());
                    {|BLZ112:ThreadPool.QueueUserWorkItem|}(_ => _poller.Serve(peer));
                    _ = Task.Run(() => _poller.Retry(peer));                            // leaves once connected: bounded
                    _ = Task.Factory.StartNew(() => _poller.Poll(), TaskCreationOptions.LongRunning);
                }
            }
            """);

        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Task.Run → Poll → while (!_stopping) blocking on Thread.Sleep"));
    }

    [Fact]
    public Task Reports_starting_a_task_built_unstarted_whose_work_loops_forever() => Verifier.VerifyAsync(Daemon, Sources.Usings + """
        public sealed class CommandConsole
        {
            private readonly Daemon _daemon = new();
            private readonly Task _readLoop;
            private Task? _pump;
            private readonly Task _spin = new Task(() => { while (true) { Thread.Sleep(10); } });

            public CommandConsole() => _readLoop = new Task(() => _daemon.KeepAlive());

            public void Start(CancellationToken ct)
            {
                {|BLZ112:_readLoop.Start|}();
                _pump = new Task(() => _daemon.Pump(ct), ct);
                {|BLZ112:_pump.Start|}(TaskScheduler.Default);
                {|BLZ106:_spin.Start|}();
                var local = new Task<int>(() => { _daemon.Run(); return 0; });
                {|BLZ112:local.Start|}();
            }
        }
        """);

    [Fact]
    public Task Ignores_unstarted_tasks_with_their_own_thread_another_scheduler_or_unknown_work() => Verifier.VerifyAsync(Daemon, Sources.Usings + """
        public sealed class CommandConsole
        {
            private readonly Daemon _daemon = new();
            private Task _twice = new Task(() => { });
            private readonly Task _bounded;

            public CommandConsole(Task given)
            {
                _twice = new Task(() => _daemon.KeepAlive());                           // assigned twice: which one starts is unknown
                _bounded = new Task(() => _daemon.Drain());
            }

            public void Start(Task given, TaskScheduler scheduler)
            {
                _twice.Start();
                _bounded.Start();                                                     // ends when the queue is empty
                given.Start();                                                        // built elsewhere
                new Task(() => _daemon.KeepAlive(), TaskCreationOptions.LongRunning).Start(); // not a local nor a field: unknown here
                var own = new Task(() => _daemon.KeepAlive(), TaskCreationOptions.LongRunning);
                own.Start();                                                          // a thread of its own
                var elsewhere = new Task(() => _daemon.KeepAlive());
                elsewhere.Start(scheduler);                                           // a scheduler the analyzer cannot see
            }
        }
        """);

    private const string Feed = Sources.Usings + """
        using System.Collections.Concurrent;
        public sealed class Feed
        {
            private readonly BlockingCollection<string> _queue = new();
            public async Task ReadAllAsync(CancellationToken ct)
            {
                {|BLZ106:while|} (!ct.IsCancellationRequested) { var item = _queue.Take(); await Task.Delay(item.Length, ct); }
            }
            public async Task PumpAsync()
            {
                await Task.Yield();
                {|BLZ106:while|} (true) { var line = Console.ReadLine(); await Task.Delay(line?.Length ?? 0); }
            }
            public async Task OnlyAwaitsAsync(CancellationToken ct) { while (!ct.IsCancellationRequested) { await Task.Delay(10, ct); } }
            public async Task PacedAsync(ManualResetEventSlim stop) { while (!stop.Wait(1000)) { await Task.Yield(); } }
        }
        """;

    [Fact]
    public async Task Reports_pool_starts_of_async_methods_whose_lifetime_loop_blocks()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Feed, Sources.Usings + """
            public sealed class FeedHost
            {
                private readonly Feed _feed = new();
                public Task StartAsync(CancellationToken ct)
                {
                    _ = {|BLZ112:Task.Run|}(async () => await _feed.ReadAllAsync(ct), ct);
                    _ = {|BLZ112:Task.Run|}(() => _feed.ReadAllAsync(ct));
                    _ = {|BLZ112:Task.Run|}(_feed.PumpAsync);
                    _ = {|BLZ112:Task.Factory.StartNew|}(async () => { try { await _feed.PumpAsync(); } catch (InvalidOperationException) { } });
                    _ = {|BLZ112:Task.Factory.StartNew|}(async () => await _feed.ReadAllAsync(ct), TaskCreationOptions.LongRunning); // on the pool after the loop's first await
                    return Task.CompletedTask;
                }
            }
            """);

        Assert.Equal("'Task.Run' runs a method that never returns on a pool thread: Task.Run → ReadAllAsync → while (!ct.IsCancellationRequested) blocking on BlockingCollection.Take "
            + "(bucket 4); use 'BlitzRuntime.Default.SpawnDedicated'", diagnostics.First(d => d.Id == "BLZ112").GetMessage());
        Assert.All(diagnostics.Where(d => d.Id == "BLZ112"), d => Assert.False(d.Properties.ContainsKey(Blitz.Analyzers.Common.DiagnosticProperties.FixKind)));
    }

    [Fact]
    public Task Ignores_starts_of_async_methods_that_only_await_or_pace_with_a_timeout() => Verifier.VerifyAsync(Feed, Sources.Usings + """
        public sealed class FeedHost
        {
            private readonly Feed _feed = new();
            public async Task StartAsync(CancellationToken ct, ManualResetEventSlim stop)
            {
                _ = Task.Run(async () => await _feed.OnlyAwaitsAsync(ct));
                _ = Task.Run(() => _feed.PacedAsync(stop));
                _ = BlitzRuntime.Default.SpawnDedicated("feed", _ => _feed.ReadAllAsync(ct).GetAwaiter().GetResult());
                await _feed.ReadAllAsync(ct);                                     // the caller's own flow: BLZ106 reports the loop itself
            }
        }
        """);

    [Fact]
    public Task Local_functions_passed_by_name_are_followed_by_BLZ106() => Verifier.VerifyAsync(Sources.Usings + """
        public sealed class Worker
        {
            public void Start()
            {
                _ = {|BLZ106:Task.Run|}(Loop);
                _ = {|BLZ112:Task.Run|}(Outer);
                void Loop() { while (true) { Thread.Sleep(100); } }
                void Outer() => Loop();
            }
        }
        """);

    [Fact]
    public Task Fix_moves_a_discarded_start_to_a_dedicated_thread_that_observes_its_stop_token() => VerifyFixAsync(Daemon + """

        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            private readonly CancellationTokenSource _cts = new();
            public void Start(CancellationToken ct)
            {
                _ = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct));
                {|BLZ112:Task.Factory.StartNew|}(() => _daemon.Pump(_cts.Token));
                _ = {|BLZ112:Task.Run|}(() => { int stopToken = 0; _daemon.Ping(); _daemon.Pump(ct); });
            }
        }
        """, Daemon + """

        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            private readonly CancellationTokenSource _cts = new();
            public void Start(CancellationToken ct)
            {
                _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken);
                    _daemon.Pump(linked.Token);
                });
                BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token, stopToken);
                    _daemon.Pump(linked.Token);
                });
                _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken1 =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken1);
                    int stopToken = 0; _daemon.Ping(); _daemon.Pump(linked.Token);
                });
            }
        }
        """);

    /// <summary>
    /// Each shape the fix rewrites hands the loop a token that the stop token cancels; the shapes it cannot rewrite so
    /// (a method group, a loop written in the lambda: BLZ106's, which has no fix) keep their start.
    /// </summary>
    [Fact]
    public async Task Fixed_loops_observe_their_stop_token_in_every_shape()
    {
        const string Fixed = Daemon + """

            public sealed class Client
            {
                private readonly Daemon _daemon = new();
                public void Start(CancellationToken ct)
                {
                    _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                    {
                        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken);
                        _daemon.Pump(linked.Token);
                    });
                    _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                    {
                        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken);
                        _daemon.Ping();
                        _daemon.Pump(linked.Token);
                    });
                    _ = {|BLZ112:Task.Run|}(_daemon.Run);
                    _ = Task.Run(() => { while (!ct.IsCancellationRequested) { _daemon.Ping(); } });
                }
            }
            """;
        await VerifyFixAsync(Daemon + """

            public sealed class Client
            {
                private readonly Daemon _daemon = new();
                public void Start(CancellationToken ct)
                {
                    _ = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct));
                    _ = {|BLZ112:Task.Run|}(() =>
                    {
                        _daemon.Ping();
                        _daemon.Pump(ct);
                    });
                    _ = {|BLZ112:Task.Run|}(_daemon.Run);
                    _ = Task.Run(() => { while (!ct.IsCancellationRequested) { _daemon.Ping(); } });
                }
            }
            """, Fixed);

        var spawns = CSharpSyntaxTree.ParseText(Fixed.Replace("{|BLZ112:", "").Replace("|}", "")).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SpawnDedicated" }).ToList();
        Assert.Equal(2, spawns.Count);
        foreach (var spawn in spawns)
        {
            // The stop token links into the token the loop reads: Pump's loop is 'while (!ct.IsCancellationRequested)'.
            var loop = Assert.IsType<SimpleLambdaExpressionSyntax>(spawn.ArgumentList.Arguments[1].Expression);
            var link = loop.Block!.Statements.OfType<LocalDeclarationStatementSyntax>().Single().Declaration.Variables.Single();
            Assert.Contains(link.Initializer!.Value.DescendantNodes().OfType<IdentifierNameSyntax>(), n => n.Identifier.ValueText == loop.Parameter.Identifier.ValueText);
            Assert.Contains(loop.Block.DescendantNodes().OfType<InvocationExpressionSyntax>(), call => call.Expression.ToString() == "_daemon.Pump"
                && call.ArgumentList.Arguments.Single().Expression.ToString() == link.Identifier.ValueText + ".Token");
        }
    }

    [Fact]
    public Task Fix_all() => VerifyFixAsync(Daemon + """

        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            public void Start(CancellationToken ct)
            {
                _ = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct));
                _ = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct));
            }
        }
        """, Daemon + """

        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            public void Start(CancellationToken ct)
            {
                _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken);
                    _daemon.Pump(linked.Token);
                });
                _ = BlitzRuntime.Default.SpawnDedicated("Pump", stopToken =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopToken);
                    _daemon.Pump(linked.Token);
                });
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_loop_could_not_see_the_stop_token() => VerifyNoFixAsync(Daemon + """

        public sealed class Blind
        {
            private readonly Daemon _daemon = new();
            public void Spin(CancellationToken ignored) { while (true) { _daemon.Ping(); } }
            public void Start(CancellationToken ct)
            {
                _ = {|BLZ112:Task.Run|}(() => _daemon.KeepAlive());                                       // takes no token: it would never stop
                {|BLZ112:Task.Factory.StartNew|}(_daemon.Run);                                            // the same, by name
                _ = {|BLZ112:Task.Run|}(() => Spin(ct));                                                  // takes a token its loop never reads
                _ = {|BLZ112:Task.Run|}(() => { if (ct.IsCancellationRequested) { return; } _daemon.Pump(ct); }); // the token is read, not only passed on
                _ = {|BLZ112:Task.Run|}(() => { _daemon.Pump(ct); Action later = () => _daemon.Pump(ct); });     // a nested function keeps the old token
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_task_is_kept_or_takes_more_arguments() => VerifyNoFixAsync(Daemon + """

        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            private Task? _keepAlive;
            public void Start(CancellationToken ct)
            {
                _keepAlive = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct));
                _ = {|BLZ112:Task.Run|}(() => _daemon.Pump(ct), ct);
                {|BLZ112:ThreadPool.QueueUserWorkItem|}(_ => _daemon.Pump(ct));
            }
        }
        """);

    [Fact]
    public Task Ignores_start_new_on_a_scheduler_that_is_not_the_pool() => Verifier.VerifyAsync(Daemon, Sources.Usings + """
        public sealed class Client
        {
            private readonly Daemon _daemon = new();
            public void Start(CancellationToken ct, TaskScheduler scheduler)
            {
                _ = Task.Factory.StartNew(() => _daemon.KeepAlive(), ct, TaskCreationOptions.None, scheduler);
                _ = Task.Factory.StartNew(() => _daemon.KeepAlive(), ct, TaskCreationOptions.None, TaskScheduler.Current);
                _ = new TaskFactory(scheduler).StartNew(() => _daemon.Pump(ct));
                _ = {|BLZ112:Task.Factory.StartNew|}(() => _daemon.KeepAlive(), ct, TaskCreationOptions.None, TaskScheduler.Default);
            }
        }
        """);

    [Fact]
    public async Task Reports_pool_starts_of_methods_whose_lifetime_loop_blocks_on_input()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Daemon, Sources.Usings + """
            public sealed class Client
            {
                private readonly Daemon _daemon = new();
                public JobQueue Start(CancellationToken ct)
                {
                    _ = {|BLZ112:Task.Run|}(() => _daemon.UntilSentinel());            // a sentinel ends it only with its input
                    _ = {|BLZ112:Task.Factory.StartNew|}(() => { _daemon.WatchKeys(); });
                    {|BLZ112:ThreadPool.QueueUserWorkItem|}(_ => _daemon.Consume(ct));
                    return new JobQueue();
                }
            }
            public sealed class JobQueue
            {
                private readonly System.Collections.Concurrent.BlockingCollection<Action> _jobs = new();
                public JobQueue() { for (var n = 0; n < 2; n++) { {|BLZ112:Task.Factory.StartNew|}(Drain); } } // the loop is the method's own, but not a forever loop: not BLZ106's
                private void Drain() { foreach (var job in _jobs.GetConsumingEnumerable()) { job(); } }
            }
            """);

        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Task.Run → UntilSentinel → while (true) blocking on BlockingCollection.Take"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("TaskFactory.StartNew → Drain → foreach over BlockingCollection.GetConsumingEnumerable"));
    }

    [Fact]
    public Task A_lifetime_loop_one_call_away_is_not_blocking_work_for_the_blocking_pool() => LoopAndBlockingRules.VerifyAsync(Daemon, Sources.Usings + """
        public sealed class Program
        {
            private readonly Daemon _daemon = new();
            public static void Main()
            {
                var program = new Program();
                var keys = {|BLZ112:Task.Run|}(() => { program._daemon.WatchKeys(); });
                var sleeper = {|BLZ109:Task.Run|}(() => { program.Nap(); });
                Task.WaitAll(keys, sleeper);
            }
            private void Nap() => Thread.Sleep(100);
        }
        """);

    private static readonly DeepVerifier LoopAndBlockingRules = new(
        BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer(), new BLZ112ForeverLoopThroughCallAnalyzer()),
        BlitzSuggestionsAnalyzer.Hosting(new BLZ109BlockingOnThreadPoolAnalyzer()));
}
