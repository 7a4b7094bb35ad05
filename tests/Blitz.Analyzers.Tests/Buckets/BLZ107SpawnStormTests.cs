using Blitz.Analyzers.Buckets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ107SpawnStormTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzSuggestionsAnalyzer.Hosting(new BLZ107SpawnStormAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyWithLibraryAsync(string markup) => new BlitzAnalyzerTest(Analyzer, Library) { TestCode = markup }.RunAsync();

    private const string Hasher = """
        public partial class Hasher
        {
            [Blocking] public static byte[] Hash(byte[] data) => data;
            [System.CodeDom.Compiler.GeneratedCode("Blitz.Generators", "1.0")]
            public static ValueTask<byte[]> HashAsync(byte[] data, CancellationToken cancellationToken = default) => default;
        }

        """;

    [Fact]
    public Task Reports_one_spawn_per_item_without_a_bound() => VerifyAsync(Sources.Usings + Hasher + """
        class C
        {
            static int Work(int x) => x;
            async Task A(List<int> items, List<byte[]> files, System.Collections.Concurrent.BlockingCollection<string> queue)
            {
                var tasks = new List<Task<int>>();
                foreach (var item in items) { tasks.Add({|BLZ107:Task.Run|}(() => Work(item))); }
                for (var i = 0; i < items.Count; i++) { tasks.Add({|BLZ107:Task.Factory.StartNew|}(() => Work(i))); }
                var hashes = files.Select(f => {|BLZ107:Hasher.HashAsync|}(f).AsTask()).ToList();
                var spawned = items.Select(x => {|BLZ107:BlitzRuntime.Default.SpawnBlocking|}(x, (s, ct) => Work(s)).AsTask());
                while (queue.TryTake(out var message)) { _ = {|BLZ107:Task.Run|}(() => message.Length); }
                for (var i = 0; i < 1000; i++) { tasks.Add({|BLZ107:Task.Run|}(() => Work(i))); }         // a large constant is no bound
                for (var i = 0; i < 500; i++) { {|BLZ107:ThreadPool.QueueUserWorkItem|}(_ => Work(i)); }
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Ignores_bounded_sequential_and_fixed_fan_outs() => VerifyAsync(Sources.Usings + Hasher + """
        class C
        {
            static int Work(int x) => x;
            async Task A(List<int> items, List<byte[]> files, SemaphoreSlim gate, int workerCount)
            {
                foreach (var item in items) { await Task.Run(() => Work(item)); }                    // sequential
                foreach (var f in files) { var h = await Hasher.HashAsync(f).ConfigureAwait(false); }  // sequential
                var window = new List<Task>();
                foreach (var item in items)
                {
                    window.Add(Task.Run(() => Work(item)));
                    if (window.Count >= 8) { await Task.WhenAny(window); }                            // a window bounds it
                }
                foreach (var item in items) { gate.Wait(); window.Add(Task.Run(() => { try { Work(item); } finally { gate.Release(); } })); }
                var bounded = items.Select(async x => { await gate.WaitAsync(); try { return await Task.Run(() => Work(x)); } finally { gate.Release(); } });
                for (var i = 0; i < Environment.ProcessorCount; i++) { window.Add(Task.Run(() => Work(i))); } // one worker per core
                for (var i = 0; i < 4; i++) { window.Add(Task.Run(() => Work(i))); }
                for (var i = 0; i < workerCount; i++) { window.Add(Task.Run(() => Work(i))); }
                foreach (var name in new[] { "a", "b" }) { window.Add(Task.Run(() => name.Length)); }
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (x, ct) => await Task.Run(() => Work(x)));
                var single = Task.Run(() => Work(1));
                await Task.WhenAll(window);
            }
        }
        """);

    [Fact]
    public Task Ignores_start_new_on_a_scheduler_that_is_not_the_pool() => VerifyAsync(Sources.Usings + """
        class C
        {
            static int Work(int x) => x;
            async Task A(List<int> items, TaskScheduler limited, CancellationToken ct)
            {
                var tasks = new List<Task<int>>();
                foreach (var item in items) { tasks.Add(Task.Factory.StartNew(() => Work(item), ct, TaskCreationOptions.None, limited)); }
                foreach (var item in items) { tasks.Add(new TaskFactory(limited).StartNew(() => Work(item))); }
                foreach (var item in items) { tasks.Add({|BLZ107:Task.Factory.StartNew|}(() => Work(item), ct, TaskCreationOptions.None, TaskScheduler.Default)); }
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Knows_a_generated_wrapper_by_its_marker_in_a_referenced_library() => VerifyWithLibraryAsync(Sources.Usings + """
        using Vendor.Hashing;
        class C
        {
            async Task A(List<byte[]> files)
            {
                var generated = files.Select(f => {|BLZ107:Hasher.HashAsync|}(f).AsTask()).ToList();
                var handWritten = files.Select(f => Hasher.DigestAsync(f).AsTask()).ToList();
                await Task.WhenAll(generated.Concat(handWritten));
            }
        }
        """);

    [Fact]
    public Task Takes_no_hand_written_namesake_for_a_wrapper() => VerifyAsync(Sources.Usings + """
        public partial class Colliding
        {
            [Blocking] public static byte[] Hash(byte[] data) => data;
            public static ValueTask<byte[]> HashAsync(byte[] data, CancellationToken cancellationToken = default) => default;
        }
        public class NotPartial
        {
            [Blocking] public static byte[] Hash(byte[] data) => data;
            public static ValueTask<byte[]> HashAsync(byte[] data, CancellationToken cancellationToken = default) => default;
        }
        class C
        {
            async Task A(List<byte[]> files)
            {
                var colliding = files.Select(f => Colliding.HashAsync(f).AsTask()).ToList();
                var notPartial = files.Select(f => NotPartial.HashAsync(f).AsTask()).ToList();
                await Task.WhenAll(colliding.Concat(notPartial));
            }
        }
        """);

    // A library built with Blitz, referenced as metadata (a NuGet package): its wrapper carries the generator's marker,
    // and the generator's rules, which need the type's partial declaration, cannot tell it is one.
    private static readonly MetadataReference Library = MetadataImage.Compile("Vendor.Hashing", """
            using System.Threading;
            using System.Threading.Tasks;
            using Blitz;

            namespace Vendor.Hashing
            {
                public partial class Hasher
                {
                    [Blocking] public static byte[] Hash(byte[] data) => data;
                    [System.CodeDom.Compiler.GeneratedCode("Blitz.Generators", "1.0")]
                    public static ValueTask<byte[]> HashAsync(byte[] data, CancellationToken cancellationToken = default) => new(Hash(data));
                    public static ValueTask<byte[]> DigestAsync(byte[] data) => new(Hash(data));
                }
            }
            """, TestReferences.All);

    [Fact]
    public Task Reports_start_new_on_a_local_factory_without_a_scheduler() => VerifyAsync(Sources.Usings + """
        class C
        {
            static async void AddLater(int value, List<int> bag) { bag.Add(value); await Task.Delay(4); }
            static int Work(int x) => x;

            async Task A(List<int> items, CancellationToken ct)
            {
                var bag = new List<int>();
                var factory = new TaskFactory();
                var started = new Task[100];
                for (int n = 0; n < 100; n++) { started[n] = {|BLZ107:factory.StartNew|}(state => AddLater((int)state!, bag), n); }
                var counted = new TaskFactory<int>(ct);
                var tasks = items.Select(item => {|BLZ107:counted.StartNew|}(() => Work(item))).ToList();
                await Task.WhenAll(started);
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Ignores_start_new_on_a_local_factory_that_may_not_be_the_pool_and_reads_a_plain_local_factory_as_the_pool() => VerifyAsync(Sources.Usings + """
        class C
        {
            static int Work(int x) => x;

            async Task A(List<int> items, TaskScheduler limited, TaskFactory given, bool dedicated)
            {
                var tasks = new List<Task<int>>();
                var scheduled = new TaskFactory(limited);
                foreach (var item in items) { tasks.Add(scheduled.StartNew(() => Work(item))); }
                var optioned = new TaskFactory(TaskCreationOptions.LongRunning, TaskContinuationOptions.None);
                foreach (var item in items) { tasks.Add(optioned.StartNew(() => Work(item))); }
                var plain = new TaskFactory();
                foreach (var item in items) { tasks.Add({|BLZ107:plain.StartNew|}(() => Work(item), TaskCreationOptions.LongRunning)); } // a local new TaskFactory() is Task.Factory: a thread per item
                var swapped = new TaskFactory();
                if (dedicated) { swapped = given; }
                foreach (var item in items) { tasks.Add(swapped.StartNew(() => Work(item))); }
                var factory = given;
                foreach (var item in items) { tasks.Add(factory.StartNew(() => Work(item))); }
                for (var n = 0; n < 10; n++) { tasks.Add(plain.StartNew(() => Work(n))); }  // a small fixed count
                await Task.WhenAll(tasks);
            }
        }
        """);
    [Fact]
    public Task Reports_tasks_built_unstarted_per_pass_and_started_on_the_pool() => VerifyAsync(Sources.Usings + """
        class C
        {
            static void Print(object? value) { }

            static void Main(List<int> items)
            {
                var printers = new Task[100];
                for (int n = 0; n < printers.Length; n++) { printers[n] = new Task(Print, n); {|BLZ107:printers[n].Start|}(); }
                const int count = 1000;
                var all = new Task[count];
                for (int n = 0; n < count; n++) { all[n] = new Task<bool>(() => true); {|BLZ107:all[n].Start|}(); }
                foreach (var item in items) { var one = new Task(() => Print(item)); {|BLZ107:one.Start|}(TaskScheduler.Default); }
                var jobs = new Task[100];
                for (int n = 0; n < jobs.Length; n++) { jobs[n] = new Task(state => Print(state), n); }
                Parallel.ForEach(jobs, job => {|BLZ107:job.Start|}());
                var later = new List<Task>();
                foreach (var item in items) { later.Add(new Task(() => Print(item))); }
                foreach (var task in later) { {|BLZ107:task.Start|}(); }
                Task.WaitAll(all);
            }
        }
        """);

    [Fact]
    public Task Ignores_unstarted_tasks_in_a_small_batch_on_their_own_threads_or_not_built_per_pass() => VerifyAsync(Sources.Usings + """
        class C
        {
            static void Print(object? value) { }

            static async Task Main(List<int> items, List<Task> given, TaskScheduler limited)
            {
                var few = new Task[4];
                for (int n = 0; n < few.Length; n++) { few[n] = new Task(Print, n); few[n].Start(); }                      // a small fixed batch
                for (int n = 0; n < 1000; n++) { var own = new Task(Print, n, TaskCreationOptions.LongRunning); own.Start(); } // threads of their own
                for (int n = 0; n < 1000; n++) { var mine = new Task(Print, n); mine.Start(limited); }                     // a scheduler of the code's choosing
                foreach (var task in given) { task.Start(); }                                                              // built elsewhere
                var pair = new List<Task> { new Task(() => Print(1)), new Task(() => Print(2)) };
                foreach (var task in pair) { task.Start(); }                                                               // not built per pass of a loop
                Parallel.ForEach(pair, task => task.Start());
                foreach (var item in items) { var next = new Task(() => Print(item)); next.Start(); await next; }         // one at a time
                await Task.WhenAll(few);
            }
        }
        """);

    [Fact]
    public Task Ignores_loops_paced_by_their_input() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class C
        {
            static void Serve(TcpClient client) { }
            static void Run(string line) { }
            static void Accept(TcpListener listener) { while (true) { var client = listener.AcceptTcpClient(); Task.Run(() => Serve(client)); } }
            static void Commands() { while (true) { var line = Console.ReadLine(); Task.Factory.StartNew(() => Run(line ?? "")); } }
            static void Lines() { string? line; while ((line = Console.ReadLine()) != null) { Task.Run(() => Run(line)); } }
            static void Ticks(CancellationToken ct) { while (!ct.IsCancellationRequested) { Thread.Sleep(1000); Task.Run(() => Run("tick")); } }
            static void Messages(System.Collections.Concurrent.BlockingCollection<string> queue, Func<bool> running)
            {
                while (running()) { var message = queue.Take(); Task.Run(() => Run(message)); }
            }
        }
        """);

    [Fact]
    public Task Reports_loops_whose_passes_wait_for_no_input() => VerifyAsync(Sources.Usings + """
        class C
        {
            static void Run(string line) { }
            static void Spin(CancellationToken ct, Queue<string> pending)
            {
                while (!ct.IsCancellationRequested) { if (pending.TryDequeue(out var next)) { {|BLZ107:Task.Run|}(() => Run(next)); } }
            }
            static void Files(List<string> paths) { foreach (var path in paths) { var bytes = File.ReadAllBytes(path); {|BLZ107:Task.Run|}(() => bytes.Length); } }
            static void Rows(StreamReader reader) { string? line; while ((line = reader.ReadLine()) != null) { {|BLZ107:Task.Run|}(() => Run(line)); } } // data, read as fast as the disk
        }
        """);

    [Fact]
    public Task Leaves_starts_of_forever_and_lifetime_loops_to_BLZ106_and_BLZ112() => VerifyAsync(Sources.Usings + """
        using System.Collections.Concurrent;
        class C
        {
            static void Listen(int port) { while (true) { Thread.Sleep(port); } }
            static void Drain(BlockingCollection<int> queue) { foreach (var item in queue.GetConsumingEnumerable()) { } }
            static int Work(int x) => x;
            static void Serve(List<int> ports, List<BlockingCollection<int>> queues)
            {
                foreach (var port in ports) { Task.Run(() => Listen(port)); }
                foreach (var queue in queues) { Task.Run(() => Drain(queue)); }
                foreach (var port in ports) { Task.Run(() => { while (true) { Thread.Sleep(port); } }); }
                foreach (var port in ports) { {|BLZ107:Task.Run|}(() => Work(port)); }
            }
        }
        """);
    [Fact]
    public Task Reports_spawns_in_lambdas_run_once_per_element() => VerifyAsync(Sources.Usings + """
        class C
        {
            static int Work(int x) => x;
            static void Print(object? value) { }

            static void Main(List<int> items, int[] numbers)
            {
                var tasks = new List<Task<int>>();
                items.ForEach(x => tasks.Add({|BLZ107:Task.Run|}(() => Work(x))));
                Array.ForEach(numbers, x => tasks.Add({|BLZ107:Task.Run|}(() => Work(x))));
                Parallel.ForEach(items, x => { _ = {|BLZ107:Task.Factory.StartNew|}(() => Work(x)); });
                Parallel.For(0, 1000, i => { _ = {|BLZ107:Task.Run|}(() => Work(i)); });
                var later = new List<Task>();
                for (var n = 0; n < numbers.Length; n++) { later.Add(new Task(Print, n)); }
                later.ForEach(t => {|BLZ107:t.Start|}());
                Task.WaitAll(tasks.ToArray());
            }
        }
        """);

    [Fact]
    public Task Ignores_spawns_waited_in_place_and_per_element_calls_over_a_few_fixed_items() => VerifyAsync(Sources.Usings + """
        class C
        {
            static int Work(int x) => x;

            static void Main(List<int> items)
            {
                foreach (var item in items) { Task.Run(() => Work(item)).Wait(); }                 // one at a time
                foreach (var item in items) { var r = Task.Run(() => Work(item)).Result; }
                foreach (var item in items) { var r = Task.Run(() => Work(item)).GetAwaiter().GetResult(); }
                var few = new[] { 1, 2, 3 }.Select(x => Task.Run(() => Work(x))).ToList();
                Parallel.For(0, 4, i => { _ = Task.Run(() => Work(i)); });
                new List<int> { 1, 2 }.ForEach(x => Task.Run(() => Work(x)));
                items.ForEach(x => Console.WriteLine(x));
                Task.WaitAll(few.ToArray());
            }
        }
        """);

    [Fact]
    public Task Ignores_loops_that_partition_one_input_into_a_chosen_count_of_chunks() => VerifyAsync(Sources.Usings + """
        class C
        {
            static long Slice(int[] values, int from, int to) { long sum = 0; for (var i = from; i < to; i++) { sum += values[i]; } return sum; }

            async Task<long> Total(int[] values, int chunks)
            {
                var width = (int)Math.Ceiling(values.Length / (decimal)chunks);
                var parts = new Task<long>[chunks];
                for (var i = 0; i < parts.Length; i++)
                {
                    var from = i * width;
                    var to = i == parts.Length - 1 ? values.Length : from + width;
                    parts[i] = Task.Run(() => Slice(values, from, to));
                }

                return (await Task.WhenAll(parts)).Sum();
            }

            async Task<long> Halves(int[] values, int pieces)
            {
                var size = values.Length / pieces;
                var tasks = new List<Task<long>>();
                for (var p = 0; p < pieces; p++) { var start = size * p; tasks.Add(Task.Run(() => Slice(values, start, start + size))); }
                return (await Task.WhenAll(tasks)).Sum();
            }

            async Task CopyFolders()
            {
                string[] folders = { "Scans", "Phone", "Desktop" };                        // three, fixed in the source
                var jobs = new List<Task>();
                foreach (var folder in folders) { jobs.Add(Task.Run(() => Console.WriteLine(folder))); }
                await Task.WhenAll(jobs);
            }
        }
        """);

    [Fact]
    public Task Reports_per_item_loops_that_only_look_like_partitions() => VerifyAsync(Sources.Usings + """
        class C
        {
            static long Work(int x) => x;

            async Task Items(int[] values, int count, int step)
            {
                var tasks = new List<Task<long>>();
                for (var i = 0; i < count; i++) { tasks.Add({|BLZ107:Task.Run|}(() => Work(values[i]))); }                  // one per item
                for (var i = 0; i < count; i++) { var at = i * step; tasks.Add({|BLZ107:Task.Run|}(() => Work(values[at]))); } // multiplies, but no chunk divides by the count
                var share = values.Length / step;
                for (var i = 0; i < count; i++) { tasks.Add({|BLZ107:Task.Run|}(() => Work(i * share))); }                   // divides by another number
                string[] names = { "a", "b" };
                names = values.Select(v => v.ToString()).ToArray();                                                            // no longer the literal
                foreach (var name in names) { tasks.Add({|BLZ107:Task.Run|}(() => Work(name.Length))); }
                await Task.WhenAll(tasks);
            }
        }
        """);

    // A constant number of starts whose work is only async I/O gets BLZ108's advice (call the work directly), not a
    // bound on a pool: one diagnostic per call site. Per item of an input, the count is the storm.
    [Fact]
    public Task Leaves_async_io_starts_to_BLZ108() => VerifyAsync(Sources.Usings + """
        using System.Net.Http;
        class C
        {
            async Task Load(HttpClient http, string url)
            {
                var calls = new List<Task>();
                for (var n = 0; n < 150; n++)
                {
                    calls.Add(Task.Run(async () => { var response = await http.GetAsync(url); Console.WriteLine(response.StatusCode); }));
                    calls.Add(Task.Run(() => http.GetStringAsync(url)));
                    calls.Add({|BLZ107:Task.Run|}(() => File.ReadAllText(url)));    // blocking work: still a storm
                }
                foreach (var round in Enumerable.Range(1, 100))
                {
                    calls.Add(Task.Run(() => http.GetStringAsync(url)));
                }
                await Task.WhenAll(calls);
            }

            async Task Probe(HttpClient http, string[] urls)
            {
                var calls = new List<Task>();
                foreach (var url in urls)
                {
                    calls.Add(Task.Run(() => http.GetStringAsync(url)));           // one per input item, but no thread waits: BLZ108's
                    calls.Add({|BLZ107:Task.Run|}(() => File.ReadAllText(url)));     // blocking work per input item: the storm
                }
                await Task.WhenAll(calls);
            }
        }
        """);

    // One start per subscriber of an event dispatches it to each: as many as code subscribed, not as many as the input has.
    [Fact]
    public Task Ignores_one_start_per_subscriber_of_an_event() => VerifyAsync(Sources.Usings + """
        class Client
        {
            public event EventHandler<string>? Connected;

            void RaiseConnected(string peer)
            {
                var handlers = this.Connected?.GetInvocationList() ?? Array.Empty<Delegate>();
                foreach (var handler in handlers)
                {
                    _ = Task.Run(() => ((EventHandler<string>)handler)(this, peer));
                }

                foreach (var handler in this.Connected!.GetInvocationList())
                {
                    _ = Task.Run(() => ((EventHandler<string>)handler)(this, peer));
                }
            }

            sealed class Subscription { public EventHandler<string>? Received; public bool Matches(string topic) => true; }
            readonly List<Subscription> _subscriptions = new();

            void Dispatch(string topic)
            {
                foreach (var subscription in _subscriptions.Where(s => s.Matches(topic)))
                {
                    _ = Task.Run(() => subscription.Received?.Invoke(this, topic)); // one callback per subscriber
                }

                foreach (EventHandler<string> handler in Connected!.GetInvocationList())
                {
                    _ = Task.Run(() => handler(this, topic));
                }
            }

            void PerItem(string[] peers)
            {
                foreach (var peer in peers)
                {
                    _ = {|BLZ107:Task.Run|}(() => Connected?.Invoke(this, peer)); // one per input item: a storm
                }
            }
        }
        """);
}
