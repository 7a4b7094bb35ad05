namespace Blitz.Demo;

/// <summary>How a request makes its blocking library call; one subclass per <see cref="Mode"/>.</summary>
internal abstract class RequestWorkload : IAsyncDisposable
{
    public abstract Mode Mode { get; }

    /// <summary>The most threads this mode may block at once: the bound used for the ideal wall time.</summary>
    public abstract int ThreadLimit { get; }

    /// <summary>The most threads of the mode's own pool (outside the ThreadPool), if it has one.</summary>
    public virtual int? PeakOwnPoolThreads => null;

    public abstract ValueTask<int> CallLibraryAsync(int requestId, int blockMs);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static RequestWorkload Create(Mode mode) => mode switch
    {
        Mode.Inline => new InlineWorkload(),
        Mode.TaskRun => new TaskRunWorkload(),
        Mode.Blitz => new BlitzWorkload(),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The ThreadPool's own limit: it may grow this far, but it injects threads slowly.</summary>
    protected static int ThreadPoolLimit
    {
        get
        {
            ThreadPool.GetMaxThreads(out int workerThreads, out _);
            return workerThreads;
        }
    }
}
