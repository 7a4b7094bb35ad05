using Blitz.Analyzers.Buckets;
using Blitz.TestSupport;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ106ForeverLoopOnPoolTests
{
    private static readonly AnalyzerHarness Harness = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new BLZ106ForeverLoopOnPoolAnalyzer()));

    [Fact]
    public Task Reports_forever_loops_sent_to_pools() => Harness.VerifyAsync(Sources.Usings + """
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
            }

            [Blocking] public void Pump() { {|BLZ106:while|} (true) { Handle(_queue.Take()); } }
        }
        """);

    [Fact]
    public Task Ignores_bounded_loops_async_loops_long_running_and_dedicated_threads() => Harness.VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        using System.Threading.Channels;
        partial class Consumer
        {
            readonly BlockingCollection<int> _queue = new();
            bool Handle(int item) => item > 0;

            void Start(CancellationToken token, Channel<int> channel)
            {
                _ = Task.Run(() => { while (true) { if (!Handle(_queue.Take())) { break; } } });        // a real exit
                _ = Task.Run(() => { while (true) { if (Handle(_queue.Take())) { return; } } });        // a real exit
                _ = Task.Run(async () => { while (true) { Handle(await channel.Reader.ReadAsync(token)); } }); // awaits: holds no thread
                _ = Task.Factory.StartNew(() => { while (true) { Handle(_queue.Take()); } }, TaskCreationOptions.LongRunning);
                _ = new Thread(() => { while (true) { Handle(_queue.Take()); } });
                _ = BlitzRuntime.Default.SpawnDedicated("consumer", ct => { while (!ct.IsCancellationRequested) { Handle(_queue.Take()); } });
                _ = Task.Run(() => { Action nested = () => { while (true) { } }; });                     // only a nested lambda loops
                _ = Task.Run(() => { for (var i = 0; i < 10; i++) { Handle(i); } });
                _ = Task.Run(() => { while (true) { switch (_queue.Take()) { case 0: goto done; default: break; } } done:; });
            }

            [Blocking] public int Drain() { var n = 0; while (true) { if (!Handle(_queue.Take())) { return n; } n++; } }
            void NotOffloaded() { while (true) { Handle(_queue.Take()); } }
        }
        """);
}
