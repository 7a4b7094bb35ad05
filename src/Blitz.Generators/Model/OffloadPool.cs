namespace Blitz.Generators.Model;

/// <summary>Which Blitz pool a generated wrapper sends its work item to.</summary>
internal enum OffloadPool
{
    /// <summary><c>[Blocking]</c>: the blocking pool, through <c>SpawnBlocking</c>.</summary>
    Blocking,

    /// <summary><c>[CpuBound]</c>: the CPU pool, through <c>SpawnCpu</c>.</summary>
    Cpu,
}
