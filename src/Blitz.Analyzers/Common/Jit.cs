using System.Runtime.CompilerServices;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The JIT hint for the hosts' per-operation fan-outs (<see cref="CallFanout"/>, <see cref="OperationFanout"/>), the
/// entry the driver calls once per operation. A build loads the analyzer into a fresh compiler process, and tiered
/// compilation keeps the analyzer's IL at tier 0 (unoptimized) while the compiler is busy JIT-compiling other code:
/// measured in process, nearly every CPU sample in the Blitz rules of a cold pass was in tier-0 code. An analyzer
/// package cannot be precompiled (ReadyToRun), since it runs on every platform. Used nowhere else unless a
/// measurement shows another method matters.
/// </summary>
internal static class Jit
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name; older runtimes ignore it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
