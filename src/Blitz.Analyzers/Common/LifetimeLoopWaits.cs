namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106: the waits that make a loop a lifetime loop (bucket 4) — calls that block until input or a signal arrives
/// from outside and have no async counterpart, so a loop around them belongs on a thread of its own, not on the
/// ThreadPool (an async method's or async delegate's loop runs there after its first await).
/// </summary>
/// <remarks>
/// Derived from the net10.0 framework: every public method of System.Private.CoreLib, System.Collections.Concurrent,
/// System.Console, System.Threading, System.IO.FileSystem.Watcher, System.Net.Sockets, System.IO.Pipes,
/// System.Diagnostics.Process and System.Threading.Channels with a <c>millisecondsTimeout</c>/<c>timeout</c> parameter
/// (the mark of a blocking wait) not returning a task, each checked for an <c>XAsync</c> sibling; plus the console's
/// <c>Read*</c> and BlockingCollection's consuming reads, which take no timeout. Kept: the waits for input or a signal
/// with no async sibling. Left out: waits with one (SemaphoreSlim.Wait, Task.Wait, Process.WaitForExit,
/// NamedPipeClientStream.Connect: BLZ102/BLZ103 give the bucket-1 fix), lock acquisitions (Monitor/Lock/SpinLock
/// TryEnter, ReaderWriterLock*: short critical sections), Thread.Sleep (a timer loop: BLZ101, Task.Delay),
/// Task.WaitAll/WaitAny and Thread.Join (waits on work, not input), the producer side (TryAdd, TryAddToAny),
/// SynchronizationContext.Wait (an override point), Process.WaitForInputIdle, Socket.Close and the
/// RegisterWaitForSingleObject family (they do not wait).
/// </remarks>
internal static class LifetimeLoopWaits
{
    /// <summary>Type metadata name and member name; every overload of the member counts.</summary>
    public static readonly (string Type, string Member)[] Entries =
    {
        ("System.Collections.Concurrent.BlockingCollection`1", "Take"),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTake"),
        ("System.Collections.Concurrent.BlockingCollection`1", "TakeFromAny"),
        ("System.Collections.Concurrent.BlockingCollection`1", "TryTakeFromAny"),
        ("System.Collections.Concurrent.BlockingCollection`1", "GetConsumingEnumerable"),
        ("System.Console", "Read"),
        ("System.Console", "ReadKey"),
        ("System.Console", "ReadLine"),
        ("System.Threading.WaitHandle", "WaitOne"),
        ("System.Threading.WaitHandle", "WaitAll"),
        ("System.Threading.WaitHandle", "WaitAny"),
        ("System.Threading.WaitHandle", "SignalAndWait"),
        ("System.Threading.ManualResetEventSlim", "Wait"),
        ("System.Threading.CountdownEvent", "Wait"),
        ("System.Threading.Barrier", "SignalAndWait"),
        ("System.Threading.Monitor", "Wait"),
        ("System.IO.FileSystemWatcher", "WaitForChanged"),
        ("System.Net.Sockets.Socket", "Poll"),
        ("System.Net.Sockets.Socket", "Select"),
        ("System.GC", "WaitForFullGCApproach"),
        ("System.GC", "WaitForFullGCComplete"),
    };
}
