using Blitz.Analyzers.Buckets;
using Blitz.Analyzers.Tests.Deep;

namespace Blitz.Analyzers.Tests.Buckets;

public sealed class BLZ104MethodGroupTests
{
    private static readonly DeepVerifier Verifier = new(BlitzSuggestionsAnalyzer.Hosting(new BLZ104HeavyCpuAnalyzer()));

    [Fact]
    public async Task Reports_heavy_methods_passed_by_name_to_calls_that_run_them_in_place()
    {
        var diagnostics = await Verifier.VerifyAndGetDiagnosticsAsync(Sources.Usings + """
            using System.Security.Cryptography;
            public sealed class Indexer
            {
                private static string HashFile(string path)
                {
                    using var stream = File.OpenRead(path);
                    return Convert.ToHexString(SHA256.HashData(stream));
                }

                public async Task<List<string>> IndexAsync(string[] paths, List<Stream> streams)
                {
                    await Task.Yield();
                    var hashes = paths.Select({|BLZ104:HashFile|}).ToList();
                    var digests = streams.ConvertAll({|BLZ104:SHA256.HashData|});
                    var local = paths.Select({|BLZ104:Digest|}).ToList();
                    return hashes.Concat(local).Concat(digests.Select(Convert.ToHexString)).ToList();

                    static string Digest(string path) => HashFile(path);
                }
            }
            """);

        Assert.Equal("'Indexer.HashFile' passed to 'Select' (hashing a whole stream or file: Select → HashFile → SHA256.HashData) is heavy work in async code (bucket 3); "
            + "move it to a [Blocking] or [CpuBound] method and await the wrapper", diagnostics[0].GetMessage());
        Assert.Contains("'Digest' passed to 'Select' (hashing a whole stream or file: Select → Digest → HashFile → SHA256.HashData)", diagnostics[2].GetMessage());
    }

    [Fact]
    public Task Ignores_cheap_methods_stored_callbacks_offloads_and_sync_callers() => Verifier.VerifyAsync(Sources.Usings + """
        using System.Security.Cryptography;
        public sealed class Indexer
        {
            private static string HashFile(string path) => Convert.ToHexString(SHA256.HashData(File.OpenRead(path)));
            private static string Trim(string path) => path.Trim();
            public event Func<string, string>? Hashing;

            public async Task<List<string>> IndexAsync(string[] paths, byte[][] blocks)
            {
                await Task.Yield();
                var trimmed = paths.Select(Trim).ToList();                         // cheap
                var small = blocks.Select(SHA256.HashData).ToList();               // hashing a byte[] (no stream) is not the table's heavy case
                Hashing += HashFile;                                               // stored, runs later
                var offloaded = await Task.Run(() => paths.Select(HashFile).ToList()); // a sync lambda on another thread
                return trimmed;
            }

            public List<string> Index(string[] paths) => paths.Select(HashFile).ToList(); // sync caller
        }
        """);
}
