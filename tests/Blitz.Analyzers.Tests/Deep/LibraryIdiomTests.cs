using Blitz.Analyzers.Tests.Corpus;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// Idioms of library code that look like blocking work and are not, each next to the near miss that still is: the
/// fast path of an async lock, an async twin written over its own sync member, a sync path picked by an option, streams
/// stacked on a memory stream, debugger-only pauses, a worker loop started from a constructor, serializers that work
/// in memory, and a fixed-size block inside a checksum loop. Every rule runs.
/// </summary>
public sealed class LibraryIdiomTests
{
    private static readonly DeepVerifier All = new([.. CorpusTests.AllAnalyzers()]);

    [Fact]
    public Task A_semaphore_wait_behind_a_free_count_test_takes_a_free_slot() => All.VerifyAsync(Sources.Usings + """
        public sealed class AsyncGate
        {
            private readonly object _sync = new();
            private readonly SemaphoreSlim _slots = new(1, 1);
            private readonly Task<IDisposable> _acquired = Task.FromResult<IDisposable>(null!);

            public Task<IDisposable> Enter(CancellationToken token)
            {
                lock (_sync)
                {
                    if (_slots.CurrentCount == 1)
                    {
                        _slots.Wait(token); // a slot is free: this returns at once
                        return _acquired;
                    }
                }

                return Queue(token);
            }

            public Task<IDisposable> EnterBusy(CancellationToken token)
            {
                if (_slots.CurrentCount > 0 && !token.IsCancellationRequested)
                {
                    _slots.Wait(token);
                    return _acquired;
                }

                {|BLZ103:_slots.Wait(token)|}; // no slot free: this waits for one
                return _acquired;
            }

            private static Task<IDisposable> Queue(CancellationToken token) => Task.FromResult<IDisposable>(null!);
        }

        public sealed class Sender
        {
            private readonly AsyncGate _gate = new();
            public async Task SendAsync(CancellationToken token)
            {
                using (await _gate.Enter(token))
                {
                    await Task.Delay(1, token);
                }
            }
        }
        """);

    [Fact]
    public Task An_awaiter_read_behind_its_own_completion_test_does_not_wait() => All.VerifyAsync(Sources.Usings + """
        public sealed class Broker
        {
            private readonly Func<int, ValueTask> _handler = _ => default;

            public void Publish(int message)
            {
                var awaiter = _handler(message).GetAwaiter();
                if (awaiter.IsCompleted)
                {
                    awaiter.GetResult(); // complete: the fast path rethrows a failure and returns
                }
                else
                {
                    awaiter.OnCompleted(() => Console.WriteLine("done"));
                }
            }

            public void PublishOrReturn(int message)
            {
                var awaiter = _handler(message).ConfigureAwait(false).GetAwaiter();
                if (!awaiter.IsCompleted)
                {
                    awaiter.OnCompleted(() => Console.WriteLine("done"));
                    return;
                }

                awaiter.GetResult();
            }

            public void PublishAndWait(int message)
            {
                var awaiter = _handler(message).GetAwaiter();
                awaiter.GetResult(); // no test: this waits
            }
        }

        public sealed class Publisher
        {
            private readonly Broker _broker = new();
            public async Task SendAsync(int message)
            {
                await Task.Yield();
                _broker.Publish(message);
                _broker.PublishOrReturn(message);
                {|BLZ111:_broker.PublishAndWait(message)|};
            }
        }
        """);

    [Fact]
    public Task A_static_async_twin_written_over_its_own_sync_member_that_only_computes_is_not_reported() => All.VerifyAsync(Sources.Usings + """
        public static class Expirations
        {
            public static long Compute(int generation) => generation * 2L;

            public static Task<long> ComputeAsync(int generation) => Task.FromResult(Compute(generation));
        }

        public sealed class Refresher
        {
            public async Task<long> RefreshAsync(int generation)
            {
                await Task.Yield();
                return Expirations.Compute(generation); // its body, in view, is arithmetic: the twin's name does not make it I/O
            }
        }
        """);

