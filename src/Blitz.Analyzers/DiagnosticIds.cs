namespace Blitz.Analyzers;

/// <summary>Every Blitz diagnostic id, in one place. BLZ0xx: usage rules of the attributes; BLZ1xx: the five buckets.</summary>
public static class DiagnosticIds
{
    /// <summary>The containing type (or an enclosing type) of an offload target is not partial.</summary>
    public const string TypeNotPartial = "BLZ001";
    /// <summary>An offload target has a <c>ref</c>, <c>out</c>, <c>in</c> or <c>ref readonly</c> parameter.</summary>
    public const string ByRefParameter = "BLZ002";
    /// <summary>An offload target takes or returns a <c>ref struct</c>.</summary>
    public const string RefStructSignature = "BLZ003";
    /// <summary>An offload target takes or returns a pointer.</summary>
    public const string PointerSignature = "BLZ004";
    /// <summary>An offload target returns by reference.</summary>
    public const string RefReturn = "BLZ005";
    /// <summary>An offload target is async or returns a task (bucket 1).</summary>
    public const string AsyncTarget = "BLZ006";
    /// <summary>A method has both <c>[Blocking]</c> and <c>[CpuBound]</c>.</summary>
    public const string BothAttributes = "BLZ007";
    /// <summary>The generated wrapper's name collides with an existing member.</summary>
    public const string WrapperNameCollision = "BLZ008";
    /// <summary>An offload target is an instance method of a struct.</summary>
    public const string StructInstanceMethod = "BLZ009";
    /// <summary>The attribute is on a local function or a lambda.</summary>
    public const string LocalFunctionOrLambda = "BLZ010";
    /// <summary>An offload target is abstract or extern.</summary>
    public const string AbstractOrExtern = "BLZ011";

    /// <summary>BLZ012: the method is not in a class, struct or record.</summary>
    public const string UnsupportedContainingType = "BLZ012";

    /// <summary>BLZ013: not an ordinary method (accessor, operator, explicit interface implementation, partial or __arglist method).</summary>
    public const string UnsupportedMethodKind = "BLZ013";

    /// <summary>BLZ014: MethodName is not a valid C# identifier.</summary>
    public const string InvalidWrapperName = "BLZ014";

    /// <summary><c>Thread.Sleep</c> in async context.</summary>
    public const string ThreadSleep = "BLZ101";
    /// <summary>Synchronous I/O with an async counterpart in async context.</summary>
    public const string SyncIo = "BLZ102";
    /// <summary>Sync-over-async or a blocking wait in async context.</summary>
    public const string BlockingWait = "BLZ103";
    /// <summary>Heavy CPU work in async context (bucket 3).</summary>
    public const string HeavyCpu = "BLZ104";
    /// <summary>A direct call to a <c>[Blocking]</c>/<c>[CpuBound]</c> method in async context.</summary>
    public const string DirectOffloadTargetCall = "BLZ105";
    /// <summary>A forever loop sent to a pool (bucket 4).</summary>
    public const string ForeverLoopOnPool = "BLZ106";
    /// <summary>One spawn per item with no bound on concurrency.</summary>
    public const string SpawnStorm = "BLZ107";
    /// <summary>Async I/O offloaded with <c>Task.Run</c> (bucket 1).</summary>
    public const string OffloadedAsyncIo = "BLZ108";
    /// <summary>Blocking work sent to <c>Task.Run</c>: it still runs on the ThreadPool.</summary>
    public const string BlockingOnThreadPool = "BLZ109";
    /// <summary>Synchronous <c>Parallel.*</c> or PLINQ in async context.</summary>
    public const string SyncParallel = "BLZ110";
    /// <summary>An async context calls a source method, or reads a property, whose body blocks (looked through the call).</summary>
    public const string BlockingHelper = "BLZ111";
    /// <summary>A pool starter runs a method that, one call or more deep, loops forever (bucket 4).</summary>
    public const string ForeverLoopThroughCall = "BLZ112";

    /// <summary>Cheap, bounded work offloaded with <c>Task.Run</c> (bucket 2).</summary>
    public const string OffloadedCheapWork = "BLZ113";
}
