using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>Which overloads of a blocking-wait table entry wait (decided per overload, from its parameters alone).</summary>
internal enum WaitOverloads
{
    /// <summary>Every overload waits until something happens (a zero timeout argument still makes the call a poll).</summary>
    All,
    /// <summary>
    /// Only the overloads that take a timeout or a <c>CancellationToken</c>: the others return at once
    /// (<c>BlockingCollection.TryTake(out item)</c> is a poll).
    /// </summary>
    WithTimeoutOrToken,
    /// <summary>
    /// Only the overloads that take a <c>CancellationToken</c>: <c>BlockingCollection.Add(item)</c> waits only on a bounded
    /// collection that is full, and an unbounded one (the common case) never waits; passing a token says the caller
    /// expects it to wait.
    /// </summary>
    WithToken,
}

/// <summary>
/// BLZ103's table: every member that blocks its thread until another thread (or the user) does something.
/// <para>
/// How it was derived: a throwaway Roslyn program walked every public type of the net10.0 reference assemblies
/// (Microsoft.NETCore.App.Ref 10.0) in System.Threading*, System.Collections*, System.Diagnostics, System.IO,
/// System.Runtime.CompilerServices and System, and listed every member that takes a timeout parameter
/// (<c>millisecondsTimeout</c>/<c>timeout</c>) or is named Wait*, Join, SignalAndWait, SpinUntil, SpinWait, Take*,
/// Receive*, GetResult, Result, Enter*, Acquire*, ReadLine or ReadKey, or names holding Blocking, Synchronously or End*.
/// Each type of that list is decided below, in or out, with the reason. The net10.0 list, left out:
/// </para>
/// <list type="bullet">
/// <item>Lock acquisition (<c>lock</c>, Monitor.Enter/TryEnter, Lock.Enter/TryEnter/EnterScope, SpinLock.Enter/TryEnter,
/// ReaderWriterLockSlim.Enter*/TryEnter*, ReaderWriterLock.Acquire*/UpgradeToWriterLock): guards a short critical section,
/// it does not wait for work to happen; a lock cannot be held across an await anyway.</item>
/// <item>Thread.SpinWait(iterations), SpinWait.SpinOnce: a micro-pause of a given length, not a wait for an event.</item>
/// <item>Thread.Sleep: BLZ101. Process.WaitForExit: BLZ102 (it has an async twin, WaitForExitAsync).
/// NamedPipeServerStream.WaitForConnection, NamedPipeClientStream.Connect, PipeStream.WaitForPipeDrain, Socket.Poll/Select:
/// sync I/O, BLZ102's families.</item>
/// <item>YieldAwaiter.GetResult (does nothing), IValueTaskSource.GetResult and ManualResetValueTaskSourceCore.GetResult
/// (the implementer's side: they throw when not complete, never wait).</item>
/// <item>ConcurrentBag.TryTake, IProducerConsumerCollection.TryTake, BlockingCollection.TryTake/TryTakeFromAny/TryAdd/
/// TryAddToAny without a timeout or token: polls.</item>
/// <item>Task.RunSynchronously (runs the task's own delegate inline: a call, not a wait); the APM End* methods (called
/// from the completion callback, when the operation is over; a direct Begin/End pair is sync I/O, BLZ102's).</item>
/// <item>ThreadPool.RegisterWaitForSingleObject (the callback way to wait: no thread waits), SynchronizationContext.Wait
/// (called by the runtime), every *Async member, the WaitHandle properties (a property is not a wait; its WaitOne is).</item>
/// </list>
/// </summary>
internal static class KnownWaits
{
    private const string AsyncSignal = "use an async primitive (SemaphoreSlim.WaitAsync, TaskCompletionSource)";
    private const string Channel = "use a Channel<T> and await its reader/writer (or run the consumer on a dedicated thread: SpawnDedicated)";
    private const string BlockingPool = "run it on the blocking pool ([Blocking] / SpawnBlocking)";

