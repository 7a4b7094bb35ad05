using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
/// The blocking waits: every member that blocks its thread until another thread (or the user) does something, each
/// marked with the rules it matters to (<see cref="WaitRoles"/>): BLZ103 reports it in async code, BLZ106 takes a loop
/// around it for a lifetime loop.
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
/// sync I/O, BLZ102's families (Socket.Poll/Select are in the table for BLZ106 only).</item>
/// <item>YieldAwaiter.GetResult (does nothing), IValueTaskSource.GetResult and ManualResetValueTaskSourceCore.GetResult
/// (the implementer's side: they throw when not complete, never wait).</item>
/// <item>ConcurrentBag.TryTake, IProducerConsumerCollection.TryTake, BlockingCollection.TryTake/TryTakeFromAny/TryAdd/
/// TryAddToAny without a timeout or token: polls.</item>
/// <item>Task.RunSynchronously (runs the task's own delegate inline: a call, not a wait); the APM End* methods (called
/// from the completion callback, when the operation is over; a direct Begin/End pair is sync I/O, BLZ102's).</item>
/// <item>ThreadPool.RegisterWaitForSingleObject (the callback way to wait: no thread waits), SynchronizationContext.Wait
/// (called by the runtime), every *Async member, the WaitHandle properties (a property is not a wait; its WaitOne is).</item>
/// </list>
/// <para>
/// The lifetime-loop marks (<see cref="WaitRoles.PacesLifetimeLoop"/>) come from a second walk of the net10.0 framework:
/// every public method of System.Private.CoreLib, System.Collections.Concurrent, System.Console, System.Threading,
/// System.IO.FileSystem.Watcher, System.Net.Sockets, System.IO.Pipes, System.Diagnostics.Process and
/// System.Threading.Channels with a timeout parameter not returning a task, each checked for an <c>XAsync</c> sibling;
/// plus the console's <c>Read*</c> and BlockingCollection's consuming reads, which take no timeout. Marked: the waits for
/// input or a signal with no async sibling, so a loop around them belongs on a thread of its own. Not marked: waits
/// with one (SemaphoreSlim.Wait, Task.Wait, Process.WaitForExit, NamedPipeClientStream.Connect: BLZ102/BLZ103 give the
/// bucket-1 fix), lock acquisitions, Thread.Sleep (a timer loop: BLZ101, Task.Delay), Task.WaitAll/WaitAny and
/// Thread.Join (waits on work, not input), the producer side (Add, TryAdd, TryAddToAny), SynchronizationContext.Wait
/// (an override point), Process.WaitForInputIdle, Socket.Close and the RegisterWaitForSingleObject family (they do not
/// wait).
/// </para>
/// </summary>
internal static class KnownWaits
{
    private const string AsyncSignal = "use an async primitive (SemaphoreSlim.WaitAsync, TaskCompletionSource)";
    private const string Channel = "use a Channel<T> and await its reader/writer (or run the consumer on a dedicated thread: SpawnDedicated)";
    private const string BlockingPool = "run it on the blocking pool ([Blocking] / SpawnBlocking)";
    private const string Dedicated = "run the receive loop on a dedicated thread (SpawnDedicated), or one receive on the blocking pool (SpawnBlocking)";
    private const string SerialPort = "read the port's BaseStream with ReadAsync, or run the reads on a dedicated thread (SpawnDedicated)";

    private const WaitRoles Blocking = WaitRoles.BlockingWait;
    private const WaitRoles BlockingAndLifetime = WaitRoles.BlockingWait | WaitRoles.PacesLifetimeLoop;

