using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blitz.Extensions.Hosting;

/// <summary>
/// Ties the host's runtime to the host's life: it becomes <see cref="BlitzRuntime.Default"/> before any hosted
/// service starts, its stalls are logged while the host runs, and it is drained after every hosted service stopped
/// (the lifecycle phases, not <c>StartAsync</c>/<c>StopAsync</c>, so the order of registration does not matter).
/// </summary>
internal sealed class BlitzRuntimeLifetime : IHostedLifecycleService
{
    private readonly BlitzRuntime _runtime;
    private readonly ILogger _logger;
    private readonly EventHandler<StallEventArgs> _onStall;

    public BlitzRuntimeLifetime(BlitzRuntime runtime, ILogger<BlitzRuntime> logger)
    {
        _runtime = runtime;
        _logger = logger;
        _onStall = (_, stall) => BlitzLog.ThreadPoolStall(_logger, (long)stall.Delay.TotalMilliseconds, stall.ThreadPoolThreads, stall.PendingWorkItems);
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!BlitzRuntime.TrySetDefault(_runtime))
        {
            BlitzLog.DefaultInUse(_logger);
        }

        _runtime.StallDetected += _onStall;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The token is the host's shutdown timeout: it ends the wait, never the work (the runtime never
            // abandons accepted work; disposing the service provider waits for the rest, and for dedicated loops at
            // most BlitzOptions.DedicatedStopTimeout).
            await _runtime.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DedicatedThreadTimeoutException stuck)
        {
            BlitzLog.DedicatedStopTimedOut(_logger, string.Join(", ", stuck.ThreadNames), stuck);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            BlitzMetrics metrics = _runtime.GetMetrics();
            IReadOnlyList<DedicatedThread> loops = _runtime.GetDedicatedThreads();
            string names = loops.Count == 0 ? "none" : string.Join(", ", loops.Select(static loop => loop.Name));
            BlitzLog.DrainTimedOut(_logger, metrics.Blocking.QueueLength, metrics.Cpu.QueueLength, names);
        }
        finally
        {
            _runtime.StallDetected -= _onStall;
        }
    }
}
