using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// Reads the pipeline's source (a channel or an async sequence) into the first stage's queue. The source is the
/// only place the pipeline's stop token reaches a user's channel; the stage queues are woken by being completed.
/// </summary>
internal abstract class SourcePump
{
    private long _read;
    private long _dropped;

    public long Read => Volatile.Read(ref _read);

    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Pumps until the source ends, fails, or the pipeline stops; then completes the first queue. Never throws.</summary>
    public abstract Task RunAsync();

    /// <summary>Counts an item read from the source and hands it to the first stage; counts it dropped if the pipeline is stopping.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected async ValueTask ForwardAsync<T>(PipelineRun run, ChannelWriter<T> queue, T item)
    {
        Volatile.Write(ref _read, _read + 1);
        if (run.IsStopping || !await StageQueue.WriteAsync(queue, item).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}

/// <summary>Pumps a <see cref="ChannelReader{T}"/> source.</summary>
internal sealed class ChannelSourcePump<T>(PipelineRun run, ChannelReader<T> source, ChannelWriter<T> queue) : SourcePump
{
    public override async Task RunAsync()
    {
        await Task.Yield();
        CancellationToken stopToken = run.StopToken;
        try
        {
            while (!run.IsStopping && await source.WaitToReadAsync(stopToken).ConfigureAwait(false))
            {
                while (!run.IsStopping && source.TryRead(out T? item))
                {
                    await ForwardAsync(run, queue, item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The source channel was completed with an error: the pipeline fails with it.
            run.Stop(exception);
        }
        finally
        {
            run.CompleteQueue(queue);
        }
    }
}

/// <summary>Pumps an <see cref="IAsyncEnumerable{T}"/> source.</summary>
internal sealed class EnumerableSourcePump<T>(PipelineRun run, IAsyncEnumerable<T> source, ChannelWriter<T> queue) : SourcePump
{
    public override async Task RunAsync()
    {
        await Task.Yield();
        CancellationToken stopToken = run.StopToken;
        try
        {
            await foreach (T item in source.WithCancellation(stopToken).ConfigureAwait(false))
            {
                await ForwardAsync(run, queue, item).ConfigureAwait(false);
                if (run.IsStopping)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            run.Stop(exception);
        }
        finally
        {
            run.CompleteQueue(queue);
        }
    }
}
