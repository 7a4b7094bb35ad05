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

    /// <summary>
    /// Completes when the pump has finished or, once the pipeline stopped, when it can no longer read anything (it
    /// waits on a source that the stop cannot wake; see <see cref="ChannelSourcePump{T}"/>).
    /// </summary>
    public virtual Task StoppedAsync(Task running) => running;

    /// <summary>Called once when the pipeline stops.</summary>
    public virtual void OnStopping()
    {
    }

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
/// <remarks>
/// The pump waits on the source without a token: with one, a BCL channel allocates and registers a waiter on every
/// wait. A stop therefore cannot wake it. Instead the stop abandons a parked pump: the pipeline completes without
/// it, and the pump, whenever the source wakes it, exits without reading. The state word makes "parked" and
/// "abandoned" one atomic decision, so an abandoned pump never reads another item and the pipeline's counts are
/// final when it completes.
/// </remarks>
internal sealed class ChannelSourcePump<T>(PipelineRun run, ChannelReader<T> source, ChannelWriter<T> queue) : SourcePump
{
    private const int Active = 0;
    private const int Parked = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public override Task StoppedAsync(Task running) => Task.WhenAny(running, _abandoned.Task);

    public override void OnStopping()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Parked) == Parked)
        {
            _abandoned.TrySetResult();
        }
    }

    public override async Task RunAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                while (!run.IsStopping && source.TryRead(out T? item))
                {
                    await ForwardAsync(run, queue, item).ConfigureAwait(false);
                }

                // Park, then look at the stop flag: a stop either sees the pump parked (and abandons it) or the pump sees the stop.
                Interlocked.Exchange(ref _state, Parked);
                if (run.IsStopping)
                {
                    Unpark();
                    return;
                }

                bool more = await source.WaitToReadAsync().ConfigureAwait(false);
                if (!Unpark() || !more)
                {
                    return;
                }
            }
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

    /// <summary>Leaves the parked state; false when a stop abandoned the pump first.</summary>
    private bool Unpark() => Interlocked.CompareExchange(ref _state, Active, Parked) == Parked;
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
