using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ113OffloadedCheapWorkTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ113OffloadedCheapWorkAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyFixAsync(string source, string fixedSource) => BlitzCodeFixTest<BLZ113InlineCheapWorkCodeFix>.VerifyAsync(Analyzer, source, fixedSource);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    private const string Types = """
        class Order
        {
            public int Id { get; init; }
            public string Name { get; set; } = "";
        }

        record Point(int X, int Y);

        struct Range2 { public int Start; public int End; }

        class Options { public int Retries; public string Mode = "fast"; }

        """;

    [Fact]
    public Task Reports_each_cheap_family() => VerifyAsync(Sources.Usings + Types + """
        class C
        {
            private readonly string _root = "/data";
            private int _count;

            async Task A(string name, int a, int b, Order order, List<int> items, IQueryable<int> query, int? maybe, Dictionary<string, Order> orders, Queue<Order> pending)
            {
                var path = await {|BLZ113:Task.Run(() => Path.Combine(_root, name))|};
                await {|BLZ113:Task.Run(() => { orders[name] = order; pending.Enqueue(order); })|};   // one hashed store, one enqueue
                var known = await {|BLZ113:Task.Run(() => orders.ContainsKey(name) && pending.Count < 100)|};
                await {|BLZ113:Task.Run(() => { for (var digit = 0; digit < 10; digit++) { Console.WriteLine(digit); } })|}; // ten passes
                var ext = await {|BLZ113:Task.Run(() => Path.GetExtension(name).ToUpperInvariant())|};
                var sum = await {|BLZ113:Task.Run(() => a * b + Math.Max(a, b) % 7)|};
                var text = await {|BLZ113:Task.Run(() => $"{name}: {a,5:D} at {DateTime.UtcNow:O}")|};
                var joined = await {|BLZ113:Task.Run(() => "id=" + order.Id + ", name=" + order.Name)|};
                var csv = await {|BLZ113:Task.Run(() => string.Join(",", name, a, b))|};
                var formatted = await {|BLZ113:Task.Factory.StartNew(() => string.Format("{0}-{1}", a, name))|};
                var evens = await {|BLZ113:Task.Run(() => items.Where(i => i % 2 == 0).Select(i => i * 2))|};
                var top = await {|BLZ113:Task.Run(() => query.OrderBy(i => i).Take(10))|};
                var point = await {|BLZ113:Task.Run(() => new Point(a, b))|};
                var range = await {|BLZ113:Task.Run(() => new Range2 { Start = a, End = b })|};
                var options = await {|BLZ113:Task.Run(() => new Options { Retries = a })|};
                var pair = await {|BLZ113:Task.Run(() => (a, name, items.Count))|};
                var id = await {|BLZ113:Task.Run(() => Guid.NewGuid().ToString("N"))|};
                var timeout = await {|BLZ113:Task.Run(delegate { return TimeSpan.FromSeconds(a); })|};
                var kind = await {|BLZ113:Task.Run(() => maybe is > 0 ? "positive" : maybe.HasValue ? "other" : "none")|};
                await {|BLZ113:Task.Run(() => { _count = a + 1; order.Name = name; })|};
                await {|BLZ113:Task.Run(() => Console.WriteLine($"{name} has {a} items"))|};
                await {|BLZ113:Task.Run(() =>
                {
                    if (maybe is int value)
                    {
                        Console.Write("worker " + Environment.CurrentManagedThreadId);
                        Console.WriteLine("{0} + {1} = {2}", value, a, value + a);
                    }
                })|};
                var stored = {|BLZ113:Task.Run(() => a > b ? name : _root)|};
                await stored;
            }
        }
        """);

    [Fact]
    public Task Ignores_work_that_is_not_provably_cheap() => VerifyAsync(Sources.Usings + """
        class Repo
        {
            private string _name = "";
            public string Name { get { return _name.Trim(); } }
            public virtual int Size { get; set; }
        }

        class Heavy { public Heavy() { Thread.Sleep(1); } }

        class Buffered { private readonly byte[] _buffer = new byte[1 << 20]; public int Length => _buffer.Length; }

        class Poco { public override string ToString() => string.Join(",", Enumerable.Range(0, 1000)); }

        class C
        {
            static int Compute(int x) { var s = 0; for (var i = 0; i < x; i++) { s += i; } return s; }

            async Task A(string name, int a, Repo repo, List<int> items, Poco poco, TaskScheduler scheduler, CancellationToken token, IEnumerable<string> parts, Dictionary<string, int> map)
            {
                var r1 = await Task.Run(() => Compute(a));                                // a helper whose own work is not provably cheap
                var r2 = await Task.Run(() => { var s = 0; for (var i = 0; i < a; i++) { s += i; } return s; });
                var r2b = await Task.Run(() => { var s = 0; for (var i = 0; i < 1000; i++) { s += Compute(i); } return s; }); // a thousand calls
                var r3 = await Task.Run(() => repo.Name);                                  // a getter with a body
                var r4 = await Task.Run(() => repo.Size);                                  // an overridable property
                var r5 = await Task.Run(() => items.Where(i => i > 0).ToList());           // enumerates
                var r6 = await Task.Run(() => items.Count());                              // enumerates
                var r7 = await Task.Run(() => File.ReadAllText(name));                     // I/O
                var r8 = await Task.Factory.StartNew(() => a + 1, token, TaskCreationOptions.None, scheduler);
                var r9 = await Task.Factory.StartNew(() => a + 1, TaskCreationOptions.LongRunning);
                var r10 = await new TaskFactory(scheduler).StartNew(() => a + 1);           // a factory with its own scheduler
                var r11 = await Task.Run(() => "x" + poco);                                // runs a source ToString
                var r12 = await Task.Run(() => $"{poco}");
                var r13 = await Task.Run(() => string.Join(",", parts));                   // enumerates a sequence
                var r14 = await Task.Run(() => new Heavy());                               // a constructor with a body
                var r15 = await Task.Run(() => new Buffered());                            // a field initializer allocates
                var r16 = await Task.Run(() => DateTime.Now.Ticks.GetHashCode());          // a call of a method outside the catalog
                var r18 = await Task.Run(() => a == 0 ? throw new InvalidOperationException() : a);
                var r19 = await Task.Run(() => Path.GetFullPath(name));                    // reads the current directory
                var r20 = await Task.Run(() => map.Values.Sum());                          // walks every value
                var r30 = await Task.Run(() => items.Contains(a));                         // a list's Contains walks the list
                await Task.Run(() => items.AddRange(parts.Select(p => p.Length)));         // runs a lazy sequence
                var r21 = await Task.Run(() => new int[a]);                                // an allocation of any size
                var r22 = await Task.Run(() => Console.ReadLine());                        // waits for input
                await Task.Run(() => Console.WriteLine(poco));                             // runs a source ToString
                await Task.Run(() => Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", a))); // a format provider
                await Task.Run(async () => { await Task.Yield(); });
                await Task.Run(() => Task.FromResult(a));                                  // returns a task (BLZ108's ground)
            }

            async Task<int> MethodGroup() => await Task.Run(Next);

            static int Next() => 1;

            int Sync(int a) => {|BLZ113:Task.Run(() => a + 1)|}.Result;                    // sync code that waits for it where it is made

            async Task InsideOffloadedLambda(int a) => await Task.Run(() => { Action inner = () => {|BLZ113:Task.Run(() => a + 1)|}; inner(); }); // dropped

            Task<int> Stored;
            void Kept(int a) { Stored = Task.Run(() => a + 1); }                            // sync code that keeps the task
            void Handed(int a) => Use(Task.Run(() => a + 1));                               // or hands it on
            void Use(Task<int> task) { }
        }
        """);

    private const string NoFixCases = """
        class C
        {
            async Task A(int a, CancellationToken token)
            {
                var stored = {|BLZ113:Task.Run(() => a + 1)|};                             // the task is stored: it runs concurrently
                await stored;
                var b = await {|BLZ113:Task.Run(() => a + 1, token)|};                     // a cancelled token would throw instead
                object boxed = await {|BLZ113:Task.Run<object>(() => a + 1)|};            // the value is converted to the task's type
                long widened = await {|BLZ113:Task.Run<long>(() => a)|};
                var started = await {|BLZ113:Task.Factory.StartNew(() => a + 1)|};
                _ = {|BLZ113:Task.Run(() => a + 2)|};                                     // not awaited
                var thread = await {|BLZ113:Task.Run(() => Environment.CurrentManagedThreadId)|}; // inline, it would name another thread
                var d = await {|BLZ113:Task.Run(() => a + 3)|}.ConfigureAwait(false);     // the rest of the method leaves the caller's context
            }

            async Task<Task<int>> Returned(int a) { await Task.Yield(); return {|BLZ113:Task.Run(() => a * 2)|}; }
        }
        """;

    [Fact]
    public Task Reports_tasks_that_are_not_awaited_on_the_spot() => VerifyAsync(Sources.Usings + NoFixCases);

    [Fact]
    public Task No_fix_where_inlining_would_change_behaviour() => VerifyNoFixAsync(Sources.Usings + NoFixCases);

    [Fact]
    public Task Fix_inlines_the_work() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            private int _count;

            async Task<string> A(string root, string name, int a, int b)
            {
                var path = await {|BLZ113:Task.Run(() => Path.Combine(root, name))|};
                var sum = await {|BLZ113:Task.Run(() => a + b)|}.ConfigureAwait(true);
                var twice = 2 * await {|BLZ113:Task.Run(() => a + b)|};
                await {|BLZ113:Task.Run(() => { _count = sum; })|};
                var label = await {|BLZ113:Task.Run(() => { return $"{name}#{a}"; })|};
                return path + twice + label;
            }
        }
        """, Sources.Usings + """
        class C
        {
            private int _count;

            async Task<string> A(string root, string name, int a, int b)
            {
                var path = Path.Combine(root, name);
                var sum = a + b;
                var twice = 2 * (a + b);
                _count = sum;
                var label = $"{name}#{a}";
                return path + twice + label;
            }
        }
        """);

    [Fact]
    public Task Fix_all_inlines_every_call_site() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(int a)
            {
                var x = await {|BLZ113:Task.Run(() => a + 1)|};
                var y = await {|BLZ113:Task.Run(() => a * 2)|};
                var z = await {|BLZ113:Task.Run(() => Math.Abs(a))|};
                return x + y + z;
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A(int a)
            {
                var x = a + 1;
                var y = a * 2;
                var z = Math.Abs(a);
                return x + y + z;
            }
        }
        """);

    private const string Loggers = """
        namespace Microsoft.Extensions.Logging
        {
            public interface ILogger { }
            public static class LoggerExtensions
            {
                public static void LogInformation(this ILogger logger, string? message, params object?[] args) { }
                public static void LogWarning(this ILogger logger, string? message, params object?[] args) { }
                public static void LogError(this ILogger logger, Exception? exception, string? message, params object?[] args) { }
            }
        }
        namespace Serilog
        {
            public static class Log
            {
                public static void Information(string messageTemplate) { }
                public static void Information(string messageTemplate, params object?[]? propertyValues) { }
            }
        }
        namespace NLog
        {
            public class Logger { public void Info(string message) { } }
        }
        namespace log4net
        {
            public interface ILog { void Warn(object message); }
        }

        """;

    [Fact]
    public Task Reports_one_log_line_a_private_helper_and_a_started_timer() => VerifyAsync(Sources.Usings + "using Microsoft.Extensions.Logging;\n" + Loggers + """
        class Item { public string Name { get; set; } = ""; }
        class Handler(ILogger logger, NLog.Logger nlog, log4net.ILog log4)
        {
            Task Handle(Item item) => {|BLZ113:Task.Run(() => logger.LogInformation("handled {Name}", item.Name))|};
            Task Serilogged(Item item) => {|BLZ113:Task.Run(() => Serilog.Log.Information($"queued for {item.Name}"))|};
            Task Nlogged(int n) => {|BLZ113:Task.Run(() => nlog.Info("count " + n))|};
            Task Logged4(string s) => {|BLZ113:Task.Run(() => log4.Warn(s))|};

            Task PrintLater(int n) => {|BLZ113:Task.Run(() => Print(n))|};
            private static void Print(int n) => Console.WriteLine(n);

            Task Twice(int n) => {|BLZ113:Task.Run(() => PrintBoth(n))|};
            private void PrintBoth(int n) { Print(n); Print(-n); }

            async Task<object> Demo()
            {
                var background = {|BLZ113:Task.Run(() =>
                {
                    Console.WriteLine("work begins");
                    Task.Delay(1000);
                    Console.WriteLine("work ends");
                    return new object();
                })|};
                Console.WriteLine("caller goes on");
                return await background;
            }
        }
        """);

    [Fact]
    public Task Ignores_helpers_it_cannot_read_and_placeholder_results() => VerifyAsync(Sources.Usings + "using Microsoft.Extensions.Logging;\n" + Loggers + """
        class Library { public static bool Verify(string a, string b) => a == b; }
        class Base { private protected static void Note(int n) => Console.WriteLine(n); }
        class Handler(ILogger logger) : Base
        {
            Task<bool> Check(string a, string b) => Task.Run(() => Library.Verify(a, b));  // another type's public API: not read
            Task Noted(int n) => Task.Run(() => Note(n));                                   // not private to this type
            Task Deep(int n) => Task.Run(() => One(n));                                      // three calls deep
            private static void One(int n) => Two(n);
            private static void Two(int n) => Three(n);
            private static void Three(int n) => Console.WriteLine(n);
            Task Thread(int n) => Task.Run(() => Which());                                   // reads the thread: not the same inline
            private static void Which() => Console.WriteLine(Environment.CurrentManagedThreadId);
            Task Recursive(int n) => Task.Run(() => Again(n));                               // calls itself: not bounded
            private static void Again(int n) { if (n > 0) { Again(n - 1); } }
            Task Failed(Exception e) => Task.Run(() => logger.LogError(e, "failed"));        // formats an exception: not plain values
            Task<bool> Placeholder() => Task.Run(() => false);                               // a stub's constant result
            Task Stubbed(int n) => Task.Run(() => Pending(n));                               // an empty helper: work not written yet
            private void Pending(int n) { }
            Task<int> Later() { return Task.Run(() => 42); }
            Task Delayed() => Task.Run(() => Task.Delay(100));                               // passes a task through: BLZ108's
        }
        """);

    [Fact]
    public Task Fix_inlines_a_private_helper_call_and_a_log_line() => VerifyFixAsync(Sources.Usings + "using Microsoft.Extensions.Logging;\n" + Loggers + """
        class C(ILogger logger)
        {
            async Task A(int n)
            {
                await {|BLZ113:Task.Run(() => Print(n))|};
                await {|BLZ113:Task.Run(() => logger.LogWarning("n is {N}", n))|};
            }

            private static void Print(int n) => Console.WriteLine(n);
        }
        """, Sources.Usings + "using Microsoft.Extensions.Logging;\n" + Loggers + """
        class C(ILogger logger)
        {
            async Task A(int n)
            {
                Print(n);
                logger.LogWarning("n is {N}", n);
            }

            private static void Print(int n) => Console.WriteLine(n);
        }
        """);

    private const string LockCases = """
        class C
        {
            private static readonly object Gate = new();
            private int _count;

            async Task A(List<int> items, string name)
            {
                var two = await {|BLZ113:Task.Run(() => { lock (Gate) { return 2; } })|};
                var count = await {|BLZ113:Task.Run(() => { lock (items) { return items.Count; } })|};
                await {|BLZ113:Task.Run(() => { lock (Gate) { _count++; Console.WriteLine(name); } })|};
            }
        }
        """;

    [Fact]
    public Task Reports_a_lock_around_cheap_work() => VerifyAsync(Sources.Usings + LockCases);

    [Fact]
    public Task No_fix_for_a_lock_around_cheap_work() => VerifyNoFixAsync(Sources.Usings + LockCases);

    [Fact]
    public Task Ignores_a_lock_around_work_that_is_not_provably_cheap() => VerifyAsync(Sources.Usings + """
        class C
        {
            private static readonly object Gate = new();
            private readonly List<string> _lines = new();

            async Task A(string path, int count)
            {
                var exists = await Task.Run(() => { lock (Gate) { return File.Exists(path); } });
                await Task.Run(() => { lock (Gate) { for (var n = 0; n < count; n++) { _lines.Add("line" + n); } } });
                await Task.Run(() => { lock (Gate) { Thread.Sleep(10); } });
                await Task.Run(() => { lock (Next()) { return 1; } });
            }

            private static object Next() { Thread.Sleep(1); return Gate; }
        }
        """);

    private const string IdleCases = """
        class ViewModel
        {
            public ViewModel()
            {
                {|BLZ113:Task.Run(() => Refresh())|};
                {|BLZ113:Task.Factory.StartNew(() => { })|};
            }

            async Task A()
            {
                await {|BLZ113:Task.Run(() => { })|};
                await {|BLZ113:Task.Run(() => Outer(1))|};
            }

            private void Refresh()
            {
            }

            private void Outer(int n) => Inner(n);
            private static void Inner(int n) { }
        }

        class Printer
        {
            private static Task PrintOne(int n) => {|BLZ113:Task.Run(() => PrintLater(n))|};

            async Task Both(int n)
            {
                await {|BLZ113:Task.Run(() => PrintLater(n))|};
                await {|BLZ113:Task.Factory.StartNew(() => Yielding())|};
            }

            private static async void PrintLater(int n)
            {
                await Task.Delay(10);
                Console.WriteLine(n);
            }

            private async void Yielding()
            {
                await Task.Yield();
                Console.WriteLine("later");
            }
        }
        """;

    [Fact]
    public Task Reports_offloads_that_leave_the_pool_thread_idle() => VerifyAsync(Sources.Usings + IdleCases);

    [Fact]
    public Task No_fix_for_offloads_that_leave_the_pool_thread_idle() => VerifyNoFixAsync(Sources.Usings + IdleCases);

    [Fact]
    public Task Idle_offloads_say_why_they_are_reported() => VerifyAsync(Sources.Usings + """
        class C
        {
            async Task A(int n)
            {
                await {|#0:Task.Run(() => { })|};
                await {|#1:Task.Run(() => Later(n))|};
            }

            private static async void Later(int n) { await Task.Delay(5); Console.WriteLine(n); }
        }
        """,
        BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ113").WithLocation(0).WithMessage(
            "'Task.Run' offloads a body that does no work: the pool hop is pure overhead (bucket 2); remove it, or say why the hop is needed"),
        BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ113").WithLocation(1).WithMessage(
            "'Task.Run' only starts an async void method, which gives the pool thread back at its first await (bucket 2): "
            + "the task completes before that method's work runs; make the method return a Task and await it"));

    [Fact]
    public Task Ignores_offloads_that_are_stubs_or_start_real_work() => VerifyAsync(Sources.Usings + """
        public class Library { public static void Nothing() { } public static async void Later() { await Task.Delay(5); } }

        class C
        {
            private readonly Action _callback = () => { };

            Task Stub() => Task.Run(() => { });                                       // returned: a stand-in for work not written yet
            Task<Task> Stored() { var started = Task.Run(() => Pending()); return Task.FromResult(started); }

            async Task A(int n, int delay)
            {
                await Task.Run(() => Library.Nothing());                              // another type's API: not read
                await Task.Run(() => Deep());                                         // three calls deep
                await Task.Run(() => _callback());                                    // a delegate: runs anything
                await Task.Run(() => Busy(n));                                        // works before its first await
                await Task.Run(() => NoWait(n));                                      // Task.Delay(0) completes at once
                await Task.Run(() => Waits(delay));                                   // a delay of any length, 0 included
                await Task.Run(() => Library.Later());                                // another type's async void: not read
                await Task.Run(() => PrintLater(Compute(n)));                         // the argument is computed on the pool
                Task.Run(() => PrintLater(n));                                        // dropped: may keep its continuations off a UI context
                var later = Task.Run(() => PrintLater(n));                            // stored: not known to be waited for
                await later;
            }

            private void Pending() { }
            private static void Deep() => One();
            private static void One() => Two();
            private static void Two() { }
            private static async void Busy(int n) { Thread.Sleep(n); await Task.Delay(5); }
            private static async void NoWait(int n) { await Task.Delay(0); Thread.Sleep(n); }
            private static async void Waits(int delay) { await Task.Delay(delay); Thread.Sleep(delay); }
            private static async void PrintLater(int n) { await Task.Delay(5); Console.WriteLine(n); }
            private static int Compute(int n) { Thread.Sleep(n); return n; }
        }
        """);

    [Fact]
    public Task Reports_cheap_work_offloaded_by_a_task_returning_handler() => VerifyAsync(Sources.Usings + """
        class Bus
        {
            public Task SubscribeAsync(string topic, Func<string, CancellationToken, Task> handler, CancellationToken token) => Task.CompletedTask;
            public void Subscribe(string topic, Func<string, Task> handler) { }
            public void OnEach(Action<string> handler) { }
        }

        class Subscriber(Bus bus)
        {
            async Task Start(CancellationToken token)
            {
                await bus.SubscribeAsync("pings", (message, ct) => {|BLZ113:Task.Factory.StartNew(() => Console.WriteLine("ping received"))|}, token);
                bus.Subscribe("names", message => {|BLZ113:Task.Run(() => Console.WriteLine(message))|});
                bus.Subscribe("lengths", message => { return {|BLZ113:Task.Run(() => message.Length)|}; });
            }
        }
        """);

    [Fact]
    public Task Reads_handlers_that_do_not_return_the_offloaded_task_as_sync_code() => VerifyAsync(Sources.Usings + """
        class Bus
        {
            public void Subscribe(string topic, Func<string, Task> handler) { }
            public void OnEach(Action<string> handler) { }
            public void Map(Func<string, int> map) { }
        }

        class Subscriber(Bus bus)
        {
            void Start()
            {
                bus.Subscribe("pings", message => Task.Run(() => File.AppendAllText("log.txt", message)));  // not cheap
                bus.Subscribe("flags", message => Task.Run(() => true));                                     // a stub's constant result
                bus.OnEach(message => {|BLZ113:Task.Run(() => Console.WriteLine(message))|});                // a sync handler drops it: reported as sync code
                bus.Map(message => {|BLZ113:Task.Run(() => message.Length)|}.Result);                        // waited on where it is made: likewise
                bus.Subscribe("nested", message => Task.Run(() => Task.Run(() => Console.WriteLine(message)))); // passed through a starter
            }
        }
        """);

    [Fact]
    public Task Reports_a_counted_arithmetic_loop_of_at_most_a_million_passes() => VerifyAsync(Sources.Usings + """
        class Counters
        {
            private long _sum;

            async Task A(int[] cells)
            {
                var counted = await {|BLZ113:Task.Run<int>(() =>
                {
                    int total = 0;
                    for (int n = 0; n < 100_000; n++)
                        total++;
                    return total;
                })|};
                await {|BLZ113:Task.Run(() =>
                {
                    for (var row = 0; row < 500; row++)
                    {
                        for (var column = 1; column <= 1000; column += 1)
                        {
                            _sum += row * column % 7;
                        }
                    }
                })|};
                var labels = new List<string>();
                await {|BLZ113:Task.Run(() => { for (var n = 0; n < 10; n++) { labels.Add("label" + n); } })|};
                await Task.Run(() => labels.AddRange(labels.Select(l => l + "!")));                     // enumerates a sequence
                await Task.Run(() => { for (var n = 0; n < 1000; n++) { labels.Add("label" + n); } });   // more than 64 calls
                var squares = await {|BLZ113:Task.Factory.StartNew(() =>
                {
                    var table = new long[16];
                    for (var i = 0; i < 16; ++i) { table[i] = i * i; }
                    return table;
                })|};
            }
        }
        """);

    [Fact]
    public Task Ignores_counted_loops_that_are_long_unbounded_or_not_plain_arithmetic() => VerifyAsync(Sources.Usings + """
        class Counters
        {
            private long _sum;
            private int Limit => 10;

            async Task A(int count, List<int> items)
            {
                await Task.Run(() => { for (var n = 0; n < 10_000_000; n++) { _sum += n; } });            // ten milliseconds or more
                await Task.Run(() => { for (var i = 0; i < 1000; i++) { for (var j = 0; j < 1001; j++) { _sum += j; } } }); // a million and more, nested
                await Task.Run(() => { for (var n = 0; n < count; n++) { _sum += n; } });                 // the caller's bound
                await Task.Run(() => { for (var n = 0; n < Limit; n++) { _sum += n; } });                 // a property's bound
                await Task.Run(() => { for (var n = 0; n < 1000; n++) { Console.WriteLine(n); } });       // a call on every pass
                await Task.Run(() => { for (var n = 0; n < 1000; n++) { items.Add(n); } });               // a call on every pass
                await Task.Run(() => { for (var n = 0; n < 1000; n += 2) { _sum += n; } });               // not counted one by one
                await Task.Run(() => { for (var n = 0; n < 100_000; n++) { if (_sum > n) break; } });     // leaves early: a search
                await Task.Run(() => { for (var n = 0; n < 100_000; n++) { _sum += new object().GetHashCode(); } });
            }
        }
        """);

    [Fact]
    public Task Reports_arithmetic_queries_over_sequences_of_provably_small_size() => VerifyAsync(Sources.Usings + """
        static class Squares
        {
            public static async Task Main()
            {
                int[] values = { 0b1, 0b10, 0b100, 0b1000 };
                Console.WriteLine(await SumSquares(values));
                Console.WriteLine(await SumSquares(new int[3]));
            }

            private static Task<int> SumSquares(int[] values)
            {
                return {|BLZ113:Task.Run(Compute)|};

                int Compute() => values.Select(v => v * v).Sum();
            }
        }
        class Samples
        {
            public async Task<string> Render()
            {
                var samples = await LoadAsync(100);
                var sorted = await {|BLZ113:Task.Run(() => new[] { 3, 1, 2 }.OrderBy(v => v).ToList())|};
                return samples.Length + " " + sorted.Count;
            }

            private async Task<float[]> LoadAsync(int count) => await Build(count);

            private async Task<float[]> Build(int count)
            {
                var building = {|BLZ113:Task.Factory.StartNew(() => Enumerable.Range(0, count).Select(n => n / 10f).ToArray())|};
                return await building;
            }
        }
        """);

    [Fact]
    public Task Ignores_queries_over_sequences_whose_size_the_code_does_not_fix() => VerifyAsync(Sources.Usings + """
        class Reports
        {
            public Task<int> Public(int[] values) => Task.Run(() => values.Select(v => v * v).Sum());                  // any caller's input
            public Task<int> Relay(int[] values) => Private(values);
            private Task<int> Private(int[] values) => Task.Run(() => values.Sum());                                    // passed on from a public method
            private Task<int> AlsoAGroup(int[] values) => Task.Run(() => values.Sum());                                 // its callers are not all known
            private Func<int[], Task<int>> Group => AlsoAGroup;
            private Task<float[]> Big(int count) => Task.Run(() => Enumerable.Range(0, count).Select(n => n / 10f).ToArray());
            private Task<string[]> Formatted(int count) => Task.Run(() => Enumerable.Range(0, count).Select(n => n.ToString()).ToArray()); // a call per element
            private Task<int> Uncalled(int[] values) => Task.Run(() => values.Sum());                                   // no caller to read

            async Task A(int[] input)
            {
                await AlsoAGroup(new[] { 1, 2 });
                await Big(100_000);
                await Formatted(10);
                var data = new[] { 1, 2, 3 };
                data = input;
                await Task.Run(() => data.Sum());                                                                       // written again
                await Task.Run(() => Enumerable.Range(0, 5000).Sum());                                                  // more than a thousand
                await Task.Run(Read);                                                                                   // a local function that does I/O
                await Task.Run(() => input.Select(v => v + 1).ToList());

                string Read() => File.ReadAllText("settings.json");
            }

            static Task<bool> Stub()
            {
                return Task.Run(Constant);                                                                              // a placeholder result

                bool Constant() => false;
            }
        }
        """);

    // Sync code gains nothing from the hop either when it drops the task or waits for it where it is made.
    [Fact]
    public Task Reports_cheap_work_that_sync_code_drops_or_waits_for() => VerifyAsync(Sources.Usings + """
        static class Demo
        {
            private static int Sum(int a, int b) => a + b;

            public static string Describe()
            {
                Task<int> pending = {|BLZ113:Task.Run(() => 7)|};
                return pending.Result.ToString();
            }

            public static int AddOnPool(int a, int b)
            {
                int total = 0;
                var job = {|BLZ113:Task.Run(() => total = Sum(a, b))|};
                job.Wait();
                return total;
            }

            public static void Hello(string name)
            {
                {|BLZ113:ThreadPool.QueueUserWorkItem(_ => Console.WriteLine("hello " + name))|};
                _ = {|BLZ113:Task.Run(() => Console.WriteLine("bye"))|};
                ThreadPool.QueueUserWorkItem(state => Console.WriteLine(state), name);      // a state argument
                ThreadPool.QueueUserWorkItem(state => Console.WriteLine(state));            // reads its state
                var later = Task.Run(() => Sum(1, 2));                                      // kept beyond a wait
                later.ContinueWith(t => Console.WriteLine(t.Result));
            }

            public static void OnClick()
            {
                Task job = {|BLZ113:Task.Factory.StartNew(() => Console.WriteLine("clicked"))|}; // never read: dropped under a name
            }

            public static int SideBySide()
            {
                var total = 0;
                var left = Task.Run(() => { for (var n = 0; n < 50000; n++) { total += 1; } });  // two starts run side by side,
                var right = Task.Run(() => { for (var n = 0; n < 50000; n++) { total += 1; } }); // then both are waited
                left.Wait();
                right.Wait();
                return total;
            }
        }
        """);

    [Fact]
    public Task No_fix_in_sync_code() => VerifyNoFixAsync(Sources.Usings + """
        static class Demo
        {
            public static int Seven() => {|BLZ113:Task.Run(() => 7)|}.Result;
        }
        """);

    // Debug output is compiled away in release builds, and one short line otherwise.
    [Fact]
    public Task Reports_an_offload_of_log_and_debug_lines() => VerifyAsync(Sources.Usings + """
        class Logger
        {
            async Task Handle(string label, CancellationToken token)
            {
                await {|BLZ113:Task.Run(() =>
                {
                    var line = nameof(Logger) + ": " + label.ToUpperInvariant();
                    Console.WriteLine(line);
                    System.Diagnostics.Debug.WriteLine(line);
                }, token)|};
            }
        }
        """);

    [Fact]
    public Task Reports_one_object_mapped_and_plain_constructors_and_ignores_mapped_sequences_and_busy_constructors() => VerifyAsync(Sources.Usings + """
        namespace AutoMapper { public interface IMapper { TDestination Map<TDestination>(object source); } }
        namespace Mapster { public static class TypeAdapter { public static TDestination Adapt<TDestination>(this object source) => default!; } }
        namespace App
        {
            using AutoMapper;
            using Mapster;

            class Member { public string Name { get; set; } = ""; }
            class MemberDto { public string Name { get; set; } = ""; }

            class Sender
            {
                private readonly string host;
                private readonly int port;
                public Sender(string host, int port) { this.host = host; this.port = port; }
                public Task SendAsync() => Task.CompletedTask;
            }

            class Guarded
            {
                public Guarded(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));
                public string Name { get; }
            }

            class Loud
            {
                private string _name = "";
                public Loud(string name) { Console.Beep(); _name = name; }
            }

            class Noisy
            {
                private string _label = "";
                public string Label { get => _label; set { _label = value.Trim(); } }
                public Noisy(string label) { Label = label; }
            }

            class C
            {
                private readonly IMapper _mapper;
                public C(IMapper mapper) => _mapper = mapper;

                async Task A(Member member, List<Member> members)
                {
                    var dto = await {|BLZ113:Task.Run(() => _mapper.Map<MemberDto>(member))|};
                    var adapted = await {|BLZ113:Task.Run(() => member.Adapt<MemberDto>())|};
                    var sender = await {|BLZ113:Task.Run(() => new Sender("10.0.0.1", 4004))|};
                    var guarded = await {|BLZ113:Task.Run(() => new Guarded("x"))|};
                    var stamp = await {|BLZ113:Task.Run(() => $"{DateTime.Now:HH:mm:ss.fff} {DateTimeOffset.Now:O}")|};

                    var all = await Task.Run(() => _mapper.Map<List<MemberDto>>(members));   // maps every row
                    var loud = await Task.Run(() => new Loud("x"));                            // the constructor does more than store
                    var noisy = await Task.Run(() => new Noisy("x"));                          // a setter with a body runs
                }
            }
        }
        """);

    [Fact]
    public Task Reports_a_small_query_that_makes_a_plain_object_per_element() => VerifyAsync(Sources.Usings + """
        class Catalogue { public int Id { get; set; } }
        class Tile { public Tile(int index) => Index = index; public int Index { get; } }
        class Busy { public Busy(int index) { Console.Beep(); } }
        class Logged { private int _id; public int Id { get => _id; set { _id = value; Console.WriteLine(value); } } }

        class C
        {
            private static Catalogue[] Products() => Enumerable.Range(5, 15).Select(i => new Catalogue { Id = i }).ToArray();

            async Task A()
            {
                var products = await {|BLZ113:Task.Factory.StartNew(() => Products())|};
                var tiles = await {|BLZ113:Task.Run(() => Enumerable.Range(0, 100).Select(n => new Tile(n * 2)).ToList())|};

                var many = await Task.Run(() => Enumerable.Range(0, 5000).Select(n => new Tile(n)).ToList());   // past the small bound
                var busy = await Task.Run(() => Enumerable.Range(0, 10).Select(n => new Busy(n)).ToList());    // the constructor works
                var logged = await Task.Run(() => Enumerable.Range(0, 10).Select(n => new Logged { Id = n }).ToList()); // a setter runs code
                var named = await Task.Run(() => Enumerable.Range(0, 10).Select(n => new Tile(n.GetHashCode())).ToList()); // a call per element
            }
        }
        """);

    [Fact]
    public Task Reports_an_mvc_result_made_on_the_pool_but_not_its_rendering() => VerifyAsync(Sources.Usings + """
        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { Task ExecuteResultAsync(object context); }
            public class ViewResult : IActionResult { public Task ExecuteResultAsync(object context) => Task.CompletedTask; }
            public class OkObjectResult : IActionResult { public Task ExecuteResultAsync(object context) => Task.CompletedTask; }
            public abstract class ControllerBase { public OkObjectResult Ok(object? value) => new(); }
            public abstract class Controller : ControllerBase { public ViewResult View() => new(); public ViewResult View(string name, object? model) => new(); }
        }
        class Pages : Microsoft.AspNetCore.Mvc.Controller
        {
            Task<Microsoft.AspNetCore.Mvc.ViewResult> Index() => {|BLZ113:Task.Run(() => View())|};
            async Task<Microsoft.AspNetCore.Mvc.IActionResult> Named(int id) => await {|BLZ113:Task.Run(() => View("item", id))|};
            async Task<Microsoft.AspNetCore.Mvc.IActionResult> Value(string s) => await {|BLZ113:Task.Run(() => Ok(s))|};
            async Task Rendered(object context) => await Task.Run(() => View().ExecuteResultAsync(context)); // runs the result: not only made
        }
        """);
}
