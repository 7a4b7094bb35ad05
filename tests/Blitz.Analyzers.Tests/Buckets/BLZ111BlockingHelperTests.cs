using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Tests.Corpus;
using Blitz.Analyzers.Tests.Deep;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ111BlockingHelperTests
{
    private static readonly DeepVerifier Verifier = new(BlitzRulesAnalyzer.Hosting(new BLZ111BlockingHelperAnalyzer()));
    private static readonly DeepVerifier All = new([.. CorpusTests.AllAnalyzers()]);
    private static readonly DeepVerifier WithLoops = new(BlitzRulesAnalyzer.Hosting(new BLZ111BlockingHelperAnalyzer(), new BLZ106ForeverLoopOnPoolAnalyzer()));

    private const string Puller = Sources.Usings + """
        using System.Collections.Concurrent;
        public sealed class Puller
        {
            private readonly BlockingCollection<string> _queue = new();
            public string PullOne() => _queue.Take();
            public void Nap() => Thread.Sleep(200);
            public string Peek() => "cheap";
        }
        """;

    [Fact]
    public async Task Leaves_helpers_in_a_forever_loop_of_an_async_method_that_never_awaits_to_BLZ106()
    {
        var diagnostics = await WithLoops.VerifyAndGetDiagnosticsAsync(Puller, Sources.Usings + """
            public sealed class Worker
            {
                private readonly Puller _puller = new();
                protected async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    {|BLZ106:while|} (!stoppingToken.IsCancellationRequested)
                    {
                        _puller.Peek();
                        _puller.PullOne();
                        _puller.Nap();
                    }
                }
                public async Task AfterStartAsync(CancellationToken token)
                {
                    await Task.Yield();
                    {|BLZ106:while|} (true) { _puller.Nap(); }
                }
            }
            """);

        Assert.Equal("The forever loop of async method 'ExecuteAsync' never awaits, so the method never gives its thread back (its caller's, or a ThreadPool thread after an earlier await), "
            + "and blocks on every pass in 'ExecuteAsync → PullOne → BlockingCollection.Take' (a blocking wait) (bucket 4); run it as a sync loop on 'BlitzRuntime.Default.SpawnDedicated'",
            diagnostics.First().GetMessage());
    }

    [Fact]
    public Task Reports_helpers_in_loops_that_await_or_end_and_in_lambdas() => WithLoops.VerifyAsync(Puller, Sources.Usings + """
        public sealed class Worker
        {
            private readonly Puller _puller = new();
            public async Task AwaitingAsync(CancellationToken token)
            {
                while (!token.IsCancellationRequested) { {|BLZ111:_puller.Nap()|}; await Task.Delay(10, token); } // gives its thread back each pass
            }
            public async Task BoundedAsync()
            {
                for (var i = 0; i < 3; i++) { {|BLZ111:_puller.PullOne()|}; }
                await Task.Yield();
            }
            public async Task LeavesAsync()
            {
                while (true) { if (_puller.PullOne() == "stop") { break; } } // the same helper: reported once per type, above
                await Task.Yield();
            }
            public void Sync() { while (true) { _puller.PullOne(); } }                                       // not async
        }
        """);

    // The first site must be found whatever its syntax: a call after `?.` and a target-typed `new()` show their
    // names differently from a plain call (a scan that only read plain names skipped them and reported a later site).
    [Fact]
    public async Task Reports_the_first_site_in_a_type_when_it_is_a_conditional_call_or_a_target_typed_creation()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Puller, Sources.Usings + """
        public sealed class Napper
        {
            public Napper() => Thread.Sleep(100);
        }

        public sealed class Worker
        {
            private Puller? _puller = new();
            public async Task FirstAsync()
            {
                _puller?{|BLZ111:.Nap()|};
                Napper napper = {|BLZ111:new()|};
                await Task.Yield();
            }
            public async Task LaterAsync()
            {
                await Task.Yield();
                _puller!.Nap();   // the same helper: reported once per type, at the `?.` call above
                _ = new Napper(); // the same constructor: reported at the `new()` above
            }
        }
        """);

        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'new Napper' blocks async code through the call", StringComparison.Ordinal));
    }

    // An out parameter the helper fills with a memory stream is written in memory, as a local would be.
    [Fact]
    public Task Follows_an_out_parameter_to_the_memory_stream_the_helper_gives_it() => Verifier.VerifyAsync(Sources.Usings + """
        static class Streams
        {
            public static void BytesToStream(byte[] data, out Stream stream)
            {
                stream = new MemoryStream(new byte[0]);
                if (data.Length > 0)
                {
                    stream = new MemoryStream();
                    stream.Write(data, 0, data.Length);
                    stream.Seek(0, SeekOrigin.Begin);
                }
            }

            public static void BytesToFile(byte[] data, string path, out Stream stream)
            {
                stream = File.OpenWrite(path);
                stream.Write(data, 0, data.Length);
            }
        }

        class Sender
        {
            public async Task SendAsync(byte[] data, string path)
            {
                Streams.BytesToStream(data, out var memory);
                {|BLZ111:Streams.BytesToFile(data, path, out var file)|};
                await Task.Yield();
            }
        }
        """);

    // A sync request handler holds the request's pool thread: a blocking helper one call away is reported there too.
    [Fact]
    public async Task Reports_a_blocking_helper_called_from_a_sync_request_handler()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Sources.Usings + WebFrameworkStubs.Source + """
            class Catalog
            {
                public string Download(string url) { Thread.Sleep(2000); return url; }
                public string Name(int id) => "item" + id;
            }

            class ShopController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly Catalog _catalog = new();
                public string Index(string url) => {|BLZ111:_catalog.Download(url)|};
                public string Show(int id) => _catalog.Name(id);                           // nothing blocks
                private string Helper(string url) => _catalog.Download(url);              // not an action
            }
            """);

        Assert.Equal("'Catalog.Download' blocks a sync request handler's ThreadPool thread through the call (reported at the first call in this type): "
            + "Index → Download → Thread.Sleep (a sleep, bucket 1); make the handler async, then: make the helper async and await it, or mark it [Blocking] and await its generated wrapper",
            diagnostics.Single().GetMessage());
    }

    // The helpers live in their own file: the summary must read a body from another tree.
    private const string Connection = Sources.Usings + """
        using System.Security.Cryptography;
        public sealed class Connection
        {
            private readonly ManualResetEvent _reply = new(false);
            private volatile bool _open;

            public string Name { get; set; } = "";

            public bool IsConnected
            {
                get
                {
                    var waited = 0;
                    while (!_open && waited < 20_000) { Thread.Sleep(100); waited += 100; }
                    return _open;
                }
            }

            public void WaitForReply() { if (!_reply.WaitOne(15_000)) { throw new TimeoutException(); } }
            public Task WaitForReplyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

            public string ReadLine(TextReader reader) => reader.ReadLine() ?? "";

            public async Task<string> ReadLineAsync(TextReader reader)
            {
                await Task.Yield();
                return {|BLZ111:ReadLine(reader)|}; // ReadLineAsync is the caller itself: never suggested
            }

            public byte[] HashFile(string path)
            {
                using var stream = File.OpenRead(path);
                return SHA256.HashData(stream);
            }

            public int TwoDeep() => Sleeper();
            public int ThreeDeep() => Middle();
            private int Middle() => Sleeper();
            private int Sleeper() { Thread.Sleep(5); return 1; }

            public string Format(int value) => value.ToString("N0");
        }

        public sealed class Session : IDisposable, IAsyncDisposable
        {
            public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
            public async ValueTask DisposeAsync() => await Task.Yield();
        }

        public sealed class Blocker
        {
            public Blocker() => Thread.Sleep(10);
        }
        """;

    [Fact]
    public async Task Reports_blocking_one_call_deep_with_the_chain_and_remedy()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Connection, Sources.Usings + """
            public sealed class Client
            {
                private readonly Connection _connection = new();

                public async Task ConnectAsync(CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    if (!{|BLZ111:_connection.IsConnected|}) { throw new IOException(); }
                    {|BLZ111:_connection.WaitForReply()|};
                }

                public async Task<string> VerifyAsync(string path)
                {
                    var hash = {|BLZ111:_connection.HashFile(path)|};
                    await Task.Yield();
                    return Convert.ToHexString(hash);
                }

                public async Task<int> DepthAsync()
                {
                    await Task.Yield();
                    return {|BLZ111:_connection.TwoDeep()|} + _connection.ThreeDeep(); // three deep is past the default depth
                }

                public async Task LocalFunctionAsync()
                {
                    await Task.Yield();
                    {|BLZ111:Pause()|};
                    static void Pause() => Thread.Sleep(10);
                }

                public async Task DisposeAsync(Session session)
                {
                    {|BLZ111:using|} var scoped = new Session();
                    using (new Session()) { await Task.Yield(); } // the same Dispose: reported once per type, above
                    session.Dispose();
                    _ = {|BLZ111:new Blocker()|};
                }
            }

            public sealed class Closer
            {
                public async Task CloseAsync(Session session)
                {
                    await Task.Yield();
                    {|BLZ111:session.Dispose()|}; // another type: its own report
                }
            }
            """);

        string Message(string excerpt) => diagnostics.Single(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == excerpt).GetMessage();
        Assert.Equal("'Connection.IsConnected' blocks async code through the call (reported at the first call in this type): ConnectAsync → IsConnected.get → Thread.Sleep (a sleep, bucket 1); "
            + "make the helper async and await it, or mark it [Blocking] and await its generated wrapper", Message("_connection.IsConnected"));
        Assert.Equal("'Connection.WaitForReply' blocks async code through the call (reported at the first call in this type): ConnectAsync → WaitForReply → ManualResetEvent.WaitOne (a blocking wait, bucket 1); "
            + "use 'await WaitForReplyAsync'", Message("_connection.WaitForReply()"));
        Assert.Equal("'Connection.HashFile' blocks async code through the call (reported at the first call in this type): VerifyAsync → HashFile → SHA256.HashData (hashing a whole stream or file, bucket 3); "
            + "mark the helper [Blocking] (or [CpuBound]) and await its generated wrapper", Message("_connection.HashFile(path)"));
        Assert.Contains("DepthAsync → TwoDeep → Sleeper → Thread.Sleep", Message("_connection.TwoDeep()"));
        Assert.Contains("LocalFunctionAsync → Pause → Thread.Sleep", Message("Pause()"));
        Assert.Contains("make the helper async", Message("ReadLine(reader)"));
        Assert.Contains("TextReader.ReadLine (sync I/O, bucket 1)", Message("ReadLine(reader)"));
        Assert.Contains("DisposeAsync → Dispose → TaskAwaiter.GetResult (a blocking wait, bucket 1); use 'await using' (it calls 'DisposeAsync')",
            diagnostics.First(d => d.GetMessage().Contains("await using")).GetMessage());
        Assert.Contains("use 'await DisposeAsync'", Message("session.Dispose()"));
        Assert.Contains("→ new Blocker → Thread.Sleep", Message("new Blocker()"));
    }

    [Fact]
    public Task Helpers_settled_on_syntax_still_see_constructors_target_typed_new_and_local_functions() => Verifier.VerifyAsync(Sources.Usings + """
        public sealed class Session
        {
            public Session() { Thread.Sleep(1_000); }
        }
        public sealed class Pool
        {
            private Session? _session;
            public void Open() => _session = new Session();
            public void OpenTargetTyped() { Session session = new(); _session = session; }
            public int Pure(int x) => x * 2 + "abc".Length;
            public void WithLocal() { Wait(); void Wait() => Thread.Sleep(10); }
        }
        """, Sources.Usings + """
        public sealed class Client
        {
            public async Task RunAsync(Pool pool)
            {
                await Task.Yield();
                {|BLZ111:pool.Open()|};
                {|BLZ111:pool.OpenTargetTyped()|};
                pool.Pure(1);
                {|BLZ111:pool.WithLocal()|};
            }
        }
        """);

    [Fact]
    public Task Ignores_sync_callers_sync_lambdas_offloaded_work_and_helpers_that_do_not_block() => Verifier.VerifyAsync(Connection, Sources.Usings + """
        public sealed partial class Quiet
        {
            private readonly Connection _connection = new();
            private readonly SemaphoreSlim _gate = new(1);

            public void Sync() { _connection.WaitForReply(); _ = _connection.IsConnected; }
            public bool IsReady => _connection.IsConnected;                       // a getter is not async context
            public void Dispose() { _connection.WaitForReply(); }                 // neither is a sync Dispose

            [Blocking] public void Offloaded() => _connection.WaitForReply();

            private static int Peek(Task<int> task) => task.Status == TaskStatus.RanToCompletion ? task.Result : -1;
            private static int PeekCompleted(Task<int> task) => task.IsCompleted ? task.Result : -1;
            private bool TryEnter() => _gate.Wait(0);
            private static int Buffered(byte[] data) { var memory = new MemoryStream(); memory.Write(data, 0, data.Length); return (int)memory.Length; }
            private static async Task SleepsAsync() { await Task.Yield(); }
            private int A(int n) => n == 0 ? 0 : B(n - 1);
            private int B(int n) => A(n);

            public async Task<string> RunAsync(Task<int> task, byte[] data)
            {
                await Task.Yield();
                Func<bool> later = () => _connection.IsConnected;                 // a sync lambda is not async context
                await Task.Run(() => _connection.WaitForReply());                 // offloaded (BLZ109's concern, not this rule's)
                _connection.Name = "primary";                                     // a setter, not a getter
                var text = _connection.Format(Peek(task) + PeekCompleted(task) + Buffered(data) + A(3));
                if (TryEnter()) { _gate.Release(); }
                await SleepsAsync();                                              // async callees do not block their caller
                Offloaded();                                                      // [Blocking] called directly is BLZ105's
                return text + _connection.Name;
            }
        }
        """);

    [Fact]
    public Task Search_depth_and_nonblocking_methods_come_from_editorconfig() => Verifier.VerifyAsync(
        new Dictionary<string, string>
        {
            ["blitz.search_depth"] = "3",
            ["blitz.nonblocking_methods"] = "Connection.IsConnected, Connection.HashFile,System.Threading.WaitHandle.WaitOne, Session.*",
        },
        Connection, Sources.Usings + """
        public sealed class Client
        {
            private readonly Connection _connection = new();
            public async Task<int> RunAsync(Session session)
            {
                await Task.Yield();
                _ = _connection.IsConnected;             // listed
                _ = _connection.HashFile("a");           // listed
                _connection.WaitForReply();              // its only blocking call is listed
                session.Dispose();                       // its type is listed
                return {|BLZ111:_connection.ThreeDeep()|}; // found at depth 3
            }
        }
        """);

    [Fact]
    public Task Depth_zero_turns_the_rule_off() => Verifier.VerifyAsync(
        new Dictionary<string, string> { ["blitz.search_depth"] = "0" },
        Connection.Replace("{|BLZ111:ReadLine(reader)|}", "ReadLine(reader)"), Sources.Usings + """
        public sealed class Client
        {
            public async Task RunAsync(Connection connection) { await Task.Yield(); connection.WaitForReply(); }
        }
        """);

    [Fact]
    public Task Disposing_locals_used_only_asynchronously_is_not_reported_by_any_rule() => All.VerifyAsync(Sources.Usings + """
        using System.Data.Common;
        public sealed class Store
        {
            public async Task WriteAsync(string path, byte[] data, CancellationToken ct)
            {
                using var registration = ct.Register(() => { });
                using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                await stream.WriteAsync(data, ct);
            }

            public async Task<int> CountAsync(DbConnection connection, CancellationToken ct)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "select count(*) from items";
                return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
            }

            public async Task<int> GuardedAsync(Task<int> task)
            {
                await Task.Yield();
                if (task.Status == TaskStatus.RanToCompletion) { return task.Result; }
                if (task.Status != TaskStatus.RanToCompletion) { return await task; }
                return task.Result;
            }
        }
        """);

    [Fact]
    public async Task Sync_io_on_this_inside_its_own_async_twin_never_suggests_the_twin()
    {
        var verifier = new DeepVerifier(BlitzRulesAnalyzer.Hosting(new BLZ102SyncIoAnalyzer(), new BLZ111BlockingHelperAnalyzer()));
        var diagnostics = await verifier.VerifyAndGetDiagnosticsAsync(Sources.Usings + """
            public sealed class CountingStream(Stream inner) : Stream
            {
                public long Count { get; private set; }
                public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Count += n; return n; }
                public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    var viaInner = await inner.ReadAsync(buffer, offset, count, cancellationToken);
                    return {|BLZ111:Read(buffer, offset, count)|} + {|BLZ102:inner.Read(buffer, offset, count)|} + viaInner;
                }
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => throw new NotSupportedException();
                public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            }
            """);

        var own = diagnostics.Single(d => d.Id == "BLZ111").GetMessage();
        Assert.Contains("ReadAsync → Read → Stream.Read (sync I/O, bucket 1)", own);
        Assert.DoesNotContain("ReadAsync'", own); // neither this method nor the Stream.ReadAsync it overrides
        Assert.Contains("use 'await ReadAsync'", diagnostics.Single(d => d.Id == "BLZ102").GetMessage()); // on another stream it is right
    }

    // A client that connects lazily, shaped like the real libraries' getters: every blocking branch runs only until
    // the object is set up, except the last two, which run on every call.
    private const string LazyClient = Sources.Usings + """
        public sealed class Link
        {
            public static Link Open() { Thread.Sleep(500); return new Link(); }
        }

        public enum LinkState { Unknown, Up, Down }

        public sealed class FtpLikeClient
        {
            private int _connectCount;
            private readonly List<string> _features = new();
            private Link? _link;
            private Link? _spare;
            private bool _started;
            private bool _disposed;

            public bool IsOpen { get; private set; }
            public LinkState State { get; set; }

            public List<string> Features
            {
                get
                {
                    if (_connectCount > 0) { return _features; }
                    Task.Run(() => ConnectAsync(default)).Wait();
                    return _features;
                }
            }

            public bool HasFeature(string name) => Features.Contains(name);
            public Link Link { get { if (_link == null) { _link = Link.Open(); } return _link; } }
            public Link Spare => _spare ??= Link.Open();
            public void EnsureStarted() { if (!_started) { Thread.Sleep(100); _started = true; } }
            public void Reconnect() { if (!IsOpen) { Thread.Sleep(100); IsOpen = true; } }

            public async Task ConnectAsync(CancellationToken ct) { _connectCount++; await Task.Yield(); }

            // Not first use: an enum state comes back, and a disposed flag guards the last use.
            public bool IsUp { get { if (State == LinkState.Unknown) { Thread.Sleep(500); } return State == LinkState.Up; } }
            public void Close() { if (_disposed) { return; } Thread.Sleep(100); _disposed = true; }
            public void Pump() { for (var i = 0; i < 3; i++) { if (!_started) { Thread.Sleep(10); } } }
        }
        """;

    [Fact]
    public async Task First_use_blocking_is_reported_once_per_calling_type_at_its_first_call_in_source_order()
    {
        // Two files of one partial type: the first site is in the file whose path sorts first (Input1.cs), whatever
        // order the driver analyzes them in.
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(LazyClient, Sources.Usings + """
            public sealed partial class Sync
            {
                private readonly FtpLikeClient _client = new();

                public async Task<bool> FileExistsAsync(CancellationToken ct)
                {
                    await _client.ConnectAsync(ct);
                    return {|BLZ111:_client.HasFeature("MLST")|} && _client.HasFeature("SIZE") && _client.Features.Count > 0;
                }

                public async Task<Link> LinkAsync()
                {
                    await Task.Yield();
                    {|BLZ111:_client.EnsureStarted()|};
                    {|BLZ111:_client.Reconnect()|};
                    _ = {|BLZ111:_client.Spare|};
                    return {|BLZ111:_client.Link|};
                }

                public async Task NotFirstUseAsync()
                {
                    await Task.Yield();
                    _ = {|BLZ111:_client.IsUp|} && _client.IsUp; // every helper is reported once per type, at its first call
                    {|BLZ111:_client.Close()|};
                    _client.Close();
                    {|BLZ111:_client.Pump()|};
                }
            }
            """, Sources.Usings + """
            public sealed partial class Sync
            {
                public async Task<bool> LaterAsync(FtpLikeClient other)
                {
                    await Task.Yield();
                    other.EnsureStarted();
                    _ = other.Link;
                    return other.HasFeature("MDTM");
                }
            }

            public sealed class Monitor
            {
                public async Task<bool> PollAsync(FtpLikeClient client)
                {
                    await Task.Yield();
                    return {|BLZ111:client.HasFeature("MDTM")|} | client.HasFeature("EPSV");
                }

                public bool Sync(FtpLikeClient client) => client.HasFeature("MDTM"); // sync code: never a site
            }
            """);

        string Message(string excerpt) => diagnostics.First(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == excerpt).GetMessage();
        Assert.Equal("'FtpLikeClient.HasFeature' blocks async code on first use (reported at the first call in this type): FileExistsAsync → HasFeature → Features.get → Task.Wait "
            + "(a blocking wait, bucket 1); make the helper async and await it, or mark it [Blocking] and await its generated wrapper", Message("_client.HasFeature(\"MLST\")"));
        Assert.StartsWith("'FtpLikeClient.IsUp' blocks async code through the call (reported at the first call in this type): NotFirstUseAsync → IsUp.get → Thread.Sleep", Message("_client.IsUp"));
    }

    [Fact]
    public async Task An_iterator_is_reported_where_its_sequence_is_enumerated_not_where_it_is_called()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Sources.Usings + """
            using System.Data.Common;
            public static class Rows
            {
                public static IEnumerable<int> Read(DbDataReader reader) { while (reader.Read()) { yield return reader.GetInt32(0); } }
                public static IEnumerable<int> Passed(DbDataReader reader) => Read(reader);
                public static IEnumerable<int> Returned(DbDataReader reader) { return Read(reader); }
                public static int CountAll(DbDataReader reader) => Read(reader).Count();
                public static IEnumerable<int> Numbers(int n) { for (var i = 0; i < n; i++) { yield return i; } }
            }
            """, Sources.Usings + """
            using System.Data.Common;
            public sealed class Query
            {
                public async Task<IEnumerable<int>> UnbufferedAsync(DbCommand command, CancellationToken ct)
                {
                    var reader = await command.ExecuteReaderAsync(ct);
                    return Rows.Read(reader);                          // lazy: handed back, nothing runs here
                }

                public async Task<List<int>> BufferedAsync(DbCommand command, bool buffered, CancellationToken ct)
                {
                    var reader = await command.ExecuteReaderAsync(ct);
                    var rows = Rows.Passed(reader);
                    var lazy = Rows.Returned(reader);
                    return buffered ? {|BLZ111:rows.ToList()|} : new List<int>();
                }

                public async Task<int> SumAsync(DbCommand command, CancellationToken ct)
                {
                    var reader = await command.ExecuteReaderAsync(ct);
                    var total = 0;
                    {|BLZ111:foreach|} (var row in Rows.Read(reader)) { total += row; }
                    foreach (var i in Rows.Numbers(3)) { total += i; }       // an iterator that does not block
                    return total + {|BLZ111:Rows.CountAll(reader)|};          // a sync helper that enumerates it blocks at the call
                }
            }
            """);

        Assert.Equal("'Rows.Passed' is an iterator, and enumerating it here blocks async code: BufferedAsync → Passed → Read → DbDataReader.Read (sync I/O, bucket 1); "
            + "make it an async iterator (IAsyncEnumerable) and 'await foreach' it, or enumerate it in a [Blocking] method", diagnostics[0].GetMessage());
        Assert.Contains("SumAsync → CountAll → Read → DbDataReader.Read", diagnostics[2].GetMessage());
    }

    [Fact]
    public Task A_reader_over_a_string_passed_to_a_helper_does_not_block_one_over_a_file_does() => Verifier.VerifyAsync(Sources.Usings + """
        public static class Credentials
        {
            public static (string, string) Parse(TextReader reader) => (reader.ReadLine() ?? "", reader.ReadLine() ?? "");
            public static (string, string) FromText(string text) { using var reader = new StringReader(text); return Parse(reader); }
            public static (string, string) FromFile(string path) { using var reader = File.OpenText(path); return Parse(reader); }
            public static (string, string) Pass(TextReader reader) => Parse(reader);
        }

        public sealed class Authenticator
        {
            public async Task<string> AuthenticateAsync(string text, string path, TextReader input)
            {
                await Task.Yield();
                var (a, _) = Credentials.FromText(text);
                var (b, _) = Credentials.Parse(new StringReader(text));
                var (c, _) = Credentials.Pass(new StringReader(text));
                var (d, _) = {|BLZ111:Credentials.FromFile(path)|};
                var (e, _) = {|BLZ111:Credentials.Pass(input)|};
                return a + b + c + d + e;
            }
        }
        """);

    [Fact]
    public Task A_constant_argument_that_switches_the_blocking_branch_off_settles_the_call() => Verifier.VerifyAsync(Sources.Usings + """
        public class Channel : IDisposable, IAsyncDisposable
        {
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            protected virtual void Dispose(bool disposing) { if (disposing) { CloseAsync().GetAwaiter().GetResult(); } }
            public async ValueTask DisposeAsync() { await CloseAsync(); Dispose(false); GC.SuppressFinalize(this); }
            public async Task ResetAsync() { await Task.Yield(); {|BLZ111:Dispose(true)|}; }
            private Task CloseAsync() => Task.Delay(10);
        }

        public sealed class Pipe
        {
            public void Release(bool waitForDrain) { if (!waitForDrain) { return; } Thread.Sleep(100); }
            public async Task StopAsync(bool wait)
            {
                await Task.Yield();
                Release(false);
                {|BLZ111:Release(true)|};
                Release(wait); // the same helper: reported once per type, at the call above
            }
        }

        public sealed class Valve
        {
            private int _pending = 1;
            public void Shut(bool drain, int extra) { if (drain && extra >= 0) { Thread.Sleep(100); } }
            public void Vent(bool quick) { if (quick || _pending == 0) { return; } Thread.Sleep(100); }
            public async Task TurnAsync()
            {
                await Task.Yield();
                Shut(false, _pending);   // '&&': the branch needs drain
                Vent(true);              // '||' before a return: past it, quick is false
                {|BLZ111:Shut(true, _pending)|};
            }
        }

        public sealed class Link
        {
            private readonly ManualResetEvent _ended = new(false);
            public void Close(int waitMilliseconds) { if (waitMilliseconds > 0) { _ended.WaitOne(waitMilliseconds); } }
            public void Abort(int waitMilliseconds) { if (waitMilliseconds <= 0) { return; } _ended.WaitOne(waitMilliseconds); }
            public async Task FailAsync()
            {
                await Task.Yield();
                Close(0);   // no wait: the wait runs only for a positive timeout
                Abort(0);
                {|BLZ111:Abort(50)|};
            }
        }
        """);

    [Fact]
    public Task Other_first_use_shapes_are_reported_once_and_lazy_wrappers_stay_silent() => Verifier.VerifyAsync(Sources.Usings + """
        public sealed class Registry
        {
            private static Dictionary<string, string>? s_table;
            private string? _name;
            private object? _handle;
            private readonly Lazy<string> _lazy = new(Load);
            private string? _initialized;

            public static Dictionary<string, string> Table { get { if (s_table is null) { s_table = new() { ["a"] = Load() }; } return s_table; } }
            public string Name => _name ?? (_name = Load());
            public object Handle { get { if (_handle is not null) { return _handle; } Thread.Sleep(50); return _handle = new object(); } }
            public string Wrapped => _lazy.Value;
            public string Ensured => LazyInitializer.EnsureInitialized(ref _initialized, Load);

            private static string Load() { Thread.Sleep(100); return "x"; }
        }
        """, Sources.Usings + """
        public sealed class User
        {
            public async Task<int> RunAsync(Registry registry)
            {
                await Task.Yield();
                var count = {|BLZ111:Registry.Table|}.Count + Registry.Table.Count;
                var name = {|BLZ111:registry.Name|} + registry.Name;
                var handle = {|BLZ111:registry.Handle|} ?? registry.Handle;
                return count + name.Length + handle.GetHashCode() + registry.Wrapped.Length + registry.Ensured.Length;
            }
        }
        """);

    // Teardown on the failure path and a semaphore taken as a lock: neither blocks a caller the way I/O does.
    private const string Wire = Sources.Usings + """
        using System.Net.Sockets;
        public sealed class Wire
        {
            private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
            private readonly SemaphoreSlim _gate = new(1);
            private readonly TaskCompletionSource _closed = new();
            private readonly Stream _log = File.OpenWrite("wire.log");

            public void Disconnect() { try { _socket.Disconnect(false); _socket.Dispose(); } catch { } finally { _closed.TrySetResult(); } }
            public void DisconnectAndLog() { _socket.Disconnect(false); _log.Write(new byte[1], 0, 1); }
            public int Parse(byte[] frame) { try { return frame[0]; } catch { _socket.Disconnect(false); throw; } }
            public void SignalClosed(Exception error)
            {
                _gate.Wait();
                try { _closed.TrySetException(error); }
                finally { _gate.Release(); }
            }
            public void SignalClosedWithin(Exception error)
            {
                try { _gate.Wait(1000); _closed.TrySetException(error); }
                finally { _gate.Release(); }
            }
            public void SignalClosedSlowly(Exception error)
            {
                _gate.Wait();
                try { Thread.Sleep(10); _closed.TrySetException(error); }
                finally { _gate.Release(); }
            }
            public void TakeTurn() { _gate.Wait(); _closed.TrySetResult(); }
        }
        """;

    [Fact]
    public Task Teardown_on_the_failure_path_and_a_semaphore_taken_as_a_lock_are_not_blocking_helpers() => Verifier.VerifyAsync(Wire, Sources.Usings + """
        public sealed class Reader
        {
            public async Task<int> ReadAsync(Wire wire, Stream network, byte[] buffer)
            {
                int read;
                try
                {
                    read = await network.ReadAsync(buffer, 0, buffer.Length);
                }
                catch (IOException error)
                {
                    wire.Disconnect();                                // a helper that only tears down, on the failure path
                    wire.SignalClosed(error);                         // a short lock around a state change
                    wire.SignalClosedWithin(error);
                    {|BLZ111:wire.DisconnectAndLog()|};               // also writes a file
                    {|BLZ111:wire.SignalClosedSlowly(error)|};        // sleeps while holding the semaphore
                    {|BLZ111:wire.TakeTurn()|};                       // waits without a region released in finally
                    throw;
                }

                var kind = wire.Parse(buffer);                        // tears down only in its own catch clause
                {|BLZ111:wire.Disconnect()|};                         // the success path
                return read + kind;
            }
        }
        """);
}