    [Fact]
    public Task A_source_member_with_a_twin_is_read_through_its_body_when_the_body_does_real_work() => All.VerifyAsync(Sources.Usings + """
        public abstract class Behaviour
        {
            public abstract void Execute(string transition);
            public abstract Task ExecuteAsync(string transition);
        }

        public sealed class SyncBehaviour : Behaviour
        {
            private readonly Action<string> _action;
            public SyncBehaviour(Action<string> action) => _action = action;
            public override void Execute(string transition) { _action(transition); }
            public override Task ExecuteAsync(string transition) { Execute(transition); return Task.CompletedTask; }
        }

        public sealed class Journal
        {
            public void Append(string line) { System.IO.File.AppendAllText("journal.txt", line); }
            public Task AppendAsync(string line) => System.IO.File.AppendAllTextAsync("journal.txt", line);
            public void Save() { }                                   // a stub's body says nothing: the twin's name stands
            public Task SaveAsync() => Task.CompletedTask;
        }

        public sealed class ThrowingBehaviour : Behaviour
        {
            public override void Execute(string transition) => throw new InvalidOperationException("async only");
            public override Task ExecuteAsync(string transition) => Task.CompletedTask;
        }

        public abstract class Sink
        {
            public abstract void Write(string line);
            public abstract Task WriteAsync(string line);
        }

        public sealed class FileSink : Sink
        {
            public override void Write(string line) { System.IO.File.AppendAllText("sink.txt", line); }
            public override Task WriteAsync(string line) => System.IO.File.AppendAllTextAsync("sink.txt", line);
        }

        public sealed class Machine
        {
            public async Task FireAsync(SyncBehaviour sync, Journal journal, Behaviour any, Sink sink)
            {
                await Task.Yield();
                sync.Execute("go");                                  // runs a delegate: nothing blocks in view
                {|BLZ111:journal.Append("go")|};                     // its body blocks: the chain down to it
                {|BLZ102:journal.Save()|};
                await Task.Run(() => any.Execute("go"));             // every override in view runs a delegate or throws
                await Task.Run(() => {|BLZ102:sink.Write("go")|});   // an override writes a file: the twin's name stands
            }
        }
        """);

    [Fact]
    public Task Arguments_and_catch_clauses_that_rule_a_helpers_blocking_out() => All.VerifyAsync(Sources.Usings + """
        public sealed class EventSource : IDisposable
        {
            private readonly Stream _output;
            private bool _closed;
            public EventSource(Stream output) => _output = output;
            public void Close() { _output.Flush(); _closed = true; }
            public Task CloseAsync() => _output.FlushAsync();
            public void Dispose() => Dispose(closing: false);
            private void Dispose(bool closing) { if (closing && !_closed) { Close(); } }
        }

        public sealed class Session : IDisposable
        {
            private readonly Task _running = Task.Delay(10);
            public void Dispose() => _running.GetAwaiter().GetResult();
        }

        public static class Lines
        {
            public static Stream Render(IEnumerable<string> lines)
            {
                var buffer = new MemoryStream();
                Write(buffer, lines);
                return buffer;
            }

            private static void Write(Stream target, IEnumerable<string> lines)
            {
                foreach (var line in lines) { System.Text.Json.JsonSerializer.Serialize(target, line); }
            }

            public static Stream RenderText(IEnumerable<string> lines)
            {
                var buffer = new MemoryStream();
                WriteText(buffer, lines);
                return buffer;
            }

            public static void WriteText(Stream target, IEnumerable<string> lines)
            {
                using var writer = new StreamWriter(target, leaveOpen: true);
                foreach (var line in lines) { writer.WriteLine(line); }
            }
        }

        public sealed class Handler
        {
            public async Task RunAsync(EventSource source, Func<Session> connect, IEnumerable<string> lines, Stream network)
            {
                await Task.Yield();
                source.Dispose();                                    // Dispose(closing: false) never reaches Close
                var rendered = Lines.Render(lines);                  // the JSON goes into a MemoryStream
                var text = Lines.RenderText(lines);                  // so does the writer made over it
                {|BLZ111:Lines.WriteText(network, lines)|};          // a network stream: it blocks
                var session = connect();
                try { await Task.Delay(1); }
                catch { session.Dispose(); throw; }                  // teardown on the failure path
                {|BLZ111:session.Dispose()|};                        // on the success path it waits
            }
        }
        """);

    [Fact]
    public Task A_loop_that_awaits_the_work_it_started_unless_finished_and_a_console_read_only_Main_reaches_are_not_reported() => All.VerifyAsync(Sources.Usings + """
        public sealed class WorkLoop
        {
            private readonly Func<CancellationToken, Task> _work;
            public WorkLoop(Func<CancellationToken, Task> work) => _work = work;
            public async Task RunAsync(CancellationToken stop)
            {
                while (!stop.IsCancellationRequested)
                {
                    var pending = _work(stop);
                    if (!pending.IsCompletedSuccessfully) { await pending.ConfigureAwait(false); }
                }
            }
        }

        public static class Program
        {
            public static void Main() => RunAsync().Wait();
            private static async Task RunAsync()
            {
                await Task.Delay(10);
                Console.ReadLine();                                  // only Main reaches it: the entry point's own input
            }
        }

        public static class Elsewhere
        {
            public static async Task RunAsync()
            {
                await Task.Delay(10);
                {|BLZ103:Console.ReadLine()|};
            }
        }
        """);

