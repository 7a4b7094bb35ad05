using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// A stage that groups items into arrays of <c>size</c> items, or fewer when <c>window</c> has passed since a batch's
/// first item; at completion the partial last batch is flushed. One worker, so batches keep input order.
/// </summary>
internal sealed class BatchStage<T> : PipelineStage
{
    private readonly ChannelReader<T> _input;
    private readonly ChannelWriter<T[]> _output;
    private readonly int _size;
    private readonly TimeSpan? _window;

    public BatchStage(PipelineRun run, string name, int size, TimeSpan? window, ChannelReader<T> input, ChannelWriter<T[]> output)
        : base(run, name, StageKind.Batch, workers: 1)
    {
        _input = input;
        _output = output;
        _size = size;
        _window = window;
    }

    public override int QueueDepth => _input.CanCount ? _input.Count : 0;

    protected override void CompleteOutput() => Run.CompleteQueue(_output);

    protected override async Task RunWorkerAsync(StageWorker worker)
    {
        var batch = new List<T>(_size);
        CancellationTokenSource? windowTimer = null;
        try
        {
            while (true)
            {
                // A batch opens with its first item; the window counts from there.
                if (!_input.TryRead(out T? first))
                {
                    if (await _input.WaitToReadAsync().ConfigureAwait(false))
                    {
                        continue;
                    }

                    return;
                }

                worker.CountIn();
                batch.Add(first);
                long started = Stopwatch.GetTimestamp();
                CancellationToken windowToken = CancellationToken.None;
                if (_window is TimeSpan window)
                {
                    if (windowTimer is null || !windowTimer.TryReset())
                    {
                        windowTimer?.Dispose();
                        windowTimer = new CancellationTokenSource();
                    }

                    windowTimer.CancelAfter(window);
                    windowToken = windowTimer.Token;
                }

                await FillAsync(worker, batch, windowToken).ConfigureAwait(false);
                worker.AddBusy(started);
                await EmitAsync(worker, batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        finally
        {
            windowTimer?.Dispose();
        }
    }

    /// <summary>Adds items until the batch is full, the window closes, or the input completes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(StageWorker worker, List<T> batch, CancellationToken windowToken)
    {
        while (batch.Count < _size && !Run.IsStopping)
        {
            if (_input.TryRead(out T? item))
            {
                worker.CountIn();
                batch.Add(item);
                continue;
            }

            try
            {
                if (!await _input.WaitToReadAsync(windowToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (windowToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask EmitAsync(StageWorker worker, List<T> batch)
    {
        if (!Run.IsStopping && await StageQueue.WriteAsync(_output, batch.ToArray()).ConfigureAwait(false))
        {
            worker.CountOut();
        }
        else
        {
            CountDropped(batch.Count);
        }
    }
}
