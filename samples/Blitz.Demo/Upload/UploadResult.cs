using System.Text.Json.Serialization;

namespace Blitz.Demo;

/// <summary>What one mode of the upload-hashing experiment measured; a child process prints it as JSON.</summary>
internal sealed record UploadResult : IModeResult
{
    public required Mode Mode { get; init; }
    public required int Requests { get; init; }
    public required int Clients { get; init; }
    public required double AverageUploadBytes { get; init; }
    public required int StoreMs { get; init; }

    public required int Completed { get; init; }
    public required int WrongDigests { get; init; }

    /// <summary>Uploads that failed on the client side, and connections that failed on the server side.</summary>
    public required int ClientErrors { get; init; }
    public required int ServerErrors { get; init; }
    public string? FirstError { get; init; }

    /// <summary>True if the time cap ended the mode before every upload completed.</summary>
    public required bool CutOff { get; init; }
    public required double TimeCapMs { get; init; }

    /// <summary>From the clients' start to the last completed upload.</summary>
    public required double WallMs { get; init; }

    public double RequestsPerSecond => WallMs > 0 ? Completed / (WallMs / 1000) : 0;

    public required Durations Latency { get; init; }
    public required Durations ProbeDelays { get; init; }
    public required int StallsDetected { get; init; }
    public required double WorstStallMs { get; init; }

    public required int ThreadPoolThreadsAtStart { get; init; }
    public required int PeakThreadPoolThreads { get; init; }
    public int? PeakBlitzThreads { get; init; }

    /// <summary>GC.GetTotalAllocatedBytes(true) over the run minus what the client threads allocated themselves.</summary>
    public required long ServerAllocatedBytes { get; init; }

    public double AllocatedBytesPerRequest => Completed > 0 ? ServerAllocatedBytes / (double)Completed : 0;
}

/// <summary>Source-generated JSON for the parent/child protocol.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(UploadResult))]
internal sealed partial class UploadResultJson : JsonSerializerContext;
