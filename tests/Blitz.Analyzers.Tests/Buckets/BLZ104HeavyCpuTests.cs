using Blitz.Analyzers.Buckets;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ104HeavyCpuTests
{
    private static readonly DiagnosticAnalyzer Analyzer = BlitzSuggestionsAnalyzer.Hosting(new BLZ104HeavyCpuAnalyzer());

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => BlitzAnalyzerTest.VerifyAsync(Analyzer, markup, expected);

    private const string Usings = """
        using System.IO.Compression;
        using System.Security.Cryptography;
        using System.Xml.Linq;

        """;

    [Fact]
    public Task Reports_known_cpu_heavy_apis() => VerifyAsync(Sources.Usings + Usings + """
        class C
        {
            async Task<byte[]> Login(string password, byte[] salt, Stream body, string root)
            {
                var key = {|BLZ104:Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32)|};
                using var derive = new Rfc2898DeriveBytes(password, salt, 600_000, HashAlgorithmName.SHA256); // derives lazily
                var derived = {|BLZ104:derive.GetBytes(32)|};
                using var rsa = {|BLZ104:RSA.Create(4096)|};
                var digest = {|BLZ104:SHA256.HashData(body)|};
                using var sha = SHA256.Create();
                var digest2 = {|BLZ104:sha.ComputeHash(body)|};
                var files = {|BLZ104:Directory.GetFiles(root, "*.log", SearchOption.AllDirectories)|};
                var files2 = {|BLZ104:Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true })|};
                {|BLZ104:File.Copy("a", "b")|};
                {|BLZ104:ZipFile.CreateFromDirectory(root, "out.zip")|};
                var doc = {|BLZ104:XDocument.Load(body)|};
                var output = new byte[1000];
                {|BLZ104:BrotliEncoder.TryCompress(salt, output, out var written, 11, 24)|};
                await Task.Yield();
                return key;
            }
        }
        """);

    [Fact]
    public Task Ignores_one_pass_over_a_grids_cells() => VerifyAsync(Sources.Usings + Usings + """
        class Board
        {
            private int[,] _cells = new int[8, 8];
            private int[,] _next = new int[8, 8];

            public Task Step(int height, int width, int[][] rows)
            {
                for (var r = 0; r < height; r++)
                    for (var c = 0; c < width; c++) { _next[r, c] = Rule(_cells[r, c], Count(r, c)); } // each cell once
                for (var r = 0; r < rows.Length; r++)
                    for (var c = 0; c < rows[r].Length; c++) { rows[r][c] = 0; }                     // a jagged grid, cell by cell
                return Task.CompletedTask;
            }

            private static int Rule(int cell, int neighbours) => neighbours == 3 ? 1 : cell;
            private int Count(int r, int c) => _cells[r, c];
        }
        """);

    [Fact]
    public Task Reports_nests_that_pair_elements_or_compute_indices() => VerifyAsync(Sources.Usings + Usings + """
        class Grids
        {
            public async Task<int> Work(int[] items, int[,] cells, int[,] a, int[,] b, int[,] product, int n)
            {
                var pairs = 0;
                {|BLZ104:for|} (var i = 0; i < items.Length; i++)
                    for (var j = 0; j < items.Length; j++) { if (items[i] > items[j]) pairs++; }        // every pair: quadratic
                {|BLZ104:for|} (var r = 0; r < n; r++)
                    for (var c = 0; c < n; c++) { pairs += cells[r + 1, c] - cells[r, c]; }             // a computed index
                {|BLZ104:for|} (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        for (var k = 0; k < n; k++) { product[i, j] += a[i, k] * b[k, j]; }            // a product: cubic
                await Task.Yield();
                return pairs;
            }
        }
        """);

    [Fact]
    public Task Reports_loops_whose_work_grows_with_the_input() => VerifyAsync(Sources.Usings + Usings + """
        class C
        {
            async Task<int> Pixels(byte[] image, int width, int height)
            {
                var sum = 0;
                {|BLZ104:for|} (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++) { sum += image[y * width + x]; }
                }
                await Task.Yield();
                return sum;
            }
            async Task<uint> Checksum(string path)
            {
                var payload = await File.ReadAllBytesAsync(path);
                uint crc = 0;
                {|BLZ104:for|} (var i = 0; i < payload.Length; i++) { crc = (crc << 1) ^ payload[i]; }
                return crc;
            }
            async Task<byte[]> Stretch(byte[] seed, int iterations)
            {
                var hash = seed;
                {|BLZ104:for|} (var i = 0; i < iterations; i++) { hash = SHA256.HashData(hash); }
                await Task.Yield();
                return hash;
            }
        }
        """);

    [Fact]
    public Task Reports_the_outermost_heavy_loop_once_even_inside_a_loop_that_awaits() => VerifyAsync(Sources.Usings + Usings + """
        class C
        {
            async Task<long> Frames(IAsyncEnumerable<byte[]> frames, int width, int height)
            {
                long sum = 0;
                await foreach (var frame in frames)
                {
                    {|BLZ104:for|} (var y = 0; y < height; y++)
                    {
                        for (var x = 0; x < width; x++)
                        {
                            for (var c = 0; c < frame.Length; c++) { sum += frame[(y * width + x) * 3 + c % 3]; }
                        }
                    }
                }
                return sum;
            }
        }
        """);

    [Fact]
    public Task Reports_regex_and_foreach_over_a_payload_read_whole_but_not_over_other_strings() => VerifyAsync(Sources.Usings + Usings + """
        using System.Text;
        using System.Text.RegularExpressions;
        class C
        {
            async Task<int> Scan(string path, string header, byte[] small)
            {
                var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path));
                var emails = {|BLZ104:Regex.Matches(text, @"\w+@\w+")|}.Count;
                var body = await File.ReadAllTextAsync(path);
                var lines = {|BLZ104:Regex.Split(body, "\n")|}.Length;
                var fields = Regex.Split(header, ",").Length;                       // a header: size unknown
                var image = await File.ReadAllBytesAsync(path);
                var histogram = new int[256];
                {|BLZ104:foreach|} (var row in image.Chunk(64)) { foreach (var value in row) { histogram[value]++; } }
                foreach (var value in small) { histogram[value]++; }                 // a parameter: size unknown
                return emails + lines + fields + histogram[0];
            }
        }
        """);

    [Fact]
    public Task Reports_certificate_chains_big_integer_powers_compiled_regexes_and_signing_per_item() => VerifyAsync(Sources.Usings + Usings + """
        using System.Numerics;
        using System.Security.Cryptography.X509Certificates;
        using System.Text.RegularExpressions;
        class C
        {
            static readonly Regex Shared = new("a+", RegexOptions.Compiled);    // once per process: fine
            async Task<int> A(X509Certificate2 certificate, BigInteger value, BigInteger modulus, string text, RSA rsa, List<byte[]> batch)
            {
                using var chain = new X509Chain();
                var valid = {|BLZ104:chain.Build(certificate)|};
                var power = {|BLZ104:BigInteger.ModPow(value, 65537, modulus)|};
                var pattern = {|BLZ104:new Regex("[a-z]+", RegexOptions.Compiled | RegexOptions.IgnoreCase)|};
                var plain = new Regex("[a-z]+", RegexOptions.IgnoreCase);        // interpreted: cheap to build
                var sum = BigInteger.Add(value, modulus);                          // not a power
                var signatures = new List<byte[]>();
                {|BLZ104:foreach|} (var item in batch) { signatures.Add(rsa.SignData(item, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)); }
                await Task.Yield();
                return (valid ? 1 : 0) + (int)(power % 7) + pattern.Matches(text).Count + plain.Matches(text).Count + (int)(sum % 3) + signatures.Count;
            }
        }
        """);

    [Fact]
    public Task Reports_serializers_over_files_and_streams_but_not_over_memory() => VerifyAsync(Sources.Usings + Usings + """
        using System.Runtime.Serialization;
        using System.Xml;
        using System.Xml.Serialization;
        public class Settings { public string? Name { get; set; } }
        class C
        {
            async Task<Settings> Load(string path, Stream network)
            {
                var serializer = new XmlSerializer(typeof(Settings));
                using var reader = new StreamReader(path);
                var a = (Settings){|BLZ104:serializer.Deserialize(reader)|}!;
                using (var file = File.Create(path)) { {|BLZ104:serializer.Serialize(file, a)|}; }
                var b = (Settings){|BLZ104:new DataContractSerializer(typeof(Settings)).ReadObject(network)|}!;
                using var xml = XmlReader.Create(network);
                var c = (Settings){|BLZ104:serializer.Deserialize(xml)|}!;
                var doc = new XmlDocument();
                {|BLZ104:doc.Save(path)|};
                await Task.Yield();
                return b ?? c;
            }
            // Behind a Task-returning signature the work runs on the caller's thread just the same.
            Task<Settings> Read(Stream input) => Task.FromResult((Settings){|BLZ104:new XmlSerializer(typeof(Settings)).Deserialize(input)|}!);
            async Task<string> InMemory(Settings settings, string text)
            {
                var serializer = new XmlSerializer(typeof(Settings));
                var back = (Settings)serializer.Deserialize(new StringReader(text))!;   // a string in memory
                using var buffer = new MemoryStream();
                serializer.Serialize(buffer, settings);                                  // a memory stream
                var writer = new StringWriter();
                serializer.Serialize(writer, back);
                await Task.Yield();
                return writer.ToString();
            }
        }
        """);

    [Fact]
    public Task Ignores_cheap_inline_work_bucket_2() => VerifyAsync(Sources.Usings + Usings + """
        record Line(decimal Price);
        record Order(List<Line> Lines);
        class C
        {
            async Task<decimal> Total(List<Order> orders, string header, byte[] small, Stream body, string root)
            {
                decimal total = 0;
                foreach (var order in orders) { foreach (var line in order.Lines) { total += line.Price; } } // per-entity, not per-element
                for (var i = 0; i < 16; i++) { total += i; }                                           // small constant range
                for (var i = 0; i < 4; i++) { for (var j = 0; j < 4; j++) { total += small[i * 4 + j]; } }
                var parts = header.Split(',');
                for (var i = 0; i < parts.Length; i++) { total += parts[i].Length; }                   // strings, not a payload
                for (var i = 0; i < small.Length; i++) { total += small[i]; }                         // a parameter: its size is unknown
                var hash = SHA256.HashData(small);                                                     // one hash of a byte array
                var top = Directory.GetFiles(root, "*.log");                                           // not recursive
                using var rsa = RSA.Create();
                for (var i = 0; i < small.Length; i++) { total += small[i]; await Next(); }     // awaits: yields its thread
                Func<int> sync = () => { var s = 0; for (var i = 0; i < small.Length; i++) { s += small[i]; } return s; };
                await Task.Run(() => Rfc2898DeriveBytes.Pbkdf2("p", small, 600_000, HashAlgorithmName.SHA256, 32));
                return total;
            }
            static Task<bool> Next() => Task.FromResult(false);
            byte[] Sync(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
        }
        """);

    [Fact]
    public Task Reports_hashing_the_bytes_of_a_whole_file() => VerifyAsync(Sources.Usings + """
        using System.Security.Cryptography;
        static class Hashes
        {
            static async Task<string> InPlace(string path) =>
                Convert.ToHexString({|BLZ104:SHA256.HashData(await File.ReadAllBytesAsync(path).ConfigureAwait(false))|});
            static async Task<byte[]> ThroughALocal(string path)
            {
                var bytes = await File.ReadAllBytesAsync(path);
                using var md5 = MD5.Create();
                return {|BLZ104:md5.ComputeHash(bytes)|};
            }
        }
        """);

    [Fact]
    public Task Ignores_hashing_bytes_of_unknown_size() => VerifyAsync(Sources.Usings + """
        using System.Security.Cryptography;
        static class Hashes
        {
            static async Task<byte[]> Received(Func<Task<byte[]>> fetch) => SHA256.HashData(await fetch()); // a blob may be a key
            static async Task<byte[]> Given(byte[] data) { await Task.Yield(); return SHA256.HashData(data); }
            static byte[] Sync(string path) => SHA256.HashData(File.ReadAllBytes(path));
            static async Task<byte[]> Text(string path) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(path)));
        }
        """);

    [Fact]
    public Task Reports_archives_written_or_extracted_in_async_code() => VerifyAsync(Sources.Usings + """
        using System.IO.Compression;
        namespace Ionic.Zip
        {
            public sealed class ZipFile : IDisposable
            {
                public void AddDirectory(string path) { }
                public void Save(string path) { }
                public void Dispose() { }
            }
        }
        class Backups
        {
            async Task Zip(string folder, string target)
            {
                await Task.Yield();
                using (var archive = new Ionic.Zip.ZipFile())
                {
                    archive.AddDirectory(folder);
                    {|BLZ104:archive.Save(target)|};
                }
                {|BLZ104:System.IO.Compression.ZipFile.CreateFromDirectory(folder, target + ".2")|};
                using var zip = System.IO.Compression.ZipFile.Open(target, ZipArchiveMode.Update);
                {|BLZ104:zip.CreateEntryFromFile(folder + "/a.txt", "a.txt")|};
            }
        }
        """);

    [Fact]
    public Task Reports_data_adapter_fills_that_have_no_async_counterpart() => VerifyAsync(Sources.Usings + """
        using System.Data;
        using System.Data.Common;
        class Reports
        {
            async Task<DataTable> Table(DbDataAdapter adapter, DbConnection link)
            {
                await link.OpenAsync();
                var result = new DataTable();
                {|BLZ104:adapter.Fill(result)|};
                var set = new DataSet();
                {|BLZ104:adapter.Fill(set)|};
                {|BLZ104:adapter.Update(set)|};
                return result;
            }
            DataTable Sync(DbDataAdapter adapter) { var result = new DataTable(); adapter.Fill(result); return result; }
        }
        """);

    [Fact]
    public Task Leaves_save_changes_with_a_twin_to_BLZ102_and_reports_it_without_one() => VerifyAsync(Sources.Usings + """
        namespace System.Data.Entity
        {
            public class DbContext
            {
                public virtual int SaveChanges() => 0;
                public virtual Task<int> SaveChangesAsync() => Task.FromResult(0);
            }
        }
        namespace System.Data.Objects
        {
            public class ObjectContext
            {
                public int SaveChanges() => 0;
            }
        }
        class Store
        {
            async Task Save(System.Data.Entity.DbContext modern, System.Data.Objects.ObjectContext legacy)
            {
                await Task.Yield();
                modern.SaveChanges();
                {|BLZ104:legacy.SaveChanges()|};
            }
        }
        """);

    [Fact]
    public Task Reports_a_counted_arithmetic_loop_of_ten_million_passes_or_more() => VerifyAsync(Sources.Usings + """
        class Kitchen
        {
            async Task<long> Brew(Task<string> heating)
            {
                long spin = 0;
                {|BLZ104:for|} (int n = 0; n < 100_000_000; n++) { spin += n; }
                {|BLZ104:for|} (var i = 0; i < 5_000; i++) { for (var j = 0; j <= 5_000; j++) { spin ^= i * j; } } // 25 million, nested
                await heating;
                return spin;
            }
        }
        """);

    [Fact]
    public Task Ignores_counted_loops_that_are_short_leave_early_or_call_out() => VerifyAsync(Sources.Usings + """
        class Kitchen
        {
            private bool _ready;

            async Task<long> Brew(Task<string> heating)
            {
                long spin = 0;
                for (int n = 0; n < 1_000_000; n++) { spin += n; }                                      // a millisecond at most
                for (int n = 0; n < int.MaxValue; n++) { if (_ready) break; spin++; }                   // waits for a flag: leaves early
                for (int attempt = 0; attempt < 100_000_000; attempt++) { if (Try()) return spin; }    // a retry loop that calls out
                for (int n = 0; n < 100_000_000; n++) { await Task.Yield(); spin++; }                  // awaits: yields its thread
                for (int n = 0; n < 100_000_000; n += 1000) { spin += n; }                             // not counted one by one
                for (int n = 0; n < 100_000_000; n++) { n += 999; spin += n; }                         // the body moves the counter
                Action sync = () => { for (var n = 0; n < 100_000_000; n++) { spin++; } };            // sync lambda: not async context
                await heating;
                return spin;
            }

            static bool Try() => true;
        }
        """);

    // A loop bounded by the size of a type (the bytes of one element) is fixed work per element, not a nest over the input.
    [Fact]
    public Task Ignores_an_inner_loop_over_the_bytes_of_one_element() => VerifyAsync(Sources.Usings + """
        using System.Runtime.InteropServices;
        static class Registers
        {
            public static async Task<byte[]> SwapAsync(byte[] bytes)
            {
                await Task.Yield();
                var size = Marshal.SizeOf<int>();
                for (var i = 0; i < bytes.Length; i += size)
                {
                    for (var j = 0; j < size / 2; j++)
                    {
                        (bytes[i + size - 1 - j], bytes[i + j]) = (bytes[i + j], bytes[i + size - 1 - j]);
                    }
                }

                var same = 0;
                {|BLZ104:for|} (var a = 0; a < bytes.Length; a++)                // every element against every other: input-sized twice
                {
                    for (var b = 0; b < bytes.Length; b++) { if (bytes[a] == bytes[b]) { same++; } }
                }

                return bytes;
            }
        }
        """);

    // One write of bytes of unknown size through a compression stream may compress twenty bytes; a whole payload is heavy.
    [Fact]
    public Task Reports_compression_of_whole_payloads_only() => VerifyAsync(Sources.Usings + """
        using System.IO.Compression;
        using System.Text;
        static class Replies
        {
            public static async Task<byte[]> GzipTextAsync(string text)
            {
                await Task.Yield();
                using var output = new MemoryStream();
                using (var gzip = new GZipStream(output, CompressionMode.Compress))
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    gzip.Write(bytes, 0, bytes.Length);                      // bytes of unknown size
                }

                return output.ToArray();
            }

            public static async Task<byte[]> GzipFileAsync(string path)
            {
                var data = await File.ReadAllBytesAsync(path);
                using var output = new MemoryStream();
                using (var gzip = new GZipStream(output, CompressionMode.Compress))
                {
                    {|BLZ104:gzip.Write(data, 0, data.Length)|};                // a whole file
                }

                return output.ToArray();
            }

            public static async Task<byte[]> GunzipAsync(Stream source)
            {
                await Task.Yield();
                using var gzip = new GZipStream(source, CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                {|BLZ104:gzip.CopyTo(buffer)|};                                  // a whole stream
                return buffer.ToArray();
            }
        }
        """);

    // A serializer over a reader made over a string reads memory, not a device.
    [Fact]
    public Task Ignores_a_serializer_over_a_reader_made_over_a_string() => VerifyAsync(Sources.Usings + """
        using System.Runtime.Serialization;
        using System.Xml;
        static class Xml
        {
            public static Task<T> LoadAsync<T>(string xmlText) where T : class, new()
            {
                using var text = new StringReader(xmlText);
                using var reader = XmlReader.Create(text);
                var contract = new DataContractSerializer(typeof(T));
                return Task.FromResult(contract.ReadObject(reader) as T ?? new T());
            }

            public static Task<T> ReadFileAsync<T>(string path) where T : class, new()
            {
                using var reader = XmlReader.Create(File.OpenRead(path));
                var contract = new DataContractSerializer(typeof(T));
                return Task.FromResult({|BLZ104:contract.ReadObject(reader)|} as T ?? new T());
            }
        }
        """);

    // An inner loop followed by a throw runs once: the nest is one pass over the lines, not one per line.
    [Fact]
    public Task Ignores_an_inner_loop_that_leaves_the_outer_one() => VerifyAsync(Sources.Usings + """
        using System.Text;
        static class Handshake
        {
            public static async Task CheckAsync(string header)
            {
                await Task.Yield();
                var lines = header.Split("\r\n");
                for (var i = 0; i < lines.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(lines[i]))
                    {
                        var details = new StringBuilder();
                        for (var j = i + 1; j < lines.Length - 1; j++) { details.AppendLine(lines[j]); }
                        throw new InvalidOperationException(details.ToString());
                    }
                }
            }
        }
        """);
}
