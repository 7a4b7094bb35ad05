using System.Text.Json.Serialization;

namespace Blitz.Demo;

/// <summary>What one mode measured; a child process prints it as JSON for the parent to report.</summary>
internal sealed record StarvationResult : IModeResult
{
    public required Mode Mode { get; init; }
    public required int Requests { get; init; }
    public required int BlockMs { get; init; }
    public required int Completed { get; init; }
    public required int WrongResults { get; init; }
    public required int Faulted { get; init; }
    public string? FirstError { get; init; }

    /// <summary>True if the time cap ended the mode before every request completed.</summary>
    public required bool CutOff { get; init; }
    public required double TimeCapMs { get; init; }

    /// <summary>From dispatching the first request to the last completion (the time cap if cut off).</summary>
    public required double WallMs { get; init; }

    /// <summary>The most threads the mode may block at once; see <see cref="IdealMs"/>.</summary>
    public required int ThreadLimit { get; init; }

    /// <summary>ceil(requests / thread limit) x block time: the wall time if every allowed thread were there at once.</summary>
    public double IdealMs => Math.Ceiling(Requests / (double)ThreadLimit) * BlockMs;

    public required Durations ProbeDelays { get; init; }
    public required int ThreadPoolThreadsAtStart { get; init; }
    public required int PeakThreadPoolThreads { get; init; }
    public int? PeakOwnPoolThreads { get; init; }

    /// <summary>Bytes allocated by the whole process while the requests ran (GC.GetTotalAllocatedBytes(true) delta).</summary>
    public required long AllocatedBytes { get; init; }

    /// <summary>How many stalls Blitz's own stall monitor reported (threshold <see cref="StallWatch.Threshold"/>), and the worst.</summary>
    public required int StallsDetected { get; init; }
    public required double WorstStallMs { get; init; }
}

/// <summary>Source-generated JSON for the parent/child protocol.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(StarvationResult))]
internal sealed partial class StarvationResultJson : JsonSerializerContext;
