using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ102SyncIoTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzRulesAnalyzer.Hosting(new BLZ102SyncIoAnalyzer());

    // A referenced library (metadata, as a NuGet package would be) whose members follow or break the twin convention.
    private static readonly MetadataReference Vendor = MetadataImage.Compile("Vendor", VendorSource, TestReferences.All);

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private static Task VerifyWithVendorAsync(string markup) => new BlitzAnalyzerTest(Analyzer, Vendor) { TestCode = markup }.RunAsync();

    private static Task VerifyFixAsync(string source, string fixedSource, params MetadataReference[] extraReferences) =>
        BlitzCodeFixTest<AwaitAsyncCounterpartCodeFix>.VerifyAsync(Analyzer, source, fixedSource, extraReferences);

    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    [Fact]
    public Task Reports_sync_twins_of_source_members_whose_body_does_not_block() => VerifyAsync(Sources.Usings + """
        interface IStore { string Load(int id); Task<string> LoadAsync(int id, CancellationToken token = default); }
        abstract class Store { public abstract void Flush(); public abstract Task FlushAsync(); }
        abstract class Context
        {
            public abstract void Add(int item);
            public virtual Task AddAsync(int item) { Add(item); return Task.CompletedTask; } // a default over the sync member
        }
        class Cache { public string Load(int id) => ""; public Task<string> LoadAsync(int id) => Task.FromResult(""); }
        class C
        {
            async Task A(IStore store, Store abstracted, Cache cache, Context context)
            {
                {|BLZ102:context.Add(1)|};                     // the type offers AddAsync: its twin is the advice
                var a = {|BLZ102:store.Load(1)|};       // no body to read: the convention decides
                {|BLZ102:abstracted.Flush()|};
                var b = {|BLZ102:cache.Load(1)|};      // a body in source that blocks nowhere: the twin still says which to call
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Reports_queries_executed_synchronously_on_a_query_provider() => VerifyAsync(Sources.Usings + """
        class Row { public int Id { get; set; } }
        class C
        {
            async Task<int> A(IQueryable<Row> rows, List<Row> list)
            {
                var all = {|BLZ102:rows.Where(r => r.Id > 0).ToList()|};
                var first = {|BLZ102:rows.FirstOrDefault(r => r.Id == 1)|};
                var count = {|BLZ102:rows.Count()|};
                var inMemory = list.AsQueryable().Where(r => r.Id > 0).ToList();   // a query over memory
                var plain = list.Where(r => r.Id > 0).ToList();                    // LINQ to objects
                var deferred = rows.Where(r => r.Id > 2);                          // built, not executed
                await Task.Yield();
                return all.Count + count + inMemory.Count + plain.Count + (first?.Id ?? 0);
            }
            Task<List<Row>> B(IQueryable<Row> rows) => Task.Run(() => rows.ToList());  // on the pool: BLZ109's
        }
        """);

    [Fact]
    public Task Reports_blocking_io_with_an_equivalent_async_counterpart() => VerifyAsync(Sources.Usings + """
        using System.Data.Common;
        using System.Diagnostics;
        using System.Net;
        using System.Text.Json;
        class C
        {
            async Task<int> A(StreamReader reader, FileStream file, byte[] buffer, HttpClient client, DbCommand command, Process process, StreamWriter writer)
            {
                var line = {|BLZ102:reader.ReadLine()|};
                var all = {|BLZ102:reader.ReadToEnd()|};
                var n = {|BLZ102:file.Read(buffer, 0, buffer.Length)|};
                {|BLZ102:file.Flush()|};
                var text = {|BLZ102:File.ReadAllText("a.txt")|};
                {|BLZ102:File.WriteAllBytes("b.bin", buffer)|};
                using var response = {|BLZ102:client.Send(new HttpRequestMessage(HttpMethod.Get, "http://x"))|};
                using var rows = {|BLZ102:command.ExecuteReader()|};
                while ({|BLZ102:rows.Read()|}) { }
                var count = {|BLZ102:command.ExecuteNonQuery()|};
                {|BLZ102:process.WaitForExit()|};
                var host = {|BLZ102:Dns.GetHostEntry("example.com")|};
                {|BLZ102:writer.WriteLine("x")|};
                {|BLZ102:JsonSerializer.Serialize(file, new { A = 1 })|};
                await Task.Yield();
                return n;
            }
        }
        """);

    [Fact]
    public Task Ignores_memory_console_non_equivalent_and_non_async_code() => VerifyAsync(Sources.Usings + """
        using System.Diagnostics;
        class C
        {
            async Task A(Stream stream, Process process, StreamWriter writer, List<string> lines)
            {
                var memory = new MemoryStream();
                memory.Write(new byte[4], 0, 4);
                Stream alsoMemory = new MemoryStream();
                alsoMemory.Write(new byte[4], 0, 4);
                alsoMemory.Flush();
                var sw = new StringWriter();
                sw.WriteLine("x");
                TextWriter asTextWriter = new StringWriter();
                asTextWriter.Write("x");
                new StringReader("a\nb").ReadLine();
                Console.Out.WriteLine("log");
                Console.Error.Flush();
                Console.WriteLine("log");
                process.WaitForExit(1000);               // no async equivalent with a timeout
                {|BLZ102:stream.Read(new byte[4].AsSpan())|}; // sync I/O all the same: the twin takes Memory<byte> (no fix)
                writer.Write(42);                        // no WriteAsync(int)
                lines.ForEach(l => writer.WriteLine(l)); // a sync lambda is not async context
                await Task.Run(() => File.ReadAllText("a").Trim()); // more than the twin in a pool delegate: BLZ109's
                await Task.Yield();
            }
            string Sync() => File.ReadAllText("a");
        }
        """);

    [Fact]
    public Task Fix_awaits_the_counterpart_and_passes_the_token() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(StreamReader reader, Stream stream, byte[] buffer, CancellationToken token)
            {
                var line = {|BLZ102:reader.ReadLine()|};
                var length = {|BLZ102:File.ReadAllText("a.txt")|}.Length;
                {|BLZ102:stream.Write(buffer, 0, buffer.Length)|};
                await Task.Yield();
                return line!.Length + length;
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A(StreamReader reader, Stream stream, byte[] buffer, CancellationToken token)
            {
                var line = await reader.ReadLineAsync(token);
                var length = (await File.ReadAllTextAsync("a.txt", token)).Length;
                await stream.WriteAsync(buffer, 0, buffer.Length, token);
                await Task.Yield();
                return line!.Length + length;
            }
        }
        """);

    [Fact]
    public Task Fix_all_without_a_token() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task A(TextWriter writer)
            {
                {|BLZ102:writer.WriteLine("a")|};
                {|BLZ102:writer.Flush()|};
                await Task.Yield();
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task A(TextWriter writer)
            {
                await writer.WriteLineAsync("a");
                await writer.FlushAsync();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_a_conditional_access() => VerifyNoFixAsync(Sources.Usings + """
        class C { async Task A(StreamReader? reader) { var l = reader?{|BLZ102:.ReadLine()|}; await Task.Yield(); } }
        """);

    [Fact]
    public Task Reports_framework_members_with_an_async_twin_by_convention() => VerifyAsync(Sources.Usings + """
        using System.Data.Common;
        using System.Formats.Tar;
        using System.IO.Compression;
        using System.IO.Pipes;
        using System.Net;
        using System.Net.Mail;
        using System.Net.Security;
        using System.Text.Json.Nodes;
        class C
        {
            async Task A(NamedPipeClientStream pipe, SslStream tls, DbConnection connection, DbTransaction transaction, SmtpClient smtp, MailMessage mail,
                WebClient web, HttpListener listener, Stream stream)
            {
                {|BLZ102:pipe.Connect()|};
                {|BLZ102:tls.AuthenticateAsClient("host")|};
                {|BLZ102:connection.ChangeDatabase("db")|};
                {|BLZ102:transaction.Save("point")|};
                {|BLZ102:smtp.Send(mail)|};
                var text = {|BLZ102:web.DownloadString("http://x")|};
                var context = {|BLZ102:listener.GetContext()|};
                {|BLZ102:TarFile.CreateFromDirectory("dir", stream, false)|};
                using var zip = {|BLZ102:ZipFile.OpenRead("a.zip")|};
                var node = {|BLZ102:JsonNode.Parse(stream)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Ignores_framework_twins_that_do_not_block_or_belong_to_another_rule() => VerifyAsync(Sources.Usings + """
        using System.Data;
        using System.Data.Common;
        using System.IO.Pipelines;
        using System.Security.Cryptography;
        using System.Threading.Channels;
        using System.Xml;
        using System.Xml.Linq;
        class C
        {
            async Task A(CancellationTokenSource cts, Stream stream, Channel<int> channel, PipeWriter pipe, DbDataReader reader, DataTable table,
                XmlWriter xml, XmlReader xmlReader, XDocument document, SemaphoreSlim gate, IDbConnection untyped, List<byte[]> chunks)
            {
                cts.Cancel();                                  // CancelAsync runs the callbacks elsewhere; Cancel does not block
                cts.CancelAfter(100);
                stream.Dispose();                              // 'await using' is another story
                channel.Writer.TryWrite(1);
                channel.Writer.TryComplete();
                channel.Writer.Complete();
                pipe.Complete();
                var value = reader.GetFieldValue<int>(0);      // reads the row Read fetched
                var isNull = reader.IsDBNull(1);
                using var rows = table.CreateDataReader();     // a DataTable's reader is in memory
                while (rows.Read()) { }
                xml.WriteStartElement("a");                    // the async twins throw unless the writer was created async
                xmlReader.Read();
                document.Save(xml);
                gate.Wait();                                   // a blocking wait: BLZ103's
                var hash = SHA256.HashData(stream);            // hashing a whole stream or file: BLZ104's
                untyped.Open();                                // IDbConnection has no OpenAsync (DbConnection does)
                await Task.Run(() => { stream.Flush(); stream.Position = 0; }); // a sync lambda sent to a pool is not async context...
                await Task.Run(() => {|BLZ102:stream.Flush()|}); // ...but one that is only the twin's sync call is a fake async version
                chunks.ForEach(c => stream.Write(c, 0, c.Length));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Reports_a_referenced_librarys_members_with_an_async_twin() => VerifyWithVendorAsync(Sources.Usings + """
        using Vendor.Storage;
        using Microsoft.Extensions.Hosting;
        class C
        {
            async Task A(BlobClient blobs, ArchiveClient archive, IHost host, byte[] data, CancellationToken token)
            {
                var id = {|BLZ102:blobs.Upload(data)|};
                var text = {|BLZ102:archive.Download("name")|};           // the twin is on the base type
                var legacy = {|BLZ102:archive.Fetch("name")|};            // MTaskAsync beside an event-based MAsync
                {|BLZ102:host.Run()|};                                     // an extension method and its twin, in one class
                {|BLZ102:HostExtensions.Run(host)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Ignores_a_referenced_librarys_twins_that_do_not_block_or_do_not_match() => VerifyWithVendorAsync(Sources.Usings + """
        using Vendor.Storage;
        using Microsoft.AspNetCore.Razor.TagHelpers;
        class C
        {
            async Task A(BlobClient blobs, IClient client, LinkTagHelper helper, byte[] data)
            {
                blobs.Dispose();
                blobs.Cancel();
                blobs.Complete();
                blobs.TryGet("key");
                #pragma warning disable CS0618
                blobs.Legacy();                 // obsolete: the compiler already asks for a migration
                #pragma warning restore CS0618
                var count = blobs.Count();      // CountAsync returns another type
                blobs.Flush();                  // FlushAsync exists only as another type's extension
                var name = blobs.Name;          // a property
                var shape = blobs.Shape(1);     // ShapeAsync takes other parameters
                client.Open();                  // the interface has no twin (the class does)
                helper.Process();               // a framework hook, called in either form
                blobs.Upload(data);             // both twins on purpose: the async one is awaited next
                await blobs.UploadAsync(data);
                var local = new Local();
                {|BLZ102:local.Save()|};              // declared in source with a twin: the type says which to call
                await Task.Run(() => {|BLZ102:blobs.Upload(data)|}); // a fake async version of the library's twin
                await Task.Yield();
            }
        }
        class Local
        {
            public void Save() { }
            public Task SaveAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Fix_awaits_a_twin_found_by_convention() => VerifyFixAsync(Sources.Usings + """
        using System.Net.Mail;
        using Vendor.Storage;
        using Microsoft.Extensions.Hosting;
        class C
        {
            async Task<int> A(BlobClient blobs, IHost host, SmtpClient smtp, MailMessage mail, byte[] data, CancellationToken token)
            {
                var id = {|BLZ102:blobs.Upload(data)|};
                {|BLZ102:host.Run()|};
                {|BLZ102:smtp.Send(mail)|};
                await Task.Yield();
                return id;
            }
        }
        """, Sources.Usings + """
        using System.Net.Mail;
        using Vendor.Storage;
        using Microsoft.Extensions.Hosting;
        class C
        {
            async Task<int> A(BlobClient blobs, IHost host, SmtpClient smtp, MailMessage mail, byte[] data, CancellationToken token)
            {
                var id = await blobs.UploadAsync(data);
                await host.RunAsync(token);
                await smtp.SendMailAsync(mail, token);
                await Task.Yield();
                return id;
            }
        }
        """, Vendor);

    // DownloadAsync must be given a token and there is none in scope: reported, but no fix (it would not compile).
    [Fact]
    public Task Fix_all_twins_found_by_convention() => VerifyFixAsync(Sources.Usings + """
        using Vendor.Storage;
        class C
        {
            async Task A(BlobClient blobs, ArchiveClient archive, byte[] data)
            {
                {|BLZ102:blobs.Upload(data)|};
                {|BLZ102:archive.Download("a")|};
                await Task.Yield();
            }
        }
        """, Sources.Usings + """
        using Vendor.Storage;
        class C
        {
            async Task A(BlobClient blobs, ArchiveClient archive, byte[] data)
            {
                await blobs.UploadAsync(data);
                {|BLZ102:archive.Download("a")|};
                await Task.Yield();
            }
        }
        """, Vendor);

    [Fact]
    public Task Ignores_in_memory_streams_and_writers_declared_in_source_or_referenced() => VerifyWithVendorAsync(Sources.Usings + """
        using System.Text;
        using Microsoft.IO;
        class C
        {
            async Task A(ChunkedBufferStream chunked, PagedStream paged, CapturingWriter captured, RecyclableMemoryStream recycled, PooledStream pooled,
                NodeStream nodes, byte[] buffer)
            {
                chunked.Write(buffer, 0, buffer.Length);
                chunked.Flush();
                paged.Write(buffer, 0, buffer.Length);
                captured.WriteLine("x");
                captured.Flush();
                recycled.Write(buffer, 0, buffer.Length);
                pooled.Write(buffer, 0, buffer.Length);
                nodes.Flush();
                await Task.Yield();
            }
        }
        sealed class ChunkedBufferStream : StreamStub
        {
            private readonly List<byte[]> _chunks = new();
            private long _length;
            public override long Length => _length;
            public override void Write(byte[] buffer, int offset, int count)
            {
                var chunk = new byte[count];
                Buffer.BlockCopy(buffer, offset, chunk, 0, count);
                _chunks.Add(chunk);
                _length += count;
                Flush();
            }
        }
        class PagedStream : StreamStub { }
        sealed class CapturingWriter : TextWriter
        {
            private readonly StringBuilder _text = new();
            private readonly StringWriter _copy = new();
            public override Encoding Encoding => Encoding.UTF8;
            public override void Write(char value) { _text.Append(value); _copy.Write(value); }
        }
        sealed class PooledStream : MemoryStream { }
        sealed class NodeStream : StreamStub
        {
            private NodeStream? _next;
            public override void Flush() => _next?.Flush();
            public override void Write(byte[] buffer, int offset, int count) => _next?.Write(buffer, offset, count);
        }
        """ + StreamStub);

    [Fact]
    public Task Reports_streams_and_writers_declared_in_source_that_may_block() => VerifyAsync(Sources.Usings + """
        using System.Runtime.InteropServices;
        using System.Text;
        class C
        {
            async Task A(TeeStream tee, AppendingWriter appending, NativeStream native, LoggedFileStream logged, DerivedTee derived, byte[] buffer)
            {
                {|BLZ102:tee.Write(buffer, 0, buffer.Length)|};
                {|BLZ102:appending.WriteLine("x")|};
                {|BLZ102:native.Write(buffer, 0, buffer.Length)|};
                {|BLZ102:logged.Write(buffer, 0, buffer.Length)|};
                {|BLZ102:derived.Flush()|};
                await Task.Yield();
            }
        }
        class TeeStream : StreamStub
        {
            private readonly Stream _inner = File.OpenWrite("copy.bin");
        }
        class DerivedTee : TeeStream { }
        sealed class AppendingWriter : TextWriter
        {
            public override Encoding Encoding => Encoding.UTF8;
            public override void Write(char value) => File.AppendAllText("log.txt", value.ToString());
        }
        sealed class NativeStream : StreamStub
        {
            [DllImport("libc")] private static extern int write(int fd, byte[] buffer, int count);
            public override void Write(byte[] buffer, int offset, int count) => write(1, buffer, count);
        }
        sealed class LoggedFileStream(string path) : FileStream(path, FileMode.Append) { }
        """ + StreamStub);

    [Fact]
    public Task A_local_is_in_memory_only_while_it_provably_holds_the_memory_stream() => VerifyAsync(Sources.Usings + """
        using System.Buffers;
        using System.Text.Json;
        class C
        {
            async Task A(byte[] buffer, string path, Stream stream)
            {
                using var overBuffer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());  // Flush only advances the buffer
                overBuffer.Flush();
                using var overStream = new Utf8JsonWriter(stream);
                {|BLZ102:overStream.Flush()|};
                Stream kept = new MemoryStream();
                kept.Write(buffer, 0, buffer.Length);
                Stream replaced = new MemoryStream();
                if (path.Length > 0) { replaced = File.OpenWrite(path); }
                {|BLZ102:replaced.Write(buffer, 0, buffer.Length)|};
                Stream passed = new MemoryStream();
                Reopen(ref passed);
                {|BLZ102:passed.Flush()|};
                var buffered = new BufferedStream(new MemoryStream());   // a framework wrapper over memory stays in memory
                buffered.Write(buffer, 0, buffer.Length);
                var overParameter = new BufferedStream(stream);          // over a stream it was handed: any sink
                {|BLZ102:overParameter.Write(buffer, 0, buffer.Length)|};
                await Task.Yield();
            }
            static void Reopen(ref Stream stream) => stream = File.OpenRead("a");
        }
        """);

    [Fact]
    public Task Ignores_a_referenced_librarys_streams_named_in_memory_unless_built_over_a_sink() => VerifyWithVendorAsync(Sources.Usings + """
        using Vendor.Mime;
        class C
        {
            async Task A(MemoryBlockStream blocks, PooledMemoryStream pooled, SpoolMemoryStream spool, BlockStream plain, byte[] buffer)
            {
                blocks.Write(buffer, 0, buffer.Length);
                Stream asStream = new MemoryBlockStream();
                asStream.Write(buffer, 0, buffer.Length);
                pooled.Flush();
                {|BLZ102:spool.Write(buffer, 0, buffer.Length)|};     // built over a file path: the name proves nothing
                {|BLZ102:plain.Write(buffer, 0, buffer.Length)|};     // not named as an in-memory stream
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_local_last_given_a_new_in_memory_stream_by_a_source_factory_does_not_block() => VerifyWithVendorAsync(Sources.Usings + """
        using Vendor.Mime;
        class Fetcher
        {
            protected virtual Stream CreateStream(int length)
            {
                if (length > 4096)
                    return new MemoryBlockStream();
                return new MemoryStream(length);
            }
            Stream CreateSmall(int length) => length > 16 ? new MemoryStream(length) : new MemoryBlockStream();
            Stream OpenSpool(string path) { if (path.Length == 0) { return new MemoryStream(); } return File.OpenWrite(path); }
            static Stream Commit(Stream stream) => stream;

            async Task Fetch(Stream network, byte[] buffer, int kind, string path)
            {
                Stream stream;
                switch (kind)
                {
                    case 1:
                        stream = CreateStream(buffer.Length);
                        try
                        {
                            int n;
                            while ((n = await network.ReadAsync(buffer, 0, buffer.Length)) > 0)
                            {
                                stream.Write(buffer, 0, n);
                            }
                        }
                        catch { stream.Dispose(); throw; }
                        break;
                    case 2:
                        stream = CreateSmall(buffer.Length);
                        stream.Write(buffer, 0, buffer.Length);
                        break;
                    default:
                        stream = OpenSpool(path);                         // one return is a file
                        {|BLZ102:stream.Write(buffer, 0, 1)|};
                        break;
                }

                stream = Commit(stream);                                  // later writes do not change what came before
                {|BLZ102:stream.Flush()|};                                // but what Commit returns is not known
                var reused = CreateStream(1);
                for (var i = 0; i < 2; i++)
                {
                    {|BLZ102:reused.Write(buffer, 0, 1)|};                // the loop brings the file back round
                    reused = OpenSpool(path);
                }

                var jumped = CreateStream(1);
                if (kind > 5) goto write;
                jumped = OpenSpool(path);
                write:
                {|BLZ102:jumped.Flush()|};
            }
        }
        """);

    [Fact]
    public Task Ignores_teardown_in_a_catch_clause_but_not_other_io_there_or_teardown_on_the_success_path() => VerifyAsync(Sources.Usings + """
        using System.Net;
        using System.Net.Sockets;
        class C
        {
            async Task<Stream> ConnectAsync(Socket socket, EndPoint endPoint, Stream log, byte[] buffer)
            {
                try
                {
                    await socket.ConnectAsync(endPoint);
                    return new NetworkStream(socket, true);
                }
                catch
                {
                    if (socket.Connected)
                        socket.Disconnect(false);                         // failure-path teardown
                    socket.Dispose();
                    {|BLZ102:log.Write(buffer, 0, buffer.Length)|};       // other I/O in a catch clause stays
                    throw;
                }
            }
            async Task CloseAsync(Socket socket)
            {
                try { await Task.Yield(); }
                finally { {|BLZ102:socket.Disconnect(false)|}; }          // finally runs on success too
                {|BLZ102:socket.Disconnect(false)|};
            }
        }
        """);

    // The abstract members of Stream, doing nothing: a source stream type that is in memory unless a subclass adds I/O.
    private const string StreamStub = """
        public abstract class StreamStub : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => 0;
            public override long Position { get; set; }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
        }
        """;

    private const string VendorSource = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Vendor.Storage
        {
            public class BlobClient : IDisposable
            {
                public int Upload(byte[] data, CancellationToken cancellationToken = default) => 0;
                public Task<int> UploadAsync(byte[] data, CancellationToken cancellationToken = default) => Task.FromResult(0);
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
                public void Cancel() { }
                public Task CancelAsync() => Task.CompletedTask;
                public void Complete() { }
                public Task CompleteAsync() => Task.CompletedTask;
                public bool TryGet(string key) => false;
                public Task<bool> TryGetAsync(string key) => Task.FromResult(false);
                [Obsolete("Use the new API.")] public void Legacy() { }
                public Task LegacyAsync() => Task.CompletedTask;
                public int Count() => 0;
                public Task<long> CountAsync() => Task.FromResult(0L);
                public void Flush() { }
                public string Name => "";
                public Task<string> GetNameAsync() => Task.FromResult("");
                public int Shape(int size) => size;
                public Task<int> ShapeAsync(long size) => Task.FromResult(0);
            }

            public static class BlobClientExtensions
            {
                public static Task FlushAsync(this BlobClient client) => Task.CompletedTask;
            }

            public class ArchiveClientBase
            {
                public string Download(string name) => name;
                public Task<string> DownloadAsync(string name, CancellationToken cancellationToken) => Task.FromResult(name);
                public string Fetch(string name) => name;
                public void FetchAsync(string name) { }
                public Task<string> FetchTaskAsync(string name) => Task.FromResult(name);
            }

            public sealed class ArchiveClient : ArchiveClientBase { }

            public interface IClient { void Open(); }

            public sealed class Client : IClient
            {
                public void Open() { }
                public Task OpenAsync() => Task.CompletedTask;
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public interface IHost { }

            public static class HostExtensions
            {
                public static void Run(this IHost host) { }
                public static Task RunAsync(this IHost host, CancellationToken token = default) => Task.CompletedTask;
            }
        }

        namespace Microsoft.AspNetCore.Razor.TagHelpers
        {
            public class LinkTagHelper
            {
                public virtual void Process() { }
                public virtual Task ProcessAsync() => Task.CompletedTask;
            }
        }

        namespace Vendor.Mime
        {
        """ + StreamStub + """
            public class MemoryBlockStream : StreamStub { }
            public sealed class PooledMemoryStream : StreamStub { public PooledMemoryStream(int capacity = 0) { } }
            public sealed class SpoolMemoryStream : StreamStub { public SpoolMemoryStream(string spoolPath) { } }
            public sealed class BlockStream : StreamStub { }
        }

        namespace Microsoft.IO
        {
            public sealed class RecyclableMemoryStream : MemoryStream { }
        }
        """;

    [Fact]
    public Task Reports_a_sync_sequence_whose_twin_is_an_async_sequence() => VerifyAsync(Sources.Usings + """
        namespace CsvLike
        {
            public sealed class RecordReader(TextReader reader)
            {
                public IEnumerable<T> GetRecords<T>() { yield break; }
                public IAsyncEnumerable<T> GetRecordsAsync<T>(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public IEnumerable<int> Widths() { yield break; }
                public IAsyncEnumerable<string> WidthsAsync() => throw new NotSupportedException();
            }
        }
        class Import
        {
            async Task<int> Rows(string path, CsvLike.RecordReader rows)
            {
                await Task.Yield();
                var lines = {|BLZ102:File.ReadLines(path)|}.Count();
                return lines + {|BLZ102:rows.GetRecords<string>()|}.Count() + rows.Widths().Count(); // Widths has no twin of the same elements
            }
            int Sync(string path) => File.ReadLines(path).Count();
        }
        """);

    [Fact]
    public async Task A_sequence_twin_is_advised_as_await_foreach_without_a_fix()
    {
        const string Source = Sources.Usings + """
            class C { async Task<int> A(string path) { await Task.Yield(); return {|#0:File.ReadLines(path)|}.Count(); } }
            """;
        await VerifyAsync(Source, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ102").WithLocation(0)
            .WithMessage("'File.ReadLines' is synchronous I/O in async code (bucket 1: async I/O is awaited); use 'await foreach over ReadLinesAsync'"));
        await VerifyNoFixAsync(Source.Replace("{|#0:", "{|BLZ102:", StringComparison.Ordinal));
    }

    [Fact]
    public Task Reports_a_twin_sent_alone_to_the_pool_as_a_fake_async_version() => VerifyAsync(Sources.Usings + """
        class Context
        {
            public int SaveChanges() => 0;
            public Task<int> SaveChangesAsync(CancellationToken token = default) => Task.FromResult(0);
        }
        static class ContextExtensions
        {
            public static Task<int> CommitAsync(this Context context, CancellationToken token = default) =>
                Task.Run(() => {|BLZ102:context.SaveChanges()|}, token);
            public static async Task<string> ReadAsync(string path) => await Task.Run(() => { return {|BLZ102:File.ReadAllText(path)|}; });
        }
        """);

    [Fact]
    public Task Leaves_pool_delegates_that_do_more_than_the_twin_or_run_from_sync_code() => VerifyAsync(Sources.Usings + """
        class Context
        {
            public int SaveChanges() => 0;
            public Task<int> SaveChangesAsync(CancellationToken token = default) => Task.FromResult(0);
        }
        static class ContextExtensions
        {
            // More than the one call: BLZ109's, whose remedy is the blocking pool.
            public static Task<int> CommitTwiceAsync(Context context) => Task.Run(() => context.SaveChanges() + context.SaveChanges());
            public static Task<int> LongRunning(Context context) => Task.Factory.StartNew(() => context.SaveChanges(), TaskCreationOptions.LongRunning);
            public static void FireAndForget(Context context) => Task.Run(() => context.SaveChanges());
            public static Task<byte[]> InMemory(MemoryStream buffer) => Task.Run(() => { buffer.Flush(); return buffer.ToArray(); });
        }
        """);

    [Fact]
    public Task Fix_awaits_the_twin_instead_of_a_pool_thread() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(string path)
            {
                var text = await Task.Run(() => {|BLZ102:File.ReadAllText(path)|});
                return text.Length;
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A(string path)
            {
                var text = await File.ReadAllTextAsync(path);
                return text.Length;
            }
        }
        """);

    // Both rewrites share one equivalence key: a Fix All started from either (dotnet format starts from the first) fixes both.
    [Fact]
    public Task Fix_all_awaits_counterparts_and_twins_sent_to_the_pool_together() => VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(StreamReader reader, string path, CancellationToken token)
            {
                var line = {|BLZ102:reader.ReadLine()|};
                var text = await Task.Run(() => {|BLZ102:File.ReadAllText(path)|});
                return line!.Length + text.Length;
            }
        }
        """, Sources.Usings + """
        class C
        {
            async Task<int> A(StreamReader reader, string path, CancellationToken token)
            {
                var line = await reader.ReadLineAsync(token);
                var text = await File.ReadAllTextAsync(path);
                return line!.Length + text.Length;
            }
        }
        """);

    [Fact]
    public Task No_twin_fix_when_the_starter_takes_a_token_or_is_not_awaited() => VerifyNoFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(string path, CancellationToken token)
            {
                var text = await Task.Run(() => {|BLZ102:File.ReadAllText(path)|}, token);
                var pending = Task.Run(() => {|BLZ102:File.ReadAllText(path)|});
                var block = await Task.Run(() => { return {|BLZ102:File.ReadAllText(path)|}; });
                return text.Length + (await pending).Length + block.Length;
            }
        }
        """);

    [Fact]
    public Task Ignores_opening_a_zip_entry_whose_content_is_then_read_asynchronously() => VerifyAsync(Sources.Usings + """
        using System.IO.Compression;
        class Unzipper
        {
            static async Task Expand(ZipArchive archive, string target)
            {
                foreach (var entry in archive.Entries)
                {
                    using var from = entry.Open();                                   // reads the entry's local header only
                    using var to = new FileStream(Path.Combine(target, entry.FullName), FileMode.Create, FileAccess.Write, FileShare.None, 8192, useAsync: true);
                    await from.CopyToAsync(to);
                    {|BLZ102:from.CopyTo(to)|};                                        // the content itself, read synchronously
                }
            }
        }
        """);

    // The framework runs a sync action, page handler or minimal-API lambda on a ThreadPool thread once per request.
    private const string Handlers = """
        class Store { public int SaveChanges() => 0; public Task<int> SaveChangesAsync(CancellationToken token = default) => Task.FromResult(0); }
        class FilesController : Microsoft.AspNetCore.Mvc.Controller
        {
            public byte[] Fetch(string path) => {|BLZ102:File.ReadAllBytes(path)|};
            private byte[] Helper(string path) => File.ReadAllBytes(path);                        // not an action
            [Microsoft.AspNetCore.Mvc.NonAction] public string Note(string path) => File.ReadAllText(path);
            public string Lazy(string path) { Func<string> later = () => File.ReadAllText(path); return "later"; }
        }
        class JoinModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            private readonly Store _db = new();
            public void OnPost() => {|BLZ102:_db.SaveChanges()|};
            public void Refresh() => _db.SaveChanges();                                             // not a page handler
        }
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/greeting", () => {|BLZ102:File.ReadAllText("greeting.txt")|});
        }
        class PlainService
        {
            public string Read(string path) => File.ReadAllText(path);                               // sync code, not a handler
        }
        """;

    [Fact]
    public Task Reports_sync_io_in_sync_request_handlers() => VerifyAsync(Sources.Usings + WebFrameworkStubs.Source + Handlers);

    [Fact]
    public async Task Advises_making_the_handler_async_and_offers_no_fix_there()
    {
        var source = Sources.Usings + WebFrameworkStubs.Source + """
            class FilesController : Microsoft.AspNetCore.Mvc.Controller
            {
                public byte[] Fetch(string path) => {|#0:File.ReadAllBytes(path)|};
            }
            """;
        await VerifyAsync(source, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ102").WithLocation(0)
            .WithMessage("'File.ReadAllBytes' is synchronous I/O in a sync request handler, on a ThreadPool thread (bucket 1: async I/O is awaited); "
                + "make the handler async and use 'await ReadAllBytesAsync'"));
        await VerifyNoFixAsync(source.Replace("{|#0:", "{|BLZ102:", StringComparison.Ordinal));

        await VerifyAsync(Sources.Usings + """
            class C { async Task<string> A(string path) { await Task.Yield(); return {|#0:File.ReadAllText(path)|}; } }
            """, BlitzAnalyzerTest.Diagnostic(Analyzer, "BLZ102").WithLocation(0)
            .WithMessage("'File.ReadAllText' is synchronous I/O in async code (bucket 1: async I/O is awaited); use 'await ReadAllTextAsync'"));
    }

    // A sync read made only once the receiver says data is waiting copies buffered bytes and returns.
    [Fact]
    public Task Ignores_a_read_made_only_once_data_is_waiting() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class Handler
        {
            private readonly NetworkStream _stream = null!;
            private readonly Socket _socket = null!;

            async Task<int> ReceiveAsync(byte[] buffer, NetworkStream other)
            {
                int count;
                if (_stream.DataAvailable)
                {
                    count = _stream.Read(buffer, 0, buffer.Length);
                }
                else
                {
                    count = await _stream.ReadAsync(buffer, 0, buffer.Length);
                }

                if (_socket.Available > 0) { count += _socket.Receive(buffer); }
                var available = _socket.Available;
                if (available > 0) { count += _socket.Receive(buffer); }                       // through a local
                if (other.DataAvailable) { count += {|BLZ102:_stream.Read(buffer, 0, buffer.Length)|}; } // another stream's readiness
                return count + {|BLZ102:_stream.Read(buffer, 0, buffer.Length)|};
            }

            async Task<bool> IsConnectedAsync(byte[] probe)
            {
                await Task.Yield();
                if (!_socket.Poll(0, SelectMode.SelectRead))
                {
                    return true;
                }

                return _socket.Receive(probe, SocketFlags.Peek) != 0;                         // readable, or closed: returns at once
            }

            async Task<bool> IsWritableAsync(byte[] probe)
            {
                await Task.Yield();
                if (!_socket.Poll(0, SelectMode.SelectWrite)) { return false; }
                return {|BLZ102:_socket.Receive(probe, SocketFlags.Peek)|} != 0;             // writable says nothing of data
            }
        }
        """);

    // Socket.Receive(byte[]) has no twin taking byte[]: ReceiveAsync takes Memory<byte> or ArraySegment<byte>, to which
    // the array converts, so the twin is called with the same arguments.
    [Fact]
    public Task Fix_awaits_a_twin_whose_buffer_parameter_the_array_converts_to() => VerifyFixAsync(Sources.Usings + """
        using System.Net.Sockets;
        class C
        {
            async Task<int> A(Socket socket, byte[] buffer, CancellationToken token)
            {
                await Task.Yield();
                var count = {|BLZ102:socket.Receive(buffer)|};
                {|BLZ102:socket.Send(buffer, SocketFlags.None)|};
                return count;
            }
        }
        """, Sources.Usings + """
        using System.Net.Sockets;
        class C
        {
            async Task<int> A(Socket socket, byte[] buffer, CancellationToken token)
            {
                await Task.Yield();
                var count = await socket.ReceiveAsync(buffer, token);
                await socket.SendAsync(buffer, SocketFlags.None, token);
                return count;
            }
        }
        """);

    // An async lambda sent to the pool is async code on a pool thread: its sync I/O holds that thread.
    [Fact]
    public Task Reports_sync_io_in_an_async_lambda_sent_to_the_pool() => VerifyAsync(Sources.Usings + """
        class C
        {
            async Task Serve(Stream stream, byte[] buffer)
            {
                await Task.Run(async () =>
                {
                    var count = {|BLZ102:stream.Read(buffer, 0, buffer.Length)|};
                    await stream.WriteAsync(buffer, 0, count);
                });
                await Task.Run(() => Console.WriteLine(stream.Read(buffer, 0, buffer.Length)));  // a sync delegate: BLZ109's
            }
        }
        """);

    // The framework's null sinks and readers made over memory touch no device.
    [Fact]
    public Task Ignores_null_sinks_and_readers_made_over_memory() => VerifyAsync(Sources.Usings + """
        using System.Security.Cryptography;
        using System.Xml;
        class C
        {
            async Task<byte[]> DigestAsync(HashAlgorithm algorithm, FileInfo file, Stream network)
            {
                using var sink = new CryptoStream(Stream.Null, algorithm, CryptoStreamMode.Write);
                var name = System.Text.Encoding.UTF8.GetBytes(file.FullName);
                sink.Write(name, 0, name.Length);
                using var wire = new CryptoStream(network, algorithm, CryptoStreamMode.Write);
                {|BLZ102:wire.Write(name, 0, name.Length)|};
                await using var source = file.OpenRead();
                await source.CopyToAsync(sink);
                return algorithm.Hash!;
            }
        }
        """);

    // A query over memory passed through a delegate or a filter that adds operators is still over memory.
    [Fact]
    public Task Ignores_queries_over_memory_passed_through_a_pipeline() => VerifyAsync(Sources.Usings + """
        using System.Linq.Expressions;
        class Store<T>
        {
            private readonly Func<IQueryable<T>, IQueryable<T>> _pipeline = q => q;
            private readonly Func<CancellationToken, Task<List<T>>> _loader = _ => Task.FromResult(new List<T>());

            public async Task<T[]> ToArrayAsync(CancellationToken token)
            {
                var items = await _loader(token);
                var query = _pipeline(items.AsQueryable());
                var count = query.Count();
                return _pipeline(items.AsQueryable()).Take(count).ToArray();
            }

            public async Task<int> CountAsync(IQueryable<T> database)
            {
                await Task.Yield();
                return {|BLZ102:_pipeline(database).Count()|};                                  // a provider's query
            }
        }
        """);

    [Fact]
    public Task Ignores_a_library_object_made_over_a_memory_stream_alone() => VerifyAsync(Sources.Usings + """
        namespace OfficeOpenXml
        {
            public sealed class ExcelPackage : IDisposable
            {
                public ExcelPackage(Stream stream) { }
                public ExcelPackage(Stream stream, string password) { }
                public ExcelPackage(FileInfo file) { }
                public void Save() { }
                public Task SaveAsync() => Task.CompletedTask;
                public void Dispose() { }
            }
        }
        namespace App
        {
            using OfficeOpenXml;
            class Export
            {
                async Task<MemoryStream> A(Stream network, string path)
                {
                    await Task.Yield();
                    var memory = new MemoryStream();
                    using (var package = new ExcelPackage(memory)) { package.Save(); }            // writes only to the memory stream
                    using (var locked = new ExcelPackage(memory, "secret")) { {|BLZ102:locked.Save()|}; } // a string beside it may name anything
                    using (var remote = new ExcelPackage(network)) { {|BLZ102:remote.Save()|}; }
                    using (var file = new ExcelPackage(new FileInfo(path))) { {|BLZ102:file.Save()|}; }
                    return memory;
                }
            }
        }
        """);

    [Fact]
    public Task Reports_span_reads_and_writes_whose_twin_takes_memory_without_a_fix() => VerifyAsync(Sources.Usings + """
        using System.Net.Sockets;
        class Wire
        {
            async Task A(Stream network, Socket socket, byte[] payload)
            {
                await Task.Yield();
                {|BLZ102:network.Write(payload.AsSpan())|};
                Span<byte> header = stackalloc byte[4];
                {|BLZ102:network.ReadExactly(header)|};
                {|BLZ102:socket.Send(payload.AsSpan(0, 2), SocketFlags.None)|};
                var memory = new MemoryStream();
                memory.Write(payload.AsSpan());                 // in memory
            }
        }
        """);
}
