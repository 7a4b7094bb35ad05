using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers;

/// <summary>Every Blitz diagnostic descriptor, with its title, message, severity and help link.</summary>
internal static class Descriptors
{
    /// <summary>Help links point at the rule's page in the repository.</summary>
    internal const string HelpLinkBase = "https://github.com/blitz-dotnet/blitz/blob/main/docs/rules/";

    private const string UsageCategory = "Blitz.Usage";
    private const string BucketCategory = "Blitz.Buckets";

    internal static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Usage(string id, string title, string message) =>
        new(id, title, message, UsageCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The Blitz generator emits no wrapper for this method; " + title + ".", helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Bucket(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, BucketCategory, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));

    // Usage rules: why a [Blocking]/[CpuBound] target gets no generated wrapper. They are errors: the wrapper the
    // user expects does not exist, so the build would fail a few lines later with a less helpful message.
    internal static readonly DiagnosticDescriptor TypeNotPartial = Usage(DiagnosticIds.TypeNotPartial,
        "The type containing an offload target must be partial",
        "'{0}' gets no generated wrapper: its containing type '{1}' is not partial; add 'partial' to '{1}'");

    internal static readonly DiagnosticDescriptor ByRefParameter = Usage(DiagnosticIds.ByRefParameter,
        "An offload target cannot have ref, out, in or ref readonly parameters",
        "'{0}' gets no generated wrapper: parameter '{1}' is passed by reference, and a reference cannot cross to a pool thread; pass it by value");

    internal static readonly DiagnosticDescriptor RefStructSignature = Usage(DiagnosticIds.RefStructSignature,
        "An offload target cannot take or return a ref struct",
        "'{0}' gets no generated wrapper: '{1}' is a ref struct, which cannot cross to a pool thread; use an array or Memory<T>");

    internal static readonly DiagnosticDescriptor PointerSignature = Usage(DiagnosticIds.PointerSignature,
        "An offload target cannot take or return a pointer",
        "'{0}' gets no generated wrapper: '{1}' is a pointer, which is not safe to use on a pool thread after the caller moves on");

    internal static readonly DiagnosticDescriptor RefReturn = Usage(DiagnosticIds.RefReturn,
        "An offload target cannot return by reference",
        "'{0}' gets no generated wrapper: it returns by reference; return the value");

    internal static readonly DiagnosticDescriptor AsyncTarget = Usage(DiagnosticIds.AsyncTarget,
        "An async method is not an offload target (bucket 1)",
        "'{0}' gets no generated wrapper: it is async or returns a task, and async I/O (bucket 1) is awaited, not offloaded; remove [{1}]");

    internal static readonly DiagnosticDescriptor BothAttributes = Usage(DiagnosticIds.BothAttributes,
        "A method cannot be both [Blocking] and [CpuBound]",
        "'{0}' gets no generated wrapper: it has both [Blocking] and [CpuBound]; keep [Blocking] for blocking work (bucket 3) or [CpuBound] for CPU work (bucket 5)");

    internal static readonly DiagnosticDescriptor WrapperNameCollision = Usage(DiagnosticIds.WrapperNameCollision,
        "The generated wrapper's name collides with an existing member",
        "'{0}' gets no generated wrapper: its name '{1}' collides with an existing member; set MethodName to another name");

    internal static readonly DiagnosticDescriptor StructInstanceMethod = Usage(DiagnosticIds.StructInstanceMethod,
        "An offload target cannot be an instance method of a struct",
        "'{0}' gets no generated wrapper: it is an instance method of struct '{1}', so the work would run on a copy; make it static or move it to a class");

    internal static readonly DiagnosticDescriptor LocalFunctionOrLambda = Usage(DiagnosticIds.LocalFunctionOrLambda,
        "[Blocking] and [CpuBound] do not apply to local functions or lambdas",
        "[{0}] on a {1} has no effect: the generator only wraps methods of a type; move the work to a method");

    internal static readonly DiagnosticDescriptor AbstractOrExtern = Usage(DiagnosticIds.AbstractOrExtern,
        "An offload target cannot be abstract or extern",
        "'{0}' gets no generated wrapper: it is {1} and has no body to offload; put the attribute on an implementation");

    internal static readonly DiagnosticDescriptor UnsupportedContainingType = Usage(DiagnosticIds.UnsupportedContainingType,
        "An offload target must be declared in a class, struct or record",
        "'{0}' gets no generated wrapper: it is declared in '{1}', where the generator cannot add a member (an interface, a file-local type or an extension block); move it to a partial class, struct or record");

    internal static readonly DiagnosticDescriptor UnsupportedMethodKind = Usage(DiagnosticIds.UnsupportedMethodKind,
        "An offload target must be an ordinary method",
        "'{0}' gets no generated wrapper: only ordinary methods are wrapped, not accessors, operators, explicit interface implementations, partial or __arglist methods; move the work to an ordinary method");

    internal static readonly DiagnosticDescriptor InvalidWrapperName = Usage(DiagnosticIds.InvalidWrapperName,
        "MethodName must be a valid C# identifier",
        "'{0}' gets no generated wrapper: MethodName \"{1}\" is not a valid C# identifier");

    internal static readonly DiagnosticDescriptor ThreadSleep = Bucket(DiagnosticIds.ThreadSleep,
        "Thread.Sleep blocks a ThreadPool thread in async code",
        "Thread.Sleep in async code blocks a ThreadPool thread (bucket 1: waiting is async); use 'await Task.Delay'",
        DiagnosticSeverity.Warning,
        "Sleeping in an async method holds a ThreadPool thread that should run continuations. Task.Delay waits without a thread.");

    internal static readonly DiagnosticDescriptor SyncIo = Bucket(DiagnosticIds.SyncIo,
        "Synchronous I/O in async code",
        "'{0}' is synchronous I/O {1} (bucket 1: async I/O is awaited); {2}",
        DiagnosticSeverity.Warning,
        "A synchronous I/O call in an async method blocks a ThreadPool thread while the device works. Its async counterpart releases the thread.");

    internal static readonly DiagnosticDescriptor BlockingWait = Bucket(DiagnosticIds.BlockingWait,
        "Blocking wait in async code",
        "'{0}' blocks a ThreadPool thread until the wait ends (sync over async; bucket 1: waiting is async); {1}",
        DiagnosticSeverity.Warning,
        "Blocking on a task or a synchronization primitive in async code holds a ThreadPool thread and can deadlock or starve the pool.");

    internal static readonly DiagnosticDescriptor HeavyCpu = Bucket(DiagnosticIds.HeavyCpu,
        "Heavy CPU work in async code",
        "{0} is heavy work in async code (bucket 3); move it to a [Blocking] or [CpuBound] method and await the wrapper",
        DiagnosticSeverity.Info,
        "Heavy CPU work inline in an async method holds a ThreadPool thread for its whole duration; continuations queue behind it.");

    internal static readonly DiagnosticDescriptor DirectOffloadTargetCall = Bucket(DiagnosticIds.DirectOffloadTargetCall,
        "A [Blocking]/[CpuBound] method is called directly in async code",
        "'{0}' is [{1}] but is called directly in async code, so it runs on the ThreadPool (bucket {2}); use 'await {3}'",
        DiagnosticSeverity.Warning,
        "The generated wrapper runs the method on Blitz's pool; calling the method itself runs it inline on the ThreadPool.");

    internal static readonly DiagnosticDescriptor ForeverLoopOnPool = Bucket(DiagnosticIds.ForeverLoopOnPool,
        "A forever loop is sent to a pool",
        "{0} runs a loop that runs for the life of the app and holds a pool thread all that time (bucket 4); use 'BlitzRuntime.SpawnDedicated'",
        DiagnosticSeverity.Warning,
        "A long-lived blocking loop permanently removes a thread from a shared pool; it belongs on a dedicated thread.");

    internal static readonly DiagnosticDescriptor SpawnStorm = Bucket(DiagnosticIds.SpawnStorm,
        "One spawn per item with no bound on concurrency",
        "'{0}' starts one work item per item with no bound on concurrency (bucket 5); use ParallelMapAsync, a SemaphoreSlim or Parallel.ForEachAsync with MaxDegreeOfParallelism",
        DiagnosticSeverity.Info,
        "Starting a work item per input floods the queue and the pools; a bounded degree of parallelism keeps memory and latency in check.");

    internal static readonly DiagnosticDescriptor OffloadedAsyncIo = Bucket(DiagnosticIds.OffloadedAsyncIo,
        "Async I/O is offloaded",
        "'{0}' offloads async I/O, which is pure overhead (bucket 1); await '{1}' directly",
        DiagnosticSeverity.Warning,
        "Async I/O does not hold a thread while it waits; sending it to Task.Run only adds a thread hop and an allocation.");

    // BLZ108, second message: a pass-through start that a constructor or non-async Main cannot await, only detach.
    internal static readonly DiagnosticDescriptor DetachedAsyncIo = Bucket(DiagnosticIds.OffloadedAsyncIo,
        "Async I/O is offloaded only to be detached",
        "'{0}' sends async I/O to the ThreadPool only to leave it running, which is pure overhead (bucket 1); start it directly: '_ = {1}'",
        DiagnosticSeverity.Warning,
        "An async call returns to its caller at its first await; starting it through Task.Run only adds a thread hop and an allocation before it does so.");

    // BLZ108, third message: an async delegate (awaits around cheap work, no loop) that is started and dropped.
    internal static readonly DiagnosticDescriptor DetachedAsyncDelegate = Bucket(DiagnosticIds.OffloadedAsyncIo,
        "Async I/O is offloaded only to be detached",
        "'{0}' sends an async delegate that only awaits async I/O around cheap work to the ThreadPool, only to leave it running, which is pure overhead (bucket 1); move its body into an async method and start that directly ('_ = LoadAsync()')",
        DiagnosticSeverity.Warning,
        "An async method returns to its caller at its first await; starting its body through Task.Run only adds a thread hop and an allocation before it does so.");

    internal static readonly DiagnosticDescriptor BlockingOnThreadPool = Bucket(DiagnosticIds.BlockingOnThreadPool,
        "Blocking work sent to Task.Run still blocks the ThreadPool",
        "'{0}' sends blocking work ({1}) to the ThreadPool, the same threads that run async continuations (bucket 3); use 'BlitzRuntime.Default.SpawnBlocking' or a [Blocking] method",
        DiagnosticSeverity.Info,
        "Task.Run runs on the .NET ThreadPool; blocking work there starves continuations exactly as it would inline. Blitz's blocking pool is separate.");

    internal static readonly DiagnosticDescriptor SyncParallel = Bucket(DiagnosticIds.SyncParallel,
        "Synchronous Parallel or PLINQ in async code",
        "'{0}' blocks the calling async method until all partitions finish (bucket 5); use 'SpawnCpu', ParallelMapAsync or 'Parallel.ForEachAsync'",
        DiagnosticSeverity.Info,
        "Parallel.For/ForEach/Invoke and PLINQ block the calling thread and borrow ThreadPool threads for the partitions.");

    internal static readonly DiagnosticDescriptor BlockingHelper = Bucket(DiagnosticIds.BlockingHelper,
        "A sync helper called from async code blocks",
        "'{0}' {1}: {2} ({3}, bucket {4}); {5}",
        DiagnosticSeverity.Warning,
        "The blocking is one call away from the async method: a sync method or property getter declared in source sleeps, waits, does sync I/O, heavy CPU work or loops forever, and it runs on the ThreadPool thread of its async caller.");

    internal static readonly DiagnosticDescriptor ForeverLoopThroughCall = Bucket(DiagnosticIds.ForeverLoopThroughCall,
        "A method that loops forever is sent to a pool",
        "'{0}' runs a method that never returns on a pool thread: {1} (bucket 4); use 'BlitzRuntime.Default.SpawnDedicated'",
        DiagnosticSeverity.Warning,
        "The forever loop is in a method the delegate calls, not in the delegate itself: it still holds a pool thread for the life of the process.");

    // BLZ106, second message: a lifetime loop that runs on the ThreadPool although it is async (Task.Run(async ...),
    // StartNew(async ..., LongRunning), an async method) and blocks there, or given a LongRunning thread it gives up.
    internal static readonly DiagnosticDescriptor LifetimeLoopOnPool = Bucket(DiagnosticIds.ForeverLoopOnPool,
        "A lifetime loop blocks a pool thread",
        "{0} {1} (bucket 4); {2}",
        DiagnosticSeverity.Warning,
        "A loop that lives as long as the process and blocks on each pass ties up ThreadPool threads for its whole life, even when it also awaits; it belongs on a dedicated thread.");

    internal static readonly DiagnosticDescriptor OffloadedCheapWork = Bucket(DiagnosticIds.OffloadedCheapWork,
        "Cheap work is offloaded",
        "'{0}' {1}",
        DiagnosticSeverity.Warning,
        "Work that finishes in a few instructions gains nothing from another thread; Task.Run only adds a pool hop, an allocation and a context switch.");
}
