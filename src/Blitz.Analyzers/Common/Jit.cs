using System.Runtime.CompilerServices;

namespace Blitz.Analyzers.Common;

/// <summary>
/// JIT hints for the callbacks that run on every operation. A build loads the analyzer into a fresh compiler process,
/// and tiered compilation keeps the analyzer's IL at tier 0 (unoptimized) while the compiler is busy JIT-compiling
/// other code, which in a build is most of the time: measured in process, nearly every CPU sample in the Blitz rules
/// of a cold pass was in tier-0 code. Roslyn's own code is precompiled (ReadyToRun); an analyzer package cannot be,
/// since it runs on every platform. These methods are compiled optimized on first call instead.
/// </summary>
internal static class Jit
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name; older runtimes ignore it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
