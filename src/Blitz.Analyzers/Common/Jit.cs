using System.Runtime.CompilerServices;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The JIT hint for the code the driver reaches on every operation or method: the hosts' fan-outs, the rules' entry
/// points and the gates and summaries they call. A build loads the analyzer into a fresh compiler process, and tiered
/// compilation keeps the analyzer's IL at tier 0 (unoptimized) for the whole build while the compiler keeps
/// JIT-compiling other code: a CPU profile of the synthetic build (benchmarks/ANALYZERS.md, stop 18) found 2,338 of
/// 2,807 Blitz frames in tier-0 code with the hint on the two fan-outs only. An analyzer package cannot be precompiled
/// (ReadyToRun), since it runs on every platform. Not used on code that runs once per compilation (optimizing it costs
/// more JIT time than it saves) nor on methods that read thread-static fields (see <see cref="BlockingSummaries.For"/>).
/// </summary>
internal static class Jit
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name; older runtimes ignore it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
