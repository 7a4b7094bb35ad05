using System;

namespace Blitz.Analyzers.Common;

/// <summary>What a compilation must reference for a rule's action to run: a rule has nothing to say without it.</summary>
[Flags]
internal enum RuleRequirements
{
    /// <summary>The action runs in every compilation.</summary>
    None = 0,

    /// <summary>The compilation knows <c>System.Threading.Tasks.Task</c>: without tasks there is no async context.</summary>
    Tasks = 1,

    /// <summary>The compilation can see Blitz's <c>[Blocking]</c>/<c>[CpuBound]</c> attributes.</summary>
    OffloadAttributes = 2,
}
