namespace Blitz.Analyzers.Common;

/// <summary>
/// Where an offload starter (<c>Task.Run</c>, <c>SpawnBlocking</c>, <c>new Thread</c>, ...) sends its delegate. Not to be
/// confused with an offload target, a method marked <c>[Blocking]</c> or <c>[CpuBound]</c>.
/// </summary>
internal enum OffloadDestination
{
    /// <summary>The .NET ThreadPool (Task.Run, StartNew, QueueUserWorkItem): the threads that run async continuations.</summary>
    ThreadPool,
    /// <summary>Blitz's blocking pool (bucket 3).</summary>
    BlockingPool,
    /// <summary>Blitz's CPU pool (bucket 5).</summary>
    CpuPool,
    /// <summary>A thread of its own (bucket 4).</summary>
    Dedicated,
    /// <summary>
    /// A <c>TaskScheduler</c> the code chose (a UI, dedicated-thread or limited-concurrency scheduler), or one it
    /// leaves unknown: not the ThreadPool as far as the rules can tell (see <see cref="TaskSchedulers"/>).
    /// </summary>
    CustomScheduler,
}
