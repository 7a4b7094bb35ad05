using System;

namespace Blitz.CodeAnalysis;

/// <summary>Which offload attributes a method carries.</summary>
[Flags]
internal enum OffloadAttributeKind
{
    /// <summary>Neither attribute.</summary>
    None = 0,

    /// <summary><c>[Blocking]</c>: the blocking pool.</summary>
    Blocking = 1,

    /// <summary><c>[CpuBound]</c>: the CPU pool.</summary>
    CpuBound = 2,

    /// <summary>Both attributes (<see cref="OffloadTargetIssue.BothAttributes"/>).</summary>
    Both = Blocking | CpuBound,
}
