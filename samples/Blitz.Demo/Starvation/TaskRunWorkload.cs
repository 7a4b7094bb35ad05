namespace Blitz.Demo;

/// <summary>
/// The usual advice, <c>await Task.Run(...)</c>: the call moves to another ThreadPool thread, so the pool that runs
/// async continuations is still the one that blocks.
/// </summary>
internal sealed class TaskRunWorkload : RequestWorkload
{
    public override Mode Mode => Mode.TaskRun;

    public override int ThreadLimit => ThreadPoolLimit;

    public override ValueTask<int> CallLibraryAsync(int requestId, int blockMs) =>
        new(Task.Run(() => SyncLibrary.Call(requestId, blockMs)));
}
