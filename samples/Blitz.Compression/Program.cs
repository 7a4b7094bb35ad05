// A file compression pipeline: read files async (bucket 1) -> compress with System.IO.Compression on the CPU pool
// (bucket 5) -> write async (bucket 1), reporting the ratio and the throughput. It generates its own files in a
// temp folder and deletes them afterwards.
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Blitz;

const int Files = 24;
string folder = Path.Combine(Path.GetTempPath(), $"blitz-compression-{Environment.ProcessId}");
Directory.CreateDirectory(folder);
try
{
    long inputBytes = await GenerateFilesAsync(folder, Files);
    await using var runtime = new BlitzRuntime(new BlitzOptions { ThreadNamePrefix = "zip" });
    var clock = Stopwatch.StartNew();

    await using Pipeline<Compressed> pipeline = Pipeline.Create(runtime, Directory.EnumerateFiles(folder, "*.txt").ToAsyncEnumerable(), name: "compression")
        .ThenAsync("read", static async (path, ct) => new FileData(path, await File.ReadAllBytesAsync(path, ct)), new StageOptions { DegreeOfParallelism = 2, Capacity = 4 })
        .ThenCpu("compress", static (file, _) => new Compressed(file.Path + ".gz", file.Bytes.Length, Compress(file.Bytes)), new StageOptions { DegreeOfParallelism = Environment.ProcessorCount, Capacity = 4 })
        .ThenAsync("write", static async (file, ct) =>
        {
            await File.WriteAllBytesAsync(file.Path, file.Bytes, ct);
            return file;
        }, new StageOptions { DegreeOfParallelism = 2, Capacity = 4 })
        .Build();

    long originalBytes = 0, compressedBytes = 0;
    int written = 0;
    await foreach (Compressed file in pipeline.Output.ReadAllAsync())
    {
        originalBytes += file.OriginalLength;
        compressedBytes += file.Bytes.Length;
        written++;
    }

    await pipeline.Completion;
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"compressed {written} files ({inputBytes / 1024.0 / 1024.0:F1} MiB generated) in {seconds * 1000:F0} ms");
    Console.WriteLine($"  {originalBytes:N0} B -> {compressedBytes:N0} B, ratio {(double)compressedBytes / originalBytes:P1}, throughput {originalBytes / 1024.0 / 1024.0 / seconds:F1} MiB/s");
    foreach (StageMetrics stage in pipeline.GetMetrics().Stages)
    {
        Console.WriteLine($"  stage {stage.Name,-8} ({stage.Kind,-5}) x{stage.Workers.Count}: {stage.ItemsOut} files, busy {stage.BusyTime.TotalMilliseconds,5:F0} ms");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static byte[] Compress(byte[] data)
{
    using var output = new MemoryStream(data.Length / 2);
    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
    {
        gzip.Write(data);
    }

    return output.ToArray();
}

static async Task<long> GenerateFilesAsync(string folder, int count)
{
    // Log-like text: repetitive enough to compress well, varied enough to make the CPU work.
    string[] words = ["request", "served", "GET", "POST", "/api/orders", "/api/users", "200", "404", "latency", "ms", "cache", "hit", "miss"];
    var random = new Random(42);
    long total = 0;
    for (int i = 0; i < count; i++)
    {
        var text = new StringBuilder();
        int lines = 4_000 + random.Next(4_000);
        for (int line = 0; line < lines; line++)
        {
            text.Append("2026-11-28T07:00:").Append(line % 60).Append('Z');
            for (int w = 0; w < 8; w++)
            {
                text.Append(' ').Append(words[random.Next(words.Length)]);
            }

            text.Append(' ').Append(random.Next(100_000)).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        await File.WriteAllBytesAsync(Path.Combine(folder, $"log-{i:D2}.txt"), bytes);
        total += bytes.Length;
    }

    return total;
}

internal sealed record FileData(string Path, byte[] Bytes);

internal sealed record Compressed(string Path, int OriginalLength, byte[] Bytes);
