using Blitz.Analyzers.Buckets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ106ForeverLoopOnPoolTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    [Fact]
    public Task A_forever_loop_that_sleeps_on_the_pool_gets_one_diagnostic_that_says_dedicated_thread() => BlitzAnalyzerTest.VerifyAsync(
        [BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer()), BlitzSuggestionsAnalyzer.Hosting(new BLZ109BlockingOnThreadPoolAnalyzer())], Sources.Usings + """
            class Heartbeat
            {
                async Task StartAsync()
                {
                    await Task.Yield();
                    _ = {|BLZ106:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } });
                    await {|BLZ109:Task.Run|}(() => { Thread.Sleep(1000); });
                }
            }
            """);

    [Fact]
    public Task The_message_holds_for_a_loop_that_never_checks_a_token() => VerifyAsync(Sources.Usings + """
        class Heartbeat { void Start() => _ = {|#0:Task.Run|}(() => { while (true) { Thread.Sleep(1000); } }); }
        """, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ106").WithLocation(0)
            .WithMessage("'Task.Run' runs a loop that runs for the life of the app and holds a pool thread all that time (bucket 4); use 'BlitzRuntime.SpawnDedicated'"));

    [Fact]
    public Task Reports_forever_loops_sent_to_pools() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        partial class Consumer
        {
            readonly BlockingCollection<int> _queue = new();
            void Handle(int item) { }
            void Loop() { while (true) { Handle(_queue.Take()); } }

            void Start(CancellationToken token)
            {
                _ = {|BLZ106:Task.Run|}(() => { while (true) { Handle(_queue.Take()); } });
                _ = {|BLZ106:Task.Run|}(() =>
                {
                    for (;;)
                    {
                        if (token.IsCancellationRequested) { break; } // cancellation is the only exit
                        Handle(_queue.Take());
                    }
                });
                _ = {|BLZ106:Task.Factory.StartNew|}(() => { while (!token.IsCancellationRequested) { Handle(_queue.Take()); } });
                {|BLZ106:ThreadPool.QueueUserWorkItem|}(_ => { do { Handle(_queue.Take()); } while (true); });
                _ = {|BLZ106:Task.Run|}(Loop);
                _ = {|BLZ106:BlitzRuntime.Default.SpawnBlocking<int, int>|}(0, (s, ct) => { while (true) { Handle(_queue.Take()); } });
                _ = {|BLZ106:BlitzRuntime.Default.SpawnBlocking|}(_ => { while (true) { Handle(_queue.Take()); } });
                _ = {|BLZ106:BlitzRuntime.Default.TrySpawnBlocking|}(ct => { while (!ct.IsCancellationRequested) { Handle(_queue.Take()); } }, out ValueTask pumping);
                _ = {|BLZ106:BlitzRuntime.Default.SpawnCpu|}(this, static (self, _) => { while (true) { self.Handle(self._queue.Take()); } });
            }

            [Blocking] public void Pump() { {|BLZ106:while|} (true) { Handle(_queue.Take()); } }
        }
        """);

    [Fact]
    public Task Ignores_bounded_loops_async_loops_long_running_and_dedicated_threads() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        using System.Threading.Channels;
        partial class Consumer
        {
            readonly BlockingCollection<int> _queue = new();
            bool Handle(int item) => item > 0;

            void Start(CancellationToken token, Channel<int> channel)
            {
                _ = Task.Run(() => { while (true) { if (!Handle(_queue.TryTake(out var item) ? item : 0)) { break; } } }); // blocks nowhere, and ends
                _ = Task.Run(async () => { while (true) { Handle(await channel.Reader.ReadAsync(token)); } }); // awaits: holds no thread
                _ = Task.Factory.StartNew(() => { while (true) { Handle(_queue.Take()); } }, TaskCreationOptions.LongRunning);
                _ = new Thread(() => { while (true) { Handle(_queue.Take()); } });
                _ = BlitzRuntime.Default.SpawnDedicated("consumer", ct => { while (!ct.IsCancellationRequested) { Handle(_queue.Take()); } });
                _ = Task.Run(() => { Action nested = () => { while (true) { } }; });                     // only a nested lambda loops
                _ = Task.Run(() => { for (var i = 0; i < 10; i++) { Handle(i); } });
            }

            [Blocking] public int Drain() { var n = 0; while (true) { if (!Handle(_queue.Take())) { return n; } n++; } }
            void NotOffloaded() { while (true) { Handle(_queue.Take()); } }
        }
        """);

    private const string Queue = """
        using System.Collections.Concurrent;
        using System.Threading.Channels;
        partial class Shared
        {
            public readonly BlockingCollection<string> Queue = new();
            public readonly Channel<string> Channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
            public readonly AutoResetEvent Signal = new(false);
            public readonly ManualResetEventSlim Ready = new();
            public Task SendAsync(string s) => Task.CompletedTask;
            public void Handle(string s) { }
        }

        """;

    [Fact]
    public Task Reports_async_lifetime_loops_that_block_on_the_pool() => VerifyAsync(Sources.Usings + Queue + """
        partial class Consumer
        {
            readonly Shared _s = new();

            void Start(CancellationToken token)
            {
                _ = {|BLZ106:Task.Run|}(async () => { while (true) { var item = _s.Queue.Take(); await _s.SendAsync(item); } });
                _ = {|BLZ106:Task.Run|}(async () => { while (!token.IsCancellationRequested) { _s.Signal.WaitOne(); await _s.SendAsync("tick"); } });
                {|BLZ106:ThreadPool.QueueUserWorkItem|}(async _ => { while (true) { await _s.SendAsync(_s.Queue.Take()); } });
                _ = {|BLZ106:Task.Run|}(() => { foreach (var item in _s.Queue.GetConsumingEnumerable(token)) { _s.Handle(item); } });
                _ = {|BLZ106:Task.Run|}(async () => { foreach (var item in _s.Queue.GetConsumingEnumerable(token)) { await _s.SendAsync(item); } });
                _ = {|BLZ106:Task.Factory.StartNew|}(async () => { for (;;) { _s.Ready.Wait(token); await _s.SendAsync("ready"); } });
            }
        }
        """);

    [Fact]
    public Task Reports_long_running_async_delegates_whose_loop_runs_on_the_pool_after_an_await() => VerifyAsync(Sources.Usings + Queue + """
        partial class Consumer
        {
            readonly Shared _s = new();

            void Start(CancellationToken token)
            {
                _ = {|BLZ106:Task.Factory.StartNew|}(async () => { while (!token.IsCancellationRequested) { var line = _s.Queue.Take(token); await _s.SendAsync(line); } }, TaskCreationOptions.LongRunning);
                _ = {|BLZ106:Task.Factory.StartNew|}(async () => { await _s.SendAsync("hello"); while (true) { _s.Handle(_s.Queue.Take()); } }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                _ = {|BLZ106:Task.Factory.StartNew|}(async () => { await Task.Yield(); while (true) { _s.Handle("spin"); } }, TaskCreationOptions.LongRunning);
                _ = {|BLZ106:Task.Factory.StartNew|}(async () => { while (!token.IsCancellationRequested) { await _s.SendAsync(await _s.Channel.Reader.ReadAsync(token)); } }, TaskCreationOptions.LongRunning); // the thread is given up
                _ = Task.Factory.StartNew(async () => { await _s.SendAsync("once"); }, TaskCreationOptions.LongRunning);                  // no loop: not a lifetime loop
            }
        }
        """);

    [Fact]
    public Task Reports_async_delegates_given_a_thread_of_their_own_whose_loop_then_runs_on_the_pool() => VerifyAsync(Sources.Usings + Queue + """
        partial class Consumer
        {
            readonly Shared _s = new();

            void Start(CancellationToken token)
            {
                new {|BLZ106:Thread|}(async () => { while (!token.IsCancellationRequested) { var line = _s.Queue.Take(token); await _s.SendAsync(line); } }).Start();
                var reader = new {|BLZ106:Thread|}(async () => { await _s.SendAsync("hello"); while (true) { _s.Handle(Console.ReadLine() ?? ""); } }) { IsBackground = true };
                reader.Start();
                _ = {|BLZ106:BlitzRuntime.Default.SpawnDedicated|}("pump", async stop => { while (!stop.IsCancellationRequested) { await _s.SendAsync(await _s.Channel.Reader.ReadAsync(stop)); } });
            }
        }
        """);

    [Fact]
    public Task Ignores_threads_of_their_own_with_sync_loops_or_async_work_that_does_not_loop() => VerifyAsync(Sources.Usings + Queue + """
        partial class Consumer
        {
            readonly Shared _s = new();

            void Start(CancellationToken token)
            {
                new Thread(() => { while (true) { _s.Handle(_s.Queue.Take()); } }).Start();                       // a sync loop on its own thread: right
                _ = BlitzRuntime.Default.SpawnDedicated("pump", stop => { foreach (var s in _s.Queue.GetConsumingEnumerable(stop)) { _s.Handle(s); } });
                new Thread(async () => { await _s.SendAsync("once"); }).Start();                                 // no loop
                new Thread(async () => { while (true) { _s.Handle(_s.Queue.Take()); } await _s.SendAsync("never"); }).Start(); // blocks before any await: on its thread
                new Thread(Run).Start();
            }

            void Run() { while (true) { _s.Handle(_s.Queue.Take()); } }
        }
        """);

    [Fact]
    public Task Long_running_async_message_explains_the_first_await() => VerifyAsync(Sources.Usings + Queue + """
        class Consumer
        {
            readonly Shared _s = new();
            void Start(CancellationToken token) =>
                {|#0:Task.Factory.StartNew|}(async () => { while (!token.IsCancellationRequested) { await _s.SendAsync(_s.Queue.Take(token)); } }, TaskCreationOptions.LongRunning);
            async Task PumpAsync() { {|#1:while|} (true) { await _s.SendAsync(Console.ReadLine() ?? ""); } }
        }
        """,
        BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ106").WithLocation(0).WithMessage(
            "The forever loop of the async delegate that 'TaskFactory.StartNew' starts with LongRunning runs on ThreadPool threads after its first await "
            + "(LongRunning gives an async delegate a thread of its own only until its first await) and blocks one on every pass (BlockingCollection.Take) (bucket 4); "
            + "run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'"),
        BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ106").WithLocation(1).WithMessage(
            "The forever loop of async method 'PumpAsync' blocks a thread on every pass (Console.ReadLine): an async method runs on the caller's thread until its "
            + "first await and on ThreadPool threads after it (bucket 4); run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'"));

    [Fact]
    public Task Reports_async_methods_whose_forever_loop_blocks_on_a_read() => VerifyAsync(Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            async Task ReplAsync() { {|BLZ106:while|} (true) { var line = Console.ReadLine(); await _s.SendAsync(line ?? ""); } }
            async Task PumpAsync(CancellationToken ct)
            {
                await Task.Yield();
                {|BLZ106:while|} (!ct.IsCancellationRequested) { var a = _s.Queue.Take(ct); var b = _s.Queue.Take(ct); await _s.SendAsync(a + b); } // one report per loop
            }
            async Task ConsumeAsync(CancellationToken ct) { {|BLZ106:foreach|} (var item in _s.Queue.GetConsumingEnumerable(ct)) { await _s.SendAsync(item); } }
            async Task TakeAsync(CancellationToken ct) { {|BLZ106:while|} (true) { if (_s.Queue.TryTake(out var item, Timeout.Infinite, ct)) { await _s.SendAsync(item); } } }
            async Task KeysAsync() { {|BLZ106:do|} { var key = Console.ReadKey(intercept: true); await _s.SendAsync(key.KeyChar.ToString()); } while (true); }
            async Task OuterAsync()
            {
                await LoopAsync();
                async Task LoopAsync() { {|BLZ106:for|} (;;) { _s.Signal.WaitOne(TimeSpan.FromSeconds(1)); await _s.SendAsync("flush"); } }
            }
        }
        """);

    [Fact]
    public Task Reports_socket_readiness_loops_that_block_and_not_those_that_poll() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class Listener
        {
            Task HandleAsync(Socket socket) => Task.CompletedTask;
            async Task WaitAsync(Socket socket, CancellationToken ct)
            {
                {|BLZ106:while|} (!ct.IsCancellationRequested) { if (socket.Poll(1000, SelectMode.SelectRead)) { await HandleAsync(socket); } }
            }
            async Task SelectAsync(List<Socket> sockets, CancellationToken ct)
            {
                {|BLZ106:while|} (!ct.IsCancellationRequested) { var ready = new List<Socket>(sockets); Socket.Select(ready, null, null, 1000); foreach (var s in ready) { await HandleAsync(s); } }
            }
            async Task PollAsync(Socket socket, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested) { if (socket.Poll(0, SelectMode.SelectRead)) { await HandleAsync(socket); } await Task.Delay(100, ct); } // a zero timeout: a poll
            }
        }
        """);

    [Fact]
    public Task Reports_lifetime_loops_that_end_with_their_input_once() => BlitzAnalyzerTest.VerifyAsync(BothRules, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            // The loop lives as long as its input: BLZ106 reports the loop, and BLZ103 leaves its read alone.
            async Task ReplAsync()
            {
                {|BLZ106:while|} (true)
                {
                    var line = Console.ReadLine();
                    if (line == "exit") { return; }
                    await _s.SendAsync(line ?? "");
                }
            }
            void Start()
            {
                // A sentinel exit ends the loop only with its input: it still blocks a pool thread for as long as that lives.
                _ = {|BLZ106:Task.Run|}(() => { while (true) { var item = _s.Queue.Take(); if (item.Length == 0) { break; } _s.Handle(item); } });
                _ = {|BLZ106:Task.Run|}(() => { while (true) { if (_s.Queue.Take() == "stop") { return; } } });
                _ = {|BLZ106:Task.Run|}(() => { while (true) { switch (_s.Queue.Take()) { case "": goto done; default: break; } } done:; });
            }
            async Task KeyAsync(CancellationToken ct)
            {
                // A key read behind KeyAvailable returns at once: the loop blocks nowhere.
                while (!ct.IsCancellationRequested) { await Task.Delay(100, ct); if (Console.KeyAvailable) { await _s.SendAsync(Console.ReadKey(false).KeyChar.ToString()); } }
            }
        }
        """);

    private static readonly DiagnosticAnalyzer[] WithSleeps =
        [BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer(), new BLZ103BlockingWaitAnalyzer(), new BLZ101ThreadSleepAnalyzer())];

    [Fact]
    public Task Reports_async_loops_that_end_on_the_input_they_read_in_their_body() => BlitzAnalyzerTest.VerifyAsync(WithSleeps, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            async Task MenuAsync()
            {
                var pressed = new ConsoleKeyInfo();
                {|BLZ106:while|} (pressed.Key != ConsoleKey.Q)
                {
                    await _s.SendAsync("menu");
                    pressed = Console.ReadKey();
                }
            }
            async Task UntilStopAsync()
            {
                var item = "";
                {|BLZ106:do|} { item = _s.Queue.Take(); await _s.SendAsync(item); } while (item != "stop");
            }
            async Task UntilQuitAsync()
            {
                var key = ' ';
                {|BLZ106:while|} (key != 'q') { key = Console.ReadKey(true).KeyChar; await _s.SendAsync(key.ToString()); }
            }
        }
        """);

    [Fact]
    public Task Leaves_an_async_method_that_only_waits_for_a_key_and_loops_not_fed_by_their_wait_to_the_per_call_rules() => BlitzAnalyzerTest.VerifyAsync(WithSleeps, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();
            bool _done;

            async Task WaitForEnterAsync()
            {
                await _s.SendAsync("started");
                while ({|BLZ103:Console.ReadKey()|}.Key != ConsoleKey.Enter) { {|BLZ101:Thread.Sleep(100)|}; } // one long wait for Enter, not a loop that serves
            }
            async Task WaitForEscapeAsync()
            {
                await _s.SendAsync("started");
                while ({|BLZ103:Console.ReadKey(true)|}.Key != ConsoleKey.Escape) { }
            }
            async Task TimedAsync()
            {
                var signalled = false;
                while (!signalled) { await _s.SendAsync("tick"); signalled = {|BLZ103:_s.Signal.WaitOne(1000)|}; } // a wait with a timeout: a pace
            }
            async Task FlagAsync()
            {
                var key = ' ';
                while (!_done) { await _s.SendAsync("x"); key = {|BLZ103:Console.ReadKey(true)|}.KeyChar; } // the condition does not read what the wait gave
            }
            async Task PromptAsync()
            {
                var name = {|BLZ103:Console.ReadLine()|};
                while (string.IsNullOrWhiteSpace(name)) { Console.Write("a name, please: "); name = {|BLZ103:Console.ReadLine()|}; } // asks again until valid, no await
                await _s.SendAsync(name);
            }
        }
        """);

    [Fact]
    public Task Reports_async_endless_loops_paced_by_a_sleep_that_await_only_pool_work_once() => BlitzAnalyzerTest.VerifyAsync(WithSleeps, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();
            int _pause = 500;

            async void PollForever()
            {
                {|BLZ106:while|} (true)
                {
                    Thread.Sleep(6000);
                    await Task.Run(() => _s.Handle("ping"));
                    Thread.Sleep(1000);
                }
            }
            async Task RefreshAsync(CancellationToken token)
            {
                {|BLZ106:while|} (!token.IsCancellationRequested) { await Task.Run(() => _s.Handle("refresh")).ConfigureAwait(false); Thread.Sleep(TimeSpan.FromSeconds(5)); }
            }
            async Task SpinAfterStartAsync()
            {
                await _s.SendAsync("started");
                {|BLZ106:for|} (;;) { Thread.Sleep(_pause); _s.Handle("tick"); }  // never awaits again
            }
            void Start()
            {
                async Task Local() { {|BLZ106:do|} { Thread.Sleep(2000); await Task.Run(() => _s.Handle("tick")); } while (true); }
                _ = Local();
            }
        }
        """);

    [Fact]
    public Task Leaves_sleeps_in_loops_that_await_real_work_or_end_or_sleep_conditionally_to_BLZ101() => BlitzAnalyzerTest.VerifyAsync(WithSleeps, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();
            bool _busy;

            async Task PaceAsync() { while (true) { await _s.SendAsync("x"); {|BLZ101:Thread.Sleep(5000)|}; } }                // gives its thread back each pass
            async Task WhenBusyAsync() { while (true) { await Task.Run(() => _s.Handle("x")); if (_busy) { {|BLZ101:Thread.Sleep(2000)|}; } } }
            async Task ThreeTimesAsync() { for (var i = 0; i < 3; i++) { {|BLZ101:Thread.Sleep(2000)|}; await Task.Run(() => _s.Handle("x")); } }
            async Task UntilDoneAsync() { while (true) { {|BLZ101:Thread.Sleep(2000)|}; if (_busy) { return; } await Task.Run(() => _s.Handle("x")); } }
            async Task MixedAsync() { while (true) { {|BLZ101:Thread.Sleep(2000)|}; await Task.Run(() => _s.Handle("x")); await _s.SendAsync("x"); } }
            void SyncPoll() { while (true) { Thread.Sleep(5000); _s.Handle("x"); } }                                               // sync: not async context
            void Lambda() { Func<Task> f = async () => { while (true) { {|BLZ101:Thread.Sleep(5000)|}; await Task.Run(() => _s.Handle("x")); } }; }
        }
        """);

    private static readonly DiagnosticAnalyzer[] BothRules =
        [BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer(), new BLZ103BlockingWaitAnalyzer()), BlitzSuggestionsAnalyzer.Hosting(new BLZ109BlockingOnThreadPoolAnalyzer())];

    [Fact]
    public Task Ignores_loops_that_await_io_and_block_nowhere_or_end() => VerifyAsync(Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            async Task PumpAsync(CancellationToken ct) { while (!ct.IsCancellationRequested) { var s = await _s.Channel.Reader.ReadAsync(ct); await _s.SendAsync(s); } } // bucket 1
            async Task DrainAsync() { while (true) { if (!_s.Queue.TryTake(out var s)) { break; } await _s.SendAsync(s); } }    // a real exit
            async Task FirstAsync() { foreach (var s in _s.Queue.GetConsumingEnumerable()) { await _s.SendAsync(s); return; } }     // leaves after one
            async Task OnceAsync() { var line = Console.ReadLine(); await _s.SendAsync(line ?? ""); }                                // no loop
            async Task BoundedAsync() { for (var i = 0; i < 3; i++) { await _s.SendAsync(_s.Queue.Take()); } }                       // bounded
            async Task SleepyAsync() { while (true) { Thread.Sleep(1000); await _s.SendAsync("poll"); } }                             // a timer loop: BLZ101
            async Task PollAsync(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    if (_s.Signal.WaitOne(0) || _s.Ready.Wait(TimeSpan.Zero)) { await _s.SendAsync("signalled"); }             // zero timeouts: polls
                    if (_s.Queue.TryTake(out var item)) { await _s.SendAsync(item); }                                         // returns at once
                    if (_s.Queue.TryTake(out var next, 0)) { await _s.SendAsync(next); }
                    await Task.Delay(100, ct);
                }
            }
            async Task NestedAsync() { Action later = () => { while (true) { _s.Queue.Take(); } }; await _s.SendAsync(""); }         // a sync lambda, never started
            void SyncPump() { while (true) { _s.Handle(_s.Queue.Take()); } }                                                         // not async, not sent to a pool

            void Start(CancellationToken ct)
            {
                _ = Task.Run(async () => { while (!ct.IsCancellationRequested) { await _s.SendAsync(await _s.Channel.Reader.ReadAsync(ct)); } });
                _ = Task.Factory.StartNew(() => { while (true) { _s.Handle(_s.Queue.Take()); } }, TaskCreationOptions.LongRunning);
                _ = Task.Factory.StartNew(() => { foreach (var s in _s.Queue.GetConsumingEnumerable(ct)) { _s.Handle(s); } }, TaskCreationOptions.LongRunning);
                new Thread(() => { foreach (var s in _s.Queue.GetConsumingEnumerable(ct)) { _s.Handle(s); } }).Start();
            }
        }
        """);

    [Fact]
    public Task Ignores_start_new_on_a_scheduler_that_is_not_the_pool() => VerifyAsync(Sources.Usings + Queue + """
        partial class Scheduled
        {
            readonly Shared _s = new();
            readonly TaskFactory _factory = new(TaskScheduler.Default);

            void Start(CancellationToken token, TaskScheduler scheduler)
            {
                _ = Task.Factory.StartNew(() => { while (true) { _s.Handle(_s.Queue.Take()); } }, token, TaskCreationOptions.None, scheduler);
                _ = Task.Factory.StartNew(() => { while (true) { _s.Handle(_s.Queue.Take()); } }, token, TaskCreationOptions.None, TaskScheduler.Current); // ambiguous: not reported
                _ = new TaskFactory(scheduler).StartNew(() => { while (true) { _s.Handle(_s.Queue.Take()); } });
                _ = _factory.StartNew(() => { while (true) { _s.Handle(_s.Queue.Take()); } });                                                         // a factory built elsewhere
                _ = {|BLZ106:Task.Factory.StartNew|}(() => { while (true) { _s.Handle(_s.Queue.Take()); } }, token, TaskCreationOptions.None, TaskScheduler.Default);
                _ = {|BLZ106:new TaskFactory(token).StartNew|}(() => { while (true) { _s.Handle(_s.Queue.Take()); } });
                _ = {|BLZ106:new TaskFactory(token, TaskCreationOptions.None, TaskContinuationOptions.None, TaskScheduler.Default).StartNew|}(() => { while (true) { _s.Handle(_s.Queue.Take()); } });
            }
        }
        """);

    [Fact]
    public Task Reports_loops_whose_condition_blocks_on_input_once() => BlitzAnalyzerTest.VerifyAsync(BothRules, Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            async Task RunUntilQuit(CancellationTokenSource stop)
            {
                var watcher = {|BLZ106:Task.Run|}(async () =>
                {
                    while (Console.ReadKey(true).KeyChar != 'x') { }
                    await stop.CancelAsync();
                });
                await watcher;
            }
            async Task EchoAsync()
            {
                string? line;
                {|BLZ106:while|} ((line = Console.ReadLine()) != null) { await _s.SendAsync(line); }
            }
            async Task DrainAsync() { {|BLZ106:do|} { await _s.SendAsync("tick"); } while (_s.Queue.Take() != "stop"); }
        }
        """);

    [Fact]
    public Task Ignores_a_timed_wait_in_a_condition_and_a_condition_read_that_is_not_on_the_pool() => VerifyAsync(Sources.Usings + Queue + """
        partial class Service
        {
            readonly Shared _s = new();

            async Task TickAsync() { while (!_s.Signal.WaitOne(1000)) { await _s.SendAsync("tick"); } } // a pace with a timeout: BLZ103's
            void Repl() { while (Console.ReadLine() is { } line) { _s.Handle(line); } }                    // sync, not on a pool
            void Start() => _ = Task.Factory.StartNew(() => { while (_s.Queue.Take() != "stop") { } }, TaskCreationOptions.LongRunning);
            async Task OnceAsync() { if (Console.ReadKey(true).KeyChar == 'y') { await _s.SendAsync("yes"); } } // no loop
        }
        """);

    private const string Consumers = """
        namespace Confluent.Kafka
        {
            public sealed class ConsumeResult<TKey, TValue> { public TValue Value { get; set; } = default!; }
            public interface IConsumer<TKey, TValue> : IDisposable
            {
                ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default);
                ConsumeResult<TKey, TValue> Consume(int millisecondsTimeout);
                void Commit();
            }
        }
        namespace System.IO.Ports
        {
            public class SerialPort { public string ReadLine() => ""; public string ReadExisting() => ""; }
        }

        """;

    [Fact]
    public Task Reports_consume_loops_of_message_clients_without_an_async_receive() => VerifyAsync(Sources.Usings + "using Confluent.Kafka;\n" + Queue + Consumers + """
        partial class Feed
        {
            readonly Shared _s = new();

            async Task ListenAsync(IConsumer<string, string> consumer, CancellationToken stop)
            {
                {|BLZ106:while|} (!stop.IsCancellationRequested)
                {
                    var received = consumer.Consume(stop);
                    await _s.SendAsync(received.Value);
                    consumer.Commit();
                }
            }
            async Task PollAsync(IConsumer<string, string> consumer, CancellationToken stop)
            {
                {|BLZ106:while|} (true) { var next = consumer.Consume(500); if (next is not null) { await _s.SendAsync(next.Value); } }
            }
            void Start(System.IO.Ports.SerialPort port) =>
                _ = {|BLZ106:Task.Run|}(async () => { while (true) { await _s.SendAsync(port.ReadLine()); } });
        }
        """);

    [Fact]
    public Task Ignores_a_single_consume_a_zero_timeout_and_reads_that_return_at_once() => VerifyAsync(Sources.Usings + "using Confluent.Kafka;\n" + Queue + Consumers + """
        partial class Feed
        {
            readonly Shared _s = new();

            async Task OneAsync(IConsumer<string, string> consumer, CancellationToken stop) => await _s.SendAsync(consumer.Consume(stop).Value);
            async Task PeekAsync(IConsumer<string, string> consumer, CancellationToken stop)
            {
                while (!stop.IsCancellationRequested) { var next = consumer.Consume(0); if (next is not null) { await _s.SendAsync(next.Value); } await Task.Delay(100, stop); }
            }
            async Task ExistingAsync(System.IO.Ports.SerialPort port, CancellationToken stop)
            {
                while (!stop.IsCancellationRequested) { await _s.SendAsync(port.ReadExisting()); await Task.Delay(100, stop); }
            }
            async Task BatchAsync(IConsumer<string, string> consumer) { for (var i = 0; i < 10; i++) { await _s.SendAsync(consumer.Consume(1000).Value); } }
        }
        """);

    [Fact]
    public Task Reports_parallel_bodies_that_loop_forever() => VerifyAsync(Sources.Usings + Queue + """
        partial class Burner
        {
            readonly Shared _s = new();

            void Occupy(List<int> items, CancellationToken token)
            {
                {|BLZ106:Parallel.For|}(0, 50, n => { while (true) { } });
                {|BLZ106:Parallel.ForEach|}(items, item => { while (!token.IsCancellationRequested) { _s.Handle(_s.Queue.Take()); } });
                {|BLZ106:Parallel.Invoke|}(() => _s.Handle("once"), () => { for (;;) { _s.Handle(_s.Queue.Take()); } });
                Parallel.For(0, 50, n => { for (var i = 0; i < n; i++) { _s.Handle("bounded"); } });
                Parallel.ForEach(items, item => { while (true) { if (_s.Queue.Take() == "stop") { break; } } });    // ends with its input: not forever
                Parallel.Invoke(() => { Action later = () => { while (true) { } }; });                                 // only a nested lambda loops
            }
        }
        """);

    [Fact]
    public Task Leaves_a_forever_loop_that_only_starts_tasks_to_the_spawn_storm_rule() => BlitzAnalyzerTest.VerifyAsync(StormRules, Sources.Usings + Queue + """
        partial class Pump
        {
            readonly Shared _s = new();
            static void Forget(Task task) { }
            Task ReceiveOneAsync() => Task.CompletedTask;

            void Start(CancellationToken token)
            {
                _ = Task.Run(() => { while (!token.IsCancellationRequested) { Forget({|BLZ107:ReceiveOneAsync|}()); } });
                _ = Task.Run(() => { while (true) { _ = {|BLZ107:_s.SendAsync|}("spin"); } });
                _ = Task.Run(() => { while (true) { {|BLZ107:Task.Run|}(() => _s.Handle("spin")); } });
                // Paced by a read on every pass: a lifetime loop (one handler per message), BLZ106's.
                _ = {|BLZ106:Task.Run|}(() => { while (true) { var item = _s.Queue.Take(); _ = _s.SendAsync(item); } });
                // Waits for what it starts: no storm, and a forever loop.
                _ = {|BLZ106:Task.Run|}(() => { while (true) { _s.SendAsync("tick").Wait(); } });
            }
        }
        """);

    private static readonly DiagnosticAnalyzer[] StormRules =
        [BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer()), BlitzSuggestionsAnalyzer.Hosting(new BLZ107SpawnStormAnalyzer())];

    [Fact]
    public Task Reports_an_async_loop_that_awaits_only_complete_tasks() => VerifyAsync(Sources.Usings + """
        class Service
        {
            private long _ticks;

            protected async Task ExecuteAsync(CancellationToken ct)
            {
                {|BLZ106:while|} (!ct.IsCancellationRequested)
                    await TickAsync();
            }
            async Task PollAsync()
            {
                {|BLZ106:for|} (;;) { var n = await CountAsync(); _ticks += n; await Done(); }
            }
            async Task PairAsync()
            {
                {|BLZ106:while|} (true) { var (a, b) = await PairNowAsync(); _ticks += a + b; }
            }
            private ValueTask<(int, int)> PairNowAsync() { _ticks++; return new ValueTask<(int, int)>((1, 2)); }

            private Task TickAsync()
            {
                _ticks = _ticks == long.MaxValue ? 1 : _ticks + 1;
                return Task.CompletedTask;
            }
            private Task<int> CountAsync() { var n = (int)(_ticks % 7); return Task.FromResult(n); }
            private ValueTask Done() { _ticks++; return default; }
        }
        """);

    [Fact]
    public Task Ignores_loops_that_await_work_that_may_be_pending() => VerifyAsync(Sources.Usings + """
        class Service
        {
            private readonly SemaphoreSlim _gate = new(1);

            async Task A(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested) { await Task.Delay(1000, ct); }                     // a real delay
                while (!ct.IsCancellationRequested) { await TickAsync(); await Task.Yield(); }          // one await yields
                while (!ct.IsCancellationRequested) { await MaybeAsync(ct); }                            // may return a pending task
                while (!ct.IsCancellationRequested) { await RealAsync(); }                               // an async callee
                while (!ct.IsCancellationRequested) { await SendAsync(); }                               // a stand-in for I/O not written yet
                for (var i = 0; i < 3; i++) { await TickAsync(); }                                       // bounded
                while (true) { await TickAsync(); if (_gate.CurrentCount == 0) { return; } }            // a real exit
                while (true) { _ = await ReceiveAsync(ct); }                                             // wraps a pending task when none is ready
            }

            private ValueTask<int> ReceiveAsync(CancellationToken ct)
            {
                if (_gate.CurrentCount > 0) { return new ValueTask<int>(1); }
                return new ValueTask<int>(Task.Factory.StartNew(() => 2, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }

            private Task TickAsync() => Task.CompletedTask;
            private Task MaybeAsync(CancellationToken ct) => ct.CanBeCanceled ? _gate.WaitAsync(ct) : Task.CompletedTask;
            private async Task RealAsync() => await Task.Delay(1);
            private Task SendAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Reports_a_background_worker_whose_DoWork_handler_loops_forever() => VerifyAsync(Sources.Usings + """
        using System.ComponentModel;
        class Clock
        {
            private readonly BackgroundWorker _worker = new();
            public string Text { get; private set; } = "";

            public Clock()
            {
                _worker.DoWork += OnDoWork;
                _worker.RunWorkerAsync();
            }

            private void OnDoWork(object? sender, DoWorkEventArgs e)
            {
                {|BLZ106:while|} (true)
                {
                    Thread.Sleep(1);
                    Text = DateTime.Now.ToString("HH:mm:ss");
                }
            }

            public void Start(CancellationToken token)
            {
                var poller = new BackgroundWorker();
                poller.DoWork += (s, e) =>
                {
                    {|BLZ106:while|} (!token.IsCancellationRequested)
                    {
                        Text = File.ReadAllText("status.txt");
                    }
                };
                poller.RunWorkerAsync();
            }
        }

        class Poller
        {
            private readonly BackgroundWorker _worker = new() { WorkerSupportsCancellation = true };
            public int Seen { get; private set; }

            public void Start()
            {
                _worker.DoWork += (s, e) =>
                {
                    {|BLZ106:while|} (!_worker.CancellationPending) { Seen = File.ReadAllText("status.txt").Length; Thread.Sleep(500); }
                };
                _worker.DoWork += (s, e) =>
                {
                    {|BLZ106:while|} (true)
                    {
                        if (_worker.CancellationPending) { e.Cancel = true; return; }              // leaves only when cancelled
                        Thread.Sleep(500);
                    }
                };
                _worker.RunWorkerAsync();
            }
        }

        partial class Designer
        {
            private BackgroundWorker _refresher = new();
            private void InitializeComponent() => _refresher.DoWork += new DoWorkEventHandler(Refresh);
            public void OnStartClick(object sender, EventArgs e) => _refresher.RunWorkerAsync();
            public void OnRetryClick(object sender, EventArgs e) => _refresher.RunWorkerAsync();   // the same loop: reported once
            private void Refresh(object? sender, DoWorkEventArgs e)
            {
                {|BLZ106:for|} (;;) { Thread.Sleep(100); }
            }
        }
        """);

    [Fact]
    public Task Ignores_background_workers_whose_handlers_end_or_are_not_started() => VerifyAsync(Sources.Usings + """
        using System.ComponentModel;
        class Jobs
        {
            private readonly BackgroundWorker _idle = new();
            private readonly BackgroundWorker _busy = new();
            public int Done { get; private set; }

            public Jobs()
            {
                _idle.DoWork += (s, e) => { while (true) { Thread.Sleep(1000); } };   // subscribed, never started
                _busy.DoWork += (s, e) =>
                {
                    for (var i = 0; i < 10; i++) { Done = i; }
                    while (true) { if (Done > 5) { break; } Done++; }                   // leaves on its own
                };
            }

            public void Go() => _busy.RunWorkerAsync();

            public void Other(BackgroundWorker worker) => worker.RunWorkerAsync();     // no handler in sight
        }
        """);

    [Fact]
    public Task Reports_an_async_method_that_spins_forever_without_awaiting() => VerifyAsync(Sources.Usings + """
        class Ticker
        {
            private long _ticks;

            async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, stoppingToken);
                    {|BLZ106:while|} (true)
                    {
                        Console.WriteLine("tick");
                    }
                }
            }

            async Task CountAsync(CancellationToken token)
            {
                await Task.Yield();
                {|BLZ106:while|} (!token.IsCancellationRequested) { _ticks++; }
            }

            async Task NestedAsync()
            {
                await Task.Yield();
                {|BLZ106:for|} (;;) { while (true) { _ticks++; } }        // one report, on the outer loop
            }
        }
        """);

    [Fact]
    public Task Ignores_forever_loops_of_async_methods_that_await_leave_block_or_start_tasks() => VerifyAsync(Sources.Usings + """
        class Ticker
        {
            private long _ticks;

            async Task AwaitsAsync(CancellationToken token) { while (!token.IsCancellationRequested) { _ticks++; await Task.Delay(10, token); } }
            async Task LeavesAsync() { await Task.Yield(); while (true) { if (++_ticks > 100) { break; } } }
            async Task StartsAsync() { await Task.Yield(); while (true) { _ = Task.Run(() => _ticks++); } }    // a storm: BLZ107's
            async Task ReadsAsync() { await Task.Yield(); while (true) { _ticks += File.ReadAllBytes("x").Length; } } // sync I/O: BLZ102's
            void Spins() { while (true) { _ticks++; } }                                                        // sync: no thread to give back
            async Task ParsesAsync(Queue<string> lines) { await Task.Yield(); while (true) { if (lines.Count == 0) { throw new InvalidOperationException(); } _ticks += lines.Dequeue().Length; } }
            async Task LambdaAsync() { await Task.Yield(); Action spin = () => { while (true) { _ticks++; } }; spin(); }
        }
        """);

    // A lifetime loop that awaits only when a check holds spins between inputs: each failed check ends the pass at once.
    private const string IdleSpins = """
        using System.Collections.Concurrent;
        using System.Net.Sockets;
        class Relay
        {
            private volatile bool _running = true;
            private readonly ConcurrentQueue<string> _outgoing = new();
            private readonly SemaphoreSlim _ready = new(0);

            async Task EchoAsync(UdpClient udp)
            {
                {|BLZ106:while|} (true)
                {
                    if (udp.Available != 0)
                    {
                        var datagram = await udp.ReceiveAsync();
                        await udp.SendAsync(datagram.Buffer, datagram.Buffer.Length, datagram.RemoteEndPoint);
                    }
                }
            }

            async void FlushAsync(StreamWriter writer)
            {
                {|BLZ106:while|} (_running)
                {
                    if (_outgoing.TryDequeue(out var line)) { await writer.WriteLineAsync(line); }
                }
            }

            async Task PacedAsync(StreamWriter writer, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    if (_outgoing.TryDequeue(out var line)) { await writer.WriteLineAsync(line); }
                    await Task.Delay(50, token);                                          // paced on every pass
                }
            }

            async Task WaitsAsync(StreamWriter writer, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    await _ready.WaitAsync(token);                                        // awaits on every pass
                    if (_outgoing.TryDequeue(out var line)) { await writer.WriteLineAsync(line); }
                }
            }

            async Task EitherAsync(StreamWriter writer)
            {
                while (_running)
                {
                    if (_outgoing.TryDequeue(out var line)) { await writer.WriteLineAsync(line); } else { await Task.Delay(10); }
                }
            }

            async Task BoundedAsync(StreamWriter writer)
            {
                while (_running)
                {
                    if (_outgoing.TryDequeue(out var line)) { await writer.WriteLineAsync(line); }
                    if (_outgoing.IsEmpty) { break; }                                     // leaves when the queue runs dry
                }
            }

            async Task HelperAsync(StreamWriter writer)
            {
                while (_running)
                {
                    var line = Next();                                                    // a source call may be what paces it
                    if (line is not null) { await writer.WriteLineAsync(line); }
                }
            }

            private string? Next() => _outgoing.TryDequeue(out var line) ? line : null;
        }
        """;

    [Fact]
    public Task Reports_lifetime_loops_that_await_only_when_a_check_holds() => VerifyAsync(Sources.Usings + IdleSpins);

    [Fact]
    public Task Says_the_loop_spins_when_its_check_fails()
    {
        var echoLoop = IdleSpins.IndexOf("{|BLZ106:while|}", StringComparison.Ordinal);
        return VerifyAsync(Sources.Usings + IdleSpins[..echoLoop] + "{|#0:while|}" + IdleSpins[(echoLoop + "{|BLZ106:while|}".Length)..],
            BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ106").WithLocation(0).WithMessage(
                "The lifetime loop of async method 'EchoAsync' awaits only when 'udp.Available != 0' holds; otherwise it spins without giving its thread back "
                + "(its caller's, or a ThreadPool thread after an earlier await) for as long as it lives (bucket 4); "
                + "wait for the input instead of polling it (await the read itself, or a channel's 'WaitToReadAsync')"));
    }

    // A loop that leaves as soon as its wait succeeds waits for one input; it does not live to serve many.
    [Fact]
    public Task Ignores_a_loop_that_leaves_once_its_wait_succeeds() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class Client
        {
            private TcpClient? _client;

            async Task<bool> WaitForReadReadyAsync(CancellationToken token)
            {
                await Task.Yield();
                while (!token.IsCancellationRequested)
                {
                    var socket = _client?.Client;
                    if (socket == null) { return false; }
                    if (socket.Poll(1000, SelectMode.SelectRead)) { return true; }
                }
                return false;
            }

            async Task ServeAsync(Socket socket, CancellationToken token)
            {
                await Task.Yield();
                {|BLZ106:while|} (!token.IsCancellationRequested)
                {
                    if (socket.Poll(1000, SelectMode.SelectRead)) { await HandleAsync(socket); } // serves every input
                }
            }

            Task HandleAsync(Socket socket) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Reports_sync_pool_loops_that_block_on_every_pass_until_a_flag_or_their_connection_ends() => BlitzAnalyzerTest.VerifyAsync(BothRules, Sources.Usings + """
        using System.ComponentModel;
        using System.Net;
        using System.Net.Sockets;
        partial class Server
        {
            volatile bool _stopping;
            bool _running = true;

            void Start(Socket peer, UdpClient udp, TcpClient client)
            {
                var buffer = new byte[512];
                _ = {|BLZ106:Task.Run|}(() =>
                {
                    while (true)
                    {
                        var read = peer.Receive(buffer);
                        if (read == 0) { return; }                       // the connection ended
                        Console.WriteLine(read);
                    }
                });
                _ = {|BLZ106:Task.Run|}(() =>
                {
                    var from = default(IPEndPoint);
                    while (true)
                    {
                        try { Console.WriteLine(udp.Receive(ref from).Length); }
                        catch (SocketException) { return; }            // closed under it
                    }
                });
                {|BLZ106:ThreadPool.QueueUserWorkItem|}(_ => { while (!_stopping) { Thread.Sleep(100); } });
                _ = {|BLZ106:Task.Factory.StartNew|}(() => { while (_running) { peer.Send(buffer); Thread.Sleep(1000); } });
                _ = {|BLZ106:Task.Run|}(() => { var stream = client.GetStream(); while (client.Connected) { stream.Read(buffer, 0, buffer.Length); } });
            }

            void Bounded(Socket peer, CancellationToken ct)
            {
                var buffer = new byte[512];
                // A retry: it leaves once the connect succeeds.
                _ = {|BLZ109:Task.Run|}(() => { while (true) { try { peer.Connect("example.org", 80); break; } catch (SocketException) { Thread.Sleep(1000); } } });
                // Counted passes and a clock: bounded waits.
                _ = {|BLZ109:Task.Run|}(() => { var tries = 0; while (true) { Thread.Sleep(100); tries++; if (tries > 5) { break; } } });
                _ = {|BLZ109:Task.Run|}(() => { var started = DateTime.UtcNow; while (true) { Thread.Sleep(100); if (DateTime.UtcNow - started > TimeSpan.FromSeconds(5)) { return; } } });
                // Blocking only under a check, or in a loop over its input: not every pass of a lifetime loop.
                _ = {|BLZ109:Task.Run|}(() => { var done = false; while (!done) { done = peer.Receive(buffer) == 0; } });
                _ = Task.Run(() => { while (true) { if (peer.Available > 0) { peer.Receive(buffer); } else { return; } } });
                // LongRunning: a thread of its own.
                _ = Task.Factory.StartNew(() => { while (!_stopping) { Thread.Sleep(100); } }, TaskCreationOptions.LongRunning);
            }

            async Task InAsyncCode(Socket peer)
            {
                var buffer = new byte[512];
                // An async lambda's sync read is BLZ102's (its remedy is the async read), not a pool loop of this rule.
                await Task.Run(async () => { while (true) { var n = peer.Receive(buffer); if (n == 0) { return; } await Task.Yield(); } });
            }

            private void importWorker_DoWork(object? sender, DoWorkEventArgs e)
            {
                {|BLZ106:while|} (true) { Thread.Sleep(1000); }
            }

            private void OnDoWork(object? sender, EventArgs e) { while (true) { Thread.Sleep(1000); } }   // not DoWork's signature
        }
        """);
}
