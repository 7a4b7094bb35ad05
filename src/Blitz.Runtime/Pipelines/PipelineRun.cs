using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// The shared state of one running pipeline: its stages and queues, the stop token, the first failure, the
/// dead-letter channel, and the task that completes when every stage has drained.
/// </summary>
/// <remarks>
/// Stopping (cancellation or a failure) cancels the stop token, which running work and the source see, and
/// completes every stage queue, which wakes every waiting producer and consumer: producers then fail to write and
/// drop their item, consumers drain what is queued and drop it. Both are counted, so the books still balance.
/// </remarks>
internal sealed class PipelineRun
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PipelineStage> _stages = [];
    private readonly List<Action> _queueClosers = [];
    private readonly Channel<DeadLetter> _deadLetters = StageChannel.CreateUnbounded<DeadLetter>();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private object? _output;
    private SourcePump? _source;
    private volatile bool _stopping;
    private bool _finished;
    private Exception? _failure;
    private CancellationTokenRegistration _externalCancellation;

    public PipelineRun(BlitzRuntime runtime, string name)
    {
        Runtime = runtime;
        Name = name;
    }

    public BlitzRuntime Runtime { get; }

    public string Name { get; }

    public CancellationToken StopToken => _stop.Token;

    public bool IsStopping => _stopping;

    public Task Completion => _completion.Task;

    public ChannelReader<DeadLetter> DeadLetters => _deadLetters.Reader;

    public IReadOnlyList<PipelineStage> Stages => _stages;

    // ---- assembly, while the builder connects the stages ----

    /// <summary>Creates a stage queue that a stop completes.</summary>
    public Channel<T> CreateQueue<T>(int capacity)
    {
        Channel<T> queue = StageChannel.CreateBounded<T>(capacity);
        _queueClosers.Add(() => CompleteQueue(queue.Writer));
        return queue;
    }

    /// <summary>Marks the queue that is the pipeline's output: it completes with the pipeline's failure, if any.</summary>
    public void SetOutput<T>(ChannelWriter<T> output) => _output = output;

    public void SetSource(SourcePump source) => _source = source;

    public void AddStage(PipelineStage stage) => _stages.Add(stage);

    // ---- running ----

    public void Start(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _externalCancellation = cancellationToken.UnsafeRegister(static state => ((PipelineRun)state!).Stop(failure: null), this);
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        var tasks = new Task[_stages.Count + 1];
        for (int i = 0; i < _stages.Count; i++)
        {
            tasks[i] = _stages[i].RunAsync();
        }

        tasks[^1] = _source!.StoppedAsync(_source.RunAsync());
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Stages and the pump handle their own exceptions; should one escape, the pipeline still completes.
            Stop(exception);
        }

        bool stopped;
        Exception? failure;
        lock (_lock)
        {
            _finished = true;
            stopped = _stopping;
            failure = _failure;
        }

        await _externalCancellation.DisposeAsync().ConfigureAwait(false);
        _deadLetters.Writer.TryComplete();
        if (failure is not null)
        {
            _completion.TrySetException(failure);
        }
        else if (stopped)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>Completes a stage queue: with the pipeline's failure (or cancellation) if it is the output and the pipeline stopped.</summary>
    public void CompleteQueue<T>(ChannelWriter<T> queue)
    {
        Exception? error = null;
        if (ReferenceEquals(queue, _output) && _stopping)
        {
            error = Volatile.Read(ref _failure) ?? new OperationCanceledException("The pipeline was canceled.");
        }

        queue.TryComplete(error);
    }

    public void SendToDeadLetters(DeadLetter letter) => _deadLetters.Writer.TryWrite(letter);

    /// <summary>Stops every stage: with a failure (the first one wins), or canceled when <paramref name="failure"/> is null.</summary>
    public void Stop(Exception? failure)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            if (failure is not null && _failure is null)
            {
                _failure = failure;
            }

            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        try
        {
            _stop.Cancel();
        }
        catch (AggregateException)
        {
            // A user callback registered on a token handed to stage work threw; the stop goes on regardless.
        }

        foreach (Action close in _queueClosers)
        {
            close();
        }

        foreach (PipelineStage stage in _stages)
        {
            stage.OnStopping();
        }

        _source?.OnStopping();
    }

    public PipelineMetrics GetMetrics()
    {
        var stages = new StageMetrics[_stages.Count];
        for (int i = 0; i < stages.Length; i++)
        {
            stages[i] = _stages[i].GetMetrics();
        }

        return new PipelineMetrics(Name, _source?.Read ?? 0, _source?.Dropped ?? 0, stages);
    }
}
