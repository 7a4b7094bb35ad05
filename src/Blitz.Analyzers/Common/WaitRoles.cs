using System;

namespace Blitz.Analyzers.Common;

/// <summary>What a blocking wait of <see cref="KnownWaits"/> matters to.</summary>
[Flags]
internal enum WaitRoles
{
    /// <summary>BLZ103 reports it in async context (sync over async, a blocking wait), with the entry's remedy.</summary>
    BlockingWait = 1,

    /// <summary>
    /// BLZ106: it waits for input or a signal from outside and has no async counterpart, so a loop that blocks on it on
    /// each pass is a lifetime loop (bucket 4), which belongs on a thread of its own.
    /// </summary>
    PacesLifetimeLoop = 2,
}