    /// <summary>The blocking waits, which overloads wait, and the remedy named in the message.</summary>
    public static readonly (string Type, string Member, WaitOverloads Overloads, string Remedy)[] BlockingWaits =
    {
        // Sync over async: waiting for a task. The task's own completion is the async signal.
        ("System.Threading.Tasks.Task", "Wait", WaitOverloads.All, "await the task (or 'WaitAsync' for a timeout)"),
        ("System.Threading.Tasks.Task", "WaitAll", WaitOverloads.All, "use 'await Task.WhenAll'"),
        ("System.Threading.Tasks.Task", "WaitAny", WaitOverloads.All, "use 'await Task.WhenAny'"),
        ("System.Threading.Tasks.Task`1", "Result", WaitOverloads.All, "await the task"),
        ("System.Threading.Tasks.ValueTask`1", "Result", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.TaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.TaskAwaiter`1", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter`1", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task"),
        ("System.Threading.Tasks.Dataflow.DataflowBlock", "Receive", WaitOverloads.All, "use 'await ReceiveAsync'"),
        ("System.Threading.Tasks.TaskAsyncEnumerableExtensions", "ToBlockingEnumerable", WaitOverloads.All, "use 'await foreach'"),

        // Synchronization primitives. WaitHandle covers Mutex, Semaphore, EventWaitHandle, Manual/AutoResetEvent by inheritance.
        ("System.Threading.SemaphoreSlim", "Wait", WaitOverloads.All, "use 'await WaitAsync'"),
        ("System.Threading.WaitHandle", "WaitOne", WaitOverloads.All, AsyncSignal),
        ("System.Threading.WaitHandle", "WaitAll", WaitOverloads.All, AsyncSignal),
        ("System.Threading.WaitHandle", "WaitAny", WaitOverloads.All, AsyncSignal),
        ("System.Threading.WaitHandle", "SignalAndWait", WaitOverloads.All, AsyncSignal),
        ("System.Threading.ManualResetEventSlim", "Wait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, SemaphoreSlim.WaitAsync)"),
        ("System.Threading.CountdownEvent", "Wait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, Task.WhenAll)"),
        ("System.Threading.Barrier", "SignalAndWait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, Task.WhenAll)"),
        ("System.Threading.Monitor", "Wait", WaitOverloads.All, AsyncSignal),
        ("System.Threading.SpinWait", "SpinUntil", WaitOverloads.All, "await a signal (TaskCompletionSource) or 'await Task.Delay' between checks"),
        ("System.Threading.Thread", "Join", WaitOverloads.All, "await a task that completes when the work ends"),

        // Producer/consumer collections: Take waits for an item, Add for room in a bounded collection.
        ("System.Collections.Concurrent.BlockingCollection`1", "Take", WaitOverloads.All, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "TakeFromAny", WaitOverloads.All, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTake", WaitOverloads.WithTimeoutOrToken, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTakeFromAny", WaitOverloads.WithTimeoutOrToken, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "GetConsumingEnumerable", WaitOverloads.All, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "Add", WaitOverloads.WithToken, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "AddToAny", WaitOverloads.WithToken, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryAdd", WaitOverloads.WithTimeoutOrToken, Channel),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryAddToAny", WaitOverloads.WithTimeoutOrToken, Channel),

        // Waiting for the user or another process, with no async counterpart.
        ("System.Console", "ReadLine", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)"),
        ("System.Console", "ReadKey", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)"),
        ("System.Console", "Read", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)"),
        ("System.Diagnostics.Process", "WaitForInputIdle", WaitOverloads.All, BlockingPool),
        ("System.IO.FileSystemWatcher", "WaitForChanged", WaitOverloads.All, "handle the watcher's Changed/Created/Deleted/Renamed events"),
        ("System.GC", "WaitForPendingFinalizers", WaitOverloads.All, BlockingPool),
        ("System.GC", "WaitForFullGCApproach", WaitOverloads.All, "wait for GC notifications on a dedicated thread (SpawnDedicated)"),
        ("System.GC", "WaitForFullGCComplete", WaitOverloads.All, "wait for GC notifications on a dedicated thread (SpawnDedicated)"),
    };

    /// <summary>Whether <paramref name="overload"/> of a table entry waits, by <paramref name="overloads"/>.</summary>
    public static bool Waits(ISymbol overload, WaitOverloads overloads)
    {
        if (overloads == WaitOverloads.All || overload is not IMethodSymbol method)
        {
            return true;
        }

        foreach (var parameter in method.Parameters)
        {
            if (IsCancellationToken(parameter.Type) || (overloads == WaitOverloads.WithTimeoutOrToken && IsTimeout(parameter)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A timeout parameter: a <c>TimeSpan</c>, or an integer named like one (<c>millisecondsTimeout</c>, <c>timeout</c>,
    /// <c>milliseconds</c> of Process.WaitForInputIdle). By name, so that a zero item (<c>BlockingCollection&lt;int&gt;.Add(0, token)</c>) is no timeout.
    /// </summary>
    public static bool IsTimeout(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { Name: "TimeSpan", ContainingNamespace.Name: "System" }
        || (parameter.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
            && (parameter.Name.IndexOf("imeout", System.StringComparison.Ordinal) >= 0 || parameter.Name.StartsWith("milliseconds", System.StringComparison.Ordinal)));

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } };
}
