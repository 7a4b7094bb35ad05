using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// The pooled node behind a <see cref="Oneshot{T}"/>. Its state word packs the version with the status, so that a
/// completion through a stale handle (after the node was recycled for another request) fails instead of
/// completing a stranger's reply.
/// </summary>
internal sealed class OneshotSource<T> : IValueTaskSource<T>, IRecyclable
{
    private const int Pending = 0;
    private const int Completed = 1;
    private const int Abandoned = 2;

    private AwaitOnceCore<T> _core;
    private int _state;

    private OneshotSource()
    {
    }

    public short Version => _core.Version;

    public static OneshotSource<T> Rent()
    {
        OneshotSource<T> source = CompletionPool<OneshotSource<T>>.TryRent() ?? new OneshotSource<T>();
        source._core.Arm();
        Volatile.Write(ref source._state, StateOf(source._core.Version, Pending));
        return source;
    }

    private static int StateOf(short version, int status) => ((ushort)version << 2) | status;

    public bool TryComplete(short version, T value)
    {
        if (!TryClaim(version, Completed))
        {
            return false;
        }

        _core.SetResult(value);
        return true;
    }

    public bool TryFail(short version, Exception error)
    {
        if (!TryClaim(version, Completed))
        {
            return false;
        }

        _core.SetException(error);
        return true;
    }

    public void Abandon(short version)
    {
        if (TryClaim(version, Abandoned))
        {
            _core.SetException(new OneshotAbandonedException());
        }
    }

    public bool IsCompleted(short version) => Volatile.Read(ref _state) != StateOf(version, Pending);

    private bool TryClaim(short version, int status)
    {
        int pending = StateOf(version, Pending);
        return Interlocked.CompareExchange(ref _state, StateOf(version, status), pending) == pending;
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    public T GetResult(short token) => _core.GetResultAndRecycle(token, this);

    /// <inheritdoc/>
    public void Recycle()
    {
        // Stale handles see a state of another version from now on.
        Volatile.Write(ref _state, StateOf(_core.Version, Abandoned));
        CompletionPool<OneshotSource<T>>.Return(this);
    }
}
