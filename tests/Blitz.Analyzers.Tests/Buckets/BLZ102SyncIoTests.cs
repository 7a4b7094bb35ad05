using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.CodeFixes;
using Blitz.TestSupport;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ102SyncIoTests
{
    private static readonly AnalyzerHarness Harness = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new BLZ102SyncIoAnalyzer()));
    private static readonly CodeFixRunner Fix = new(TestReferences.All, BlitzRulesAnalyzer.Hosting(new BLZ102SyncIoAnalyzer()), new AwaitAsyncCounterpartCodeFix());

    [Fact]
    public Task Reports_blocking_io_with_an_equivalent_async_counterpart() => Harness.VerifyAsync(Sources.Usings + """
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
    public Task Ignores_memory_console_non_equivalent_and_non_async_code() => Harness.VerifyAsync(Sources.Usings + """
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
                stream.Read(new byte[4].AsSpan());       // Span has no async equivalent
                writer.Write(42);                        // no WriteAsync(int)
                lines.ForEach(l => writer.WriteLine(l)); // a sync lambda is not async context
                await Task.Run(() => File.ReadAllText("a"));
                await Task.Yield();
            }
            string Sync() => File.ReadAllText("a");
        }
        """);

    [Fact]
    public Task Fix_awaits_the_counterpart_and_passes_the_token() => Fix.VerifyFixAsync(Sources.Usings + """
        class C
        {
            async Task<int> A(StreamReader reader, Stream stream, byte[] buffer, CancellationToken token)
            {
                var line = reader.ReadLine();
                var length = File.ReadAllText("a.txt").Length;
                stream.Write(buffer, 0, buffer.Length);
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
    public Task Fix_all_without_a_token() => Fix.VerifyFixAllAsync(Sources.Usings + """
        class C
        {
            async Task A(TextWriter writer)
            {
                writer.WriteLine("a");
                writer.Flush();
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
    public Task No_fix_inside_a_conditional_access() => Fix.VerifyNoFixAsync(Sources.Usings + """
        class C { async Task A(StreamReader? reader) { var l = reader?.ReadLine(); await Task.Yield(); } }
        """);
}