    [Fact]
    public Task A_sync_path_picked_by_a_named_option_is_the_callers_choice() => All.VerifyAsync(Sources.Usings + """
        public interface IEntryPacker
        {
            byte[] Pack(object entry);
            ValueTask<byte[]> PackAsync(object entry, CancellationToken token);
        }

        public sealed class CacheOptions
        {
            public bool PreferSyncPacking { get; set; }
            public bool IsSynchronized { get; set; }
        }

        public sealed class Writer(IEntryPacker packer, CacheOptions options)
        {
            public async Task<byte[]> WriteAsync(object entry, CancellationToken token)
            {
                if (options.PreferSyncPacking)
                {
                    return packer.Pack(entry);
                }

                return await packer.PackAsync(entry, token);
            }

            public async Task<byte[]> WriteSynchronizedAsync(object entry, CancellationToken token)
            {
                await Task.Yield();
                if (options.IsSynchronized) // not a sync/async mode
                {
                    return {|BLZ102:packer.Pack(entry)|};
                }

                return await packer.PackAsync(entry, token);
            }
        }
        """);

    [Fact]
    public Task Framework_streams_stacked_on_a_memory_stream_do_no_io() => All.VerifyAsync(Sources.Usings + """
        using System.IO;
        using System.Security.Cryptography;

        public sealed class Sealer
        {
            public async Task<byte[]> SealAsync(byte[] plain, byte[] key)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                using var sealedBytes = new MemoryStream();
                using var encryptor = aes.CreateEncryptor();
                using var crypto = new CryptoStream(sealedBytes, encryptor, CryptoStreamMode.Write);
                await crypto.WriteAsync(plain, 0, plain.Length);
                crypto.FlushFinalBlock();

                using var notes = new StreamWriter(new MemoryStream());
                notes.Flush();
                return sealedBytes.ToArray();
            }

            public async Task SealToFileAsync(byte[] plain, byte[] key, string path)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                using var encryptor = aes.CreateEncryptor();
                using var crypto = new CryptoStream(file, encryptor, CryptoStreamMode.Write);
                await crypto.WriteAsync(plain, 0, plain.Length);
                {|BLZ102:crypto.FlushFinalBlock()|};
            }
        }
        """);

    [Fact]
    public Task A_pause_that_runs_only_under_a_debugger_is_a_developer_aid() => All.VerifyAsync(Sources.Usings + """
        using System.Diagnostics;

        public sealed class ConsoleJob
        {
            public async Task<int> RunInConsoleAsync(Func<Task<bool>> job, bool interactive)
            {
                var ok = await job();
                if (Debugger.IsAttached)
                {
                    Console.ReadKey();
                }

                if (interactive && Debugger.IsAttached)
                {
                    Thread.Sleep(500);
                }

                if (interactive)
                {
                    {|BLZ103:Console.ReadKey()|};
                }

                return ok ? 0 : 1;
            }
        }
        """);

    [Fact]
    public Task A_worker_loop_sent_to_the_pool_from_a_constructor_is_not_offloaded_io() => All.VerifyAsync(Sources.Usings + """
        public sealed class Worker
        {
            private readonly CancellationTokenSource _stop = new();

            public Worker()
            {
                // Its awaits may complete at once, round after round: the hop keeps the loop off the constructor.
                Task.Run(Run);
            }

            private async Task Run()
            {
                while (!_stop.IsCancellationRequested)
                {
                    await ProcessNextAsync();
                }
            }

            private static Task ProcessNextAsync() => Task.CompletedTask;
        }

        public sealed class Loader
        {
            public Loader()
            {
                {|BLZ108:Task.Run(LoadAsync)|};
            }

            private static async Task LoadAsync()
            {
                await Task.Delay(10);
            }
        }
        """);

    [Fact]
    public Task A_serializer_that_works_in_memory_keeps_no_thread_waiting() => All.VerifyAsync(Sources.Usings + """
        using System.IO;

        public interface IValueSerializer
        {
            byte[] Serialize<T>(T value);
            ValueTask<byte[]> SerializeAsync<T>(T value, CancellationToken token = default);
            T Deserialize<T>(byte[] data);
            ValueTask<T> DeserializeAsync<T>(byte[] data, CancellationToken token = default);
            void SerializeTo<T>(Stream target, T value);
            Task SerializeToAsync<T>(Stream target, T value, CancellationToken token = default);
        }

        public sealed class Entries(IValueSerializer serializer)
        {
            public async Task<T> CloneAsync<T>(T value, Stream audit)
            {
                await Task.Yield();
                var bytes = serializer.Serialize(value);
                {|BLZ102:serializer.SerializeTo(audit, value)|};
                return serializer.Deserialize<T>(bytes);
            }
        }
        """);

