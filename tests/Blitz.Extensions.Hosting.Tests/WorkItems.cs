using System.Runtime.CompilerServices;

namespace Blitz.Extensions.Hosting.Tests;

/// <summary>Work that waits for a gate, then counts that it ran to the end.</summary>
internal readonly struct GatedWork(ManualResetEventSlim gate, StrongBox<int> completed) : IOffloadWork<int>
{
    public int Execute(CancellationToken cancellationToken)
    {
        gate.Wait(CancellationToken.None);
        return Interlocked.Increment(ref completed.Value);
    }
}

/// <summary>
/// Blocking work items that wait behind one gate. Disposing opens the gate, so that a failed assertion never leaves
/// gated work, and the host's disposal that waits for it, blocked.
/// </summary>
internal sealed class GatedWorkBatch : IDisposable
{
    // Never disposed: items that start only after the gate opened must still find it set.
    private readonly ManualResetEventSlim _gate = new();
    private readonly StrongBox<int> _completed = new();

    /// <summary>Every accepted item's completion, in submission order.</summary>
    public List<Task<int>> Completions { get; } = [];

    /// <summary>How many items ran to the end.</summary>
    public int Completed => Volatile.Read(ref _completed.Value);

    public void Spawn(BlitzRuntime runtime, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Completions.Add(runtime.SpawnBlocking<GatedWork, int>(new GatedWork(_gate, _completed)).AsTask());
        }
    }

    /// <summary>Offers one more item; <see langword="false"/> if the runtime refused it.</summary>
    public bool TrySpawn(BlitzRuntime runtime)
    {
        if (!runtime.TrySpawnBlocking<GatedWork, int>(new GatedWork(_gate, _completed), out ValueTask<int> completion))
        {
            return false;
        }

        Completions.Add(completion.AsTask());
        return true;
    }

    public void Open() => _gate.Set();

    public void Dispose() => Open();
}
