namespace Blitz.Runtime.Tests;

/// <summary>
/// A parallel body that counts the items it runs and cancels at item <c>at</c>. Every later item waits until the
/// token reads canceled, so "after item <c>at</c>" and "after the cancel" are the same moment: a canceling thread
/// preempted before <see cref="CancellationTokenSource.Cancel()"/> would otherwise let the other runners go on, which
/// the contract allows (it counts from the moment the token reads canceled).
/// </summary>
internal sealed class CancelAtItem(CancellationTokenSource source, int at)
{
    private int _processed;

    /// <summary>How many items ran.</summary>
    public int Processed => Volatile.Read(ref _processed);

    /// <summary>The body: call it once per item.</summary>
    public void Run()
    {
        int order = Interlocked.Increment(ref _processed);
        if (order == at)
        {
            source.Cancel();
        }
        else if (order > at)
        {
            SpinWait.SpinUntil(() => source.IsCancellationRequested);
        }
    }
}