    [Fact]
    public Task A_fixed_size_block_inside_a_checksum_loop_is_not_a_nest_over_the_input() => All.VerifyAsync(Sources.Usings + """
        public static class Checksums
        {
            public static uint Blocked(byte[] data)
            {
                var block = new uint[16];
                uint sum = 0;
                for (var i = 0; i < data.Length; i++)
                {
                    block[i % 16] = data[i];
                    for (var j = 0; j < block.Length; j++)
                    {
                        sum ^= block[j];
                    }
                }

                return sum;
            }

            public static uint Pairwise(byte[] data)
            {
                uint sum = 0;
                for (var i = 0; i < data.Length; i++)
                {
                    for (var j = 0; j < data.Length; j++)
                    {
                        sum += (uint)(data[i] ^ data[j]);
                    }
                }

                return sum;
            }
        }

        public sealed class Framer
        {
            public async Task<uint> FrameAsync(byte[] payload)
            {
                await Task.Yield();
                var light = Checksums.Blocked(payload);
                return light + {|BLZ111:Checksums.Pairwise(payload)|};
            }
        }
        """);

    // From stop 22's fresh libraries (FreeRedis, Tweetinvi): a loop that reads one line or one body and returns it is
    // sync I/O in async code, not a loop that lives as long as its connection; one that hands each read on stays one.
    [Fact]
    public async Task A_loop_that_reads_one_line_is_sync_io_not_a_lifetime_loop()
    {
        var diagnostics = await All.VerifyAndGetDiagnosticsAsync(Sources.Usings + """
            public sealed class ReplyReader
            {
                private readonly Stream _stream;
                public ReplyReader(Stream stream) => _stream = stream;

                private string ReadLine()
                {
                    var line = new System.Text.StringBuilder();
                    var one = new byte[1];
                    while (true)
                    {
                        if (_stream.Read(one, 0, 1) <= 0) throw new EndOfStreamException();
                        if (one[0] == '\n') break;
                        line.Append((char)one[0]);
                    }

                    return line.ToString();
                }

                private byte[] ReadBody()
                {
                    using var body = new MemoryStream();
                    var chunk = new byte[4096];
                    while (true)
                    {
                        var read = _stream.Read(chunk, 0, chunk.Length);
                        if (read <= 0) break;
                        body.Write(chunk, 0, read);
                    }

                    return body.ToArray();
                }

                public async Task<string> ReadReplyAsync()
                {
                    await Task.Yield();
                    var head = {|BLZ111:ReadLine()|};
                    return head + {|BLZ111:ReadBody()|}.Length;
                }

                public void Serve(Action<byte[], int> handle) => {|BLZ106:Task.Run|}(() =>
                {
                    var chunk = new byte[4096];
                    while (true)
                    {
                        var read = _stream.Read(chunk, 0, chunk.Length);
                        if (read == 0) return;
                        handle(chunk, read);                       // each read handed on: lives as long as the connection
                    }
                });
            }
            """);

        Assert.All(diagnostics.Where(d => d.Id == "BLZ111"), d =>
        {
            Assert.Contains("Stream.Read (sync I/O", d.GetMessage());
            Assert.DoesNotContain("lifetime loop", d.GetMessage());
        });
    }

    // From Discord.Net: a framework that runs a module's async hook and then its sync hook calls both on purpose.
    [Fact]
    public Task Two_hooks_run_in_turn_are_not_a_misplaced_sync_call() => All.VerifyAsync(Sources.Usings + """
        public interface IModule
        {
            Task BeforeExecuteAsync(string command);
            void BeforeExecute(string command);
        }

        public static class CommandRunner
        {
            public static async Task RunAsync(IModule module, string command, Stream from, Stream to)
            {
                await module.BeforeExecuteAsync(command);
                module.BeforeExecute(command);              // the other hook, after the async one
                await from.CopyToAsync(to);
                {|BLZ102:from.CopyTo(to)|};                      // a framework member run again after its twin: no pair
            }
        }
        """);

    // From Discord.Net: tasks that are finished where they are read, by an await above or by what WhenAny returned.
    [Fact]
    public Task Tasks_finished_through_a_pattern_variable_or_a_two_way_when_any_are_not_waited_for() => All.VerifyAsync(Sources.Usings + """
        public static class Replies
        {
            public static async Task<string> RespondAsync(Task sent)
            {
                await sent;
                if (sent is Task<string> text)
                {
                    return text.Result;                     // the same task, awaited above
                }

                return "";
            }

            public static async Task<int> ReceiveAsync(Task<int> receive, Task closed, Task<int> other)
            {
                var winner = await Task.WhenAny(closed, receive);
                if (winner == closed)
                {
                    return -1;
                }

                var value = receive.Result;                 // of two tasks, WhenAny returned this one
                var first = await Task.WhenAny(closed, receive, other);
                if (first == closed)
                {
                    return -1;
                }

                return value + {|BLZ103:other.Result|};          // of three, it may be either of the others
            }
        }
        """);
}