    /// <summary>The blocking waits, which overloads wait, the remedy named in BLZ103's message, and the rules they matter to.</summary>
    public static readonly (string Type, string Member, WaitOverloads Overloads, string Remedy, WaitRoles Roles)[] Entries =
    {
        // Sync over async: waiting for a task. The task's own completion is the async signal.
        ("System.Threading.Tasks.Task", "Wait", WaitOverloads.All, "await the task (or 'WaitAsync' for a timeout)", Blocking),
        ("System.Threading.Tasks.Task", "WaitAll", WaitOverloads.All, "use 'await Task.WhenAll'", Blocking),
        ("System.Threading.Tasks.Task", "WaitAny", WaitOverloads.All, "use 'await Task.WhenAny'", Blocking),
        ("System.Threading.Tasks.Task`1", "Result", WaitOverloads.All, "await the task", Blocking),
        ("System.Threading.Tasks.ValueTask`1", "Result", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.TaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.TaskAwaiter`1", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ValueTaskAwaiter`1", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", "GetResult", WaitOverloads.All, "await the task", Blocking),
        ("System.Threading.Tasks.Dataflow.DataflowBlock", "Receive", WaitOverloads.All, "use 'await ReceiveAsync'", Blocking),
        ("System.Threading.Tasks.TaskAsyncEnumerableExtensions", "ToBlockingEnumerable", WaitOverloads.All, "use 'await foreach'", Blocking),
        // Libraries whose purpose is running async code synchronously (a private message loop the caller blocks in):
        // in async code they are sync over async, and the awaited delegate's own task is the remedy.
        ("Nito.AsyncEx.AsyncContext", "Run", WaitOverloads.All, "await the delegate's task", Blocking),
        ("Microsoft.VisualStudio.Threading.JoinableTaskFactory", "Run", WaitOverloads.All, "await the delegate's task", Blocking),
        ("Microsoft.VisualStudio.Threading.JoinableTask", "Join", WaitOverloads.All, "await the joinable task ('JoinAsync')", Blocking),

        // Synchronization primitives. WaitHandle covers Mutex, Semaphore, EventWaitHandle, Manual/AutoResetEvent by inheritance.
        ("System.Threading.SemaphoreSlim", "Wait", WaitOverloads.All, "use 'await WaitAsync'", Blocking),
        ("System.Threading.WaitHandle", "WaitOne", WaitOverloads.All, AsyncSignal, BlockingAndLifetime),
        ("System.Threading.WaitHandle", "WaitAll", WaitOverloads.All, AsyncSignal, BlockingAndLifetime),
        ("System.Threading.WaitHandle", "WaitAny", WaitOverloads.All, AsyncSignal, BlockingAndLifetime),
        ("System.Threading.WaitHandle", "SignalAndWait", WaitOverloads.All, AsyncSignal, BlockingAndLifetime),
        ("System.Threading.ManualResetEventSlim", "Wait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, SemaphoreSlim.WaitAsync)", BlockingAndLifetime),
        ("System.Threading.CountdownEvent", "Wait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, Task.WhenAll)", BlockingAndLifetime),
        ("System.Threading.Barrier", "SignalAndWait", WaitOverloads.All, "use an async primitive (TaskCompletionSource, Task.WhenAll)", BlockingAndLifetime),
        ("System.Threading.Monitor", "Wait", WaitOverloads.All, AsyncSignal, BlockingAndLifetime),
        ("System.Threading.SpinWait", "SpinUntil", WaitOverloads.All, "await a signal (TaskCompletionSource) or 'await Task.Delay' between checks", Blocking),
        ("System.Threading.Thread", "Join", WaitOverloads.All, "await a task that completes when the work ends", Blocking),

        // Producer/consumer collections: Take waits for an item, Add for room in a bounded collection.
        ("System.Collections.Concurrent.BlockingCollection`1", "Take", WaitOverloads.All, Channel, BlockingAndLifetime),
        ("System.Collections.Concurrent.BlockingCollection`1", "TakeFromAny", WaitOverloads.All, Channel, BlockingAndLifetime),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTake", WaitOverloads.WithTimeoutOrToken, Channel, BlockingAndLifetime),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTakeFromAny", WaitOverloads.WithTimeoutOrToken, Channel, BlockingAndLifetime),
        ("System.Collections.Concurrent.BlockingCollection`1", "GetConsumingEnumerable", WaitOverloads.All, Channel, BlockingAndLifetime),
        ("System.Collections.Concurrent.BlockingCollection`1", "Add", WaitOverloads.WithToken, Channel, Blocking),
        ("System.Collections.Concurrent.BlockingCollection`1", "AddToAny", WaitOverloads.WithToken, Channel, Blocking),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryAdd", WaitOverloads.WithTimeoutOrToken, Channel, Blocking),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryAddToAny", WaitOverloads.WithTimeoutOrToken, Channel, Blocking),

        // Waiting for the user or another process, with no async counterpart.
        ("System.Console", "ReadLine", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)", BlockingAndLifetime),
        ("System.Console", "ReadKey", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)", BlockingAndLifetime),
        ("System.Console", "Read", WaitOverloads.All, "read the console on a dedicated thread (SpawnDedicated) or the blocking pool (SpawnBlocking)", BlockingAndLifetime),
        ("System.Diagnostics.Process", "WaitForInputIdle", WaitOverloads.All, BlockingPool, Blocking),
        ("System.IO.FileSystemWatcher", "WaitForChanged", WaitOverloads.All, "handle the watcher's Changed/Created/Deleted/Renamed events", BlockingAndLifetime),
        ("System.GC", "WaitForPendingFinalizers", WaitOverloads.All, BlockingPool, Blocking),
        ("System.GC", "WaitForFullGCApproach", WaitOverloads.All, "wait for GC notifications on a dedicated thread (SpawnDedicated)", BlockingAndLifetime),
        ("System.GC", "WaitForFullGCComplete", WaitOverloads.All, "wait for GC notifications on a dedicated thread (SpawnDedicated)", BlockingAndLifetime),

        // Socket readiness waits: sync I/O to BLZ103 (left to BLZ102's families), but a loop around them is a lifetime loop.
        ("System.Net.Sockets.Socket", "Poll", WaitOverloads.All, "", WaitRoles.PacesLifetimeLoop),
        ("System.Net.Sockets.Socket", "Select", WaitOverloads.All, "", WaitRoles.PacesLifetimeLoop),

        // Receives of client libraries and devices that block until input arrives and have no async counterpart on
        // their type: a wait in async code (BLZ103), and a loop around one is a lifetime loop (their documentation says
        // to run it on a thread of its own).
        ("Confluent.Kafka.IConsumer`2", "Consume", WaitOverloads.All, Dedicated, BlockingAndLifetime),
        ("Confluent.Kafka.Consumer`2", "Consume", WaitOverloads.All, Dedicated, BlockingAndLifetime),
        ("System.IO.Ports.SerialPort", "ReadLine", WaitOverloads.All, SerialPort, BlockingAndLifetime),
        ("System.IO.Ports.SerialPort", "ReadTo", WaitOverloads.All, SerialPort, BlockingAndLifetime),
        ("System.IO.Ports.SerialPort", "ReadByte", WaitOverloads.All, SerialPort, BlockingAndLifetime),
        ("System.IO.Ports.SerialPort", "ReadChar", WaitOverloads.All, SerialPort, BlockingAndLifetime),
        ("System.Messaging.MessageQueue", "Receive", WaitOverloads.All, Dedicated, BlockingAndLifetime),
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
    /// <c>milliseconds</c> of Process.WaitForInputIdle, <c>microSeconds</c> of Socket.Poll/Select). By name, so that a
    /// zero item (<c>BlockingCollection&lt;int&gt;.Add(0, token)</c>) is no timeout.
    /// </summary>
    public static bool IsTimeout(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { Name: "TimeSpan", ContainingNamespace.Name: "System" }
        || (parameter.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
            && (parameter.Name.IndexOf("imeout", System.StringComparison.Ordinal) >= 0 || parameter.Name.StartsWith("milliseconds", System.StringComparison.Ordinal)
                || parameter.Name.StartsWith("microseconds", System.StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// A zero timeout among the explicit <paramref name="arguments"/> of a wait (<c>WaitOne(0)</c>,
    /// <c>TryTake(out x, TimeSpan.Zero)</c>, <c>Poll(0, mode)</c>): the call is a poll that returns at once.
    /// </summary>
    public static bool HasZeroTimeout(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter && IsTimeout(parameter) && IsZero(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsZero(IOperation value)
    {
        var bare = OperationHelpers.WithoutConversions(value);
        return OperationHelpers.IsConstantZero(value) || OperationHelpers.IsConstantZero(bare)
            || bare is IFieldReferenceOperation { Field: { Name: "Zero", ContainingType.Name: "TimeSpan" } };
    }

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } };
}
