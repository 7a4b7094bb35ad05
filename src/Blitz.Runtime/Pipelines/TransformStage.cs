using System.Diagnostics;
using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// A stage that maps each item to one result with <c>DegreeOfParallelism</c> workers: async on the worker, or
/// offloaded to the blocking or CPU pool through <typeparamref name="TInvoker"/>.
/// </summary>
/// <remarks>
/// Each worker is one long-lived async loop: take an item, run its work (with retries), wait for its turn when the
/// stage is ordered, emit the result or give the item up. The loop's state machine is allocated once per worker,
/// so per item the stage allocates nothing of its own.
/// </remarks>
internal sealed class TransformStage<TIn, TOut, TInvoker> : PipelineStage
    where TInvoker : struct, IStageInvoker<TIn, TOut>
{
    private readonly ChannelReader<TIn> _input;
    private readonly ChannelWriter<TOut> _output;
    private readonly TInvoker _invoker;
    private readonly StageErrorPolicy _errorPolicy;
    private readonly int _maxRetries;
    private readonly OrderedGate? _gate;
    private readonly Lock _takeLock = new();

    public TransformStage(PipelineRun run, string name, StageKind kind, StageOptions options, TInvoker invoker, ChannelReader<TIn> input, ChannelWriter<TOut> output)
        : base(run, name, kind, options.DegreeOfParallelism)
    {
        _input = input;
        _output = output;
        _invoker = invoker;
        _errorPolicy = options.ErrorPolicy;
        _maxRetries = options.MaxRetries;

        // One worker emits in input order anyway; the gate is needed only when workers can overtake each other.
        _gate = options.Ordered && options.DegreeOfParallelism > 1 ? new OrderedGate(options.DegreeOfParallelism) : null;
    }

    public override int QueueDepth => _input.CanCount ? _input.Count : 0;

    public override void OnStopping() => _gate?.Stop();

    protected override void CompleteOutput() => Run.CompleteQueue(_output);

    protected override async Task RunWorkerAsync(StageWorker worker)
    {
        CancellationToken stopToken = Run.StopToken;

        // Busy time is measured per busy period (from waking for input to waiting for it again), not per item:
        // a timestamp can cost hundreds of nanoseconds on a virtual machine, more than a cheap stage's work.
        long busySince = Stopwatch.GetTimestamp();
        while (true)
        {
            if (!TryTake(worker, out TIn item))
            {
                worker.AddBusy(busySince);
                if (await _input.WaitToReadAsync().ConfigureAwait(false))
                {
                    busySince = Stopwatch.GetTimestamp();
                    continue;
                }

                return;
            }

            worker.CountIn();
            if (Run.IsStopping)
            {
                // Draining a stopped pipeline: queued items are discarded, and counted.
                CountDropped();
                continue;
            }

            TOut result = default!;
            Exception? error = null;
            bool canceled = false;
            int attempts = 0;
            while (true)
            {
                attempts++;
                try
                {
                    result = await _invoker.InvokeAsync(item, stopToken).ConfigureAwait(false);
                    error = null;
                    break;
                }
                catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                {
                    canceled = true;
                    break;
                }
                catch (Exception exception)
                {
                    error = exception;
                    if (attempts > _maxRetries || Run.IsStopping)
                    {
                        break;
                    }

                    CountRetry();
                }
            }


            // Ordered: every item takes its turn, even one that is given up, so that the next may follow it.
            bool hasTurn = _gate is null || await _gate.WaitForTurnAsync(worker).ConfigureAwait(false);
            if (!hasTurn || canceled)
            {
                CountDropped();
            }
            else if (error is not null)
            {
                GiveUp(worker, _errorPolicy, item, error, attempts);
            }
            else if (await StageQueue.WriteAsync(_output, result).ConfigureAwait(false))
            {
                worker.CountOut();
            }
            else
            {
                CountDropped();
            }

            if (hasTurn)
            {
                _gate?.PassTurn();
            }
        }
    }

    private bool TryTake(StageWorker worker, out TIn item)
    {
        if (_gate is null)
        {
            return _input.TryRead(out item!);
        }

        // Numbering and taking are one step, so sequence numbers follow input order.
        lock (_takeLock)
        {
            if (!_input.TryRead(out item!))
            {
                return false;
            }

            worker.Sequence = _gate.Number();
            return true;
        }
    }
}
