namespace Blitz.Analyzers.Common;

/// <summary>
/// The values of <see cref="DiagnosticProperties.FixKind"/>: how a code fix rewrites the code it is offered on. The
/// analyzers set them and the code fixes (their own assembly, which sees internals) read them.
/// </summary>
internal static class FixKinds
{
    /// <summary>BLZ103: await the receiving task (<c>.Result</c>, <c>.GetAwaiter().GetResult()</c>, <c>.Wait()</c>).</summary>
    public const string AwaitTask = "AwaitTask";

    /// <summary>BLZ103: await <c>Task.WhenAll</c> with the same arguments.</summary>
    public const string WhenAll = "WhenAll";

    /// <summary>
    /// BLZ103: await the call renamed to <see cref="DiagnosticProperties.Replacement"/> (SemaphoreSlim.WaitAsync,
    /// Task.WaitAsync, DataflowBlock.ReceiveAsync).
    /// </summary>
    public const string Rename = "Rename";

    /// <summary>
    /// BLZ108 and BLZ113: replace the <c>Task.Run</c> call with what its delegate does (the inner async call, or the
    /// cheap expression).
    /// </summary>
    public const string Inline = "Inline";

    /// <summary>
    /// BLZ102: replace an awaited <c>Task.Run(() => x.M(args))</c>, a fake async version of <c>M</c>, with its twin
    /// <c>x.MAsync(args)</c> (named by <see cref="DiagnosticProperties.Replacement"/>); the await stays.
    /// </summary>
    public const string TwinInsteadOfStarter = "TwinInsteadOfStarter";

    /// <summary>BLZ109: rewrite an awaited <c>Task.Run(() => expr)</c> to <c>SpawnBlocking</c>.</summary>
    public const string SpawnBlocking = "SpawnBlocking";

    /// <summary>
    /// BLZ112: replace a discarded <c>Task.Run(() => Loop(token))</c> with
    /// <c>BlitzRuntime.Default.SpawnDedicated("Loop", ...)</c> whose loop gets <c>token</c> linked to the dedicated
    /// thread's stop token.
    /// </summary>
    public const string SpawnDedicated = "SpawnDedicated";
}
