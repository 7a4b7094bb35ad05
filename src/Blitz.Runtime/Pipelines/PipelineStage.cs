namespace Blitz;

/// <summary>
/// The life of one stage of a running pipeline: start its workers, let them drain the input queue until it is
/// completed and empty, then complete the stage's output so the next stage drains in turn.
/// </summary>
internal abstract class PipelineStage
{
    private readonly StageWorker[] _workers;
    private long _deadLetters;
    private long _retries;
    private long _dropped;

    protected PipelineStage(PipelineRun run, string name, StageKind kind, int workers)
    {
        Run = run;
        Name = name;
        Kind = kind;
        _workers = new StageWorker[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new StageWorker(i);
        }
    }

    public string Name { get; }

    public StageKind Kind { get; }

    public IReadOnlyList<StageWorker> Workers => _workers;

    protected PipelineRun Run { get; }

    /// <summary>Items waiting in the stage's input queue.</summary>
    public abstract int QueueDepth { get; }

    /// <summary>Runs every worker until the input is drained, then completes the stage's output. Never throws.</summary>
    public async Task RunAsync()
    {
        var workers = new Task[_workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            StageWorker worker = _workers[i];

            // Each worker starts on the ThreadPool, not inline on the thread that builds the pipeline.
            workers[i] = Task.Run(() => RunWorkerGuardedAsync(worker));
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        CompleteOutput();
    }

    /// <summary>Called once when the pipeline starts stopping (canceled or failed), after every queue was completed.</summary>
    public virtual void OnStopping()
    {
    }

    protected abstract Task RunWorkerAsync(StageWorker worker);

    protected abstract void CompleteOutput();

    protected void CountDropped(long items = 1) => Interlocked.Add(ref _dropped, items);

    protected void CountRetry() => Interlocked.Increment(ref _retries);

    /// <summary>Applies the stage's error policy to an item whose work still threw after its retries.</summary>
    protected void GiveUp(StageWorker worker, StageErrorPolicy policy, object? item, Exception error, int attempts)
    {
        worker.CountFailure();
        if (policy == StageErrorPolicy.DeadLetter)
        {
            Interlocked.Increment(ref _deadLetters);
            Run.SendToDeadLetters(new DeadLetter(Name, item, error, attempts));
        }
        else
        {
            Run.Stop(error);
        }
    }

    public StageMetrics GetMetrics()
    {
        var workers = new WorkerMetrics[_workers.Length];
        long itemsIn = 0, itemsOut = 0, failures = 0;
        TimeSpan busy = TimeSpan.Zero;
        for (int i = 0; i < workers.Length; i++)
        {
            WorkerMetrics worker = _workers[i].GetMetrics();
            workers[i] = worker;
            itemsIn += worker.ItemsIn;
            itemsOut += worker.ItemsOut;
            failures += worker.Failures;
            busy += worker.BusyTime;
        }

        return new StageMetrics(
            Name, Kind, itemsIn, itemsOut, failures, Volatile.Read(ref _deadLetters), Volatile.Read(ref _retries),
            Volatile.Read(ref _dropped), QueueDepth, busy, workers);
    }

    private async Task RunWorkerGuardedAsync(StageWorker worker)
    {
        try
        {
            await RunWorkerAsync(worker).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // User exceptions are handled per item; anything here is a fault of the stage itself. Stop the pipeline
            // rather than leave its other stages waiting for this one.
            Run.Stop(exception);
        }
    }
}
