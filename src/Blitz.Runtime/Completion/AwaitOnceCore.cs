using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Blitz;

/// <summary>
/// The state behind a pooled <see cref="IValueTaskSource{TResult}"/> that may be awaited exactly once:
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/> plus a gate that lets one <c>GetResult</c> per version
/// through. The owner recycles itself after that one call; a second await, or an await after reuse, throws
/// <see cref="InvalidOperationException"/> instead of reading another caller's result. A mutable struct: keep it in
/// a field and never copy it.
/// </summary>
internal struct AwaitOnceCore<T>
{
    /// <summary>What every member of a pooled source says when its ValueTask is used after it was awaited.</summary>
    internal const string AlreadyAwaitedMessage =
        "This ValueTask was already awaited; a Blitz ValueTask can be awaited once (its source is pooled and may " +
        "already serve another operation). Await it once, or call AsTask() once and await the Task as often as needed.";

    private ManualResetValueTaskSourceCore<T> _core;

    // The token that may still consume the current version, or -1 once consumed. A CAS, so that two racing awaits
    // cannot both recycle the owner.
    private int _consumableToken;

    public readonly short Version => _core.Version;

    /// <summary>Opens the current version for one consumer. Continuations never run inline on the completing thread.</summary>
    public void Arm()
    {
        _core.RunContinuationsAsynchronously = true;
        Volatile.Write(ref _consumableToken, _core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        ThrowIfStale(token);
        return _core.GetStatus(token);
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        ThrowIfStale(token);
        _core.OnCompleted(continuation, state, token, flags);
    }

    public void SetResult(T result) => _core.SetResult(result);

    public void SetException(Exception error) => _core.SetException(error);

    /// <summary>
    /// Claims the one consumption of <paramref name="token"/>; throws when the source is not completed, was already
    /// consumed, or was reused. After it returns, read <see cref="GetResult"/> and then recycle the owner.
    /// </summary>
    public void Consume(short token)
    {
        ThrowIfStale(token);
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            ThrowNotCompleted();
        }

        if (Interlocked.CompareExchange(ref _consumableToken, -1, token) != token)
        {
            ThrowAlreadyConsumed();
        }
    }

    public T GetResult(short token) => _core.GetResult(token);

    /// <summary>
    /// The one <c>GetResult</c> of every pooled source: claims the consumption of <paramref name="token"/>, reads the
    /// result (or throws the failure), then resets the core and recycles <paramref name="owner"/>, whose field this is.
    /// </summary>
    public T GetResultAndRecycle<TOwner>(short token, TOwner owner)
        where TOwner : IRecyclable
    {
        Consume(token);
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            owner.Recycle();
        }
    }

    /// <summary>Moves to the next version; every outstanding token becomes stale.</summary>
    public void Reset() => _core.Reset();

    /// <summary>
    /// A token older than the current version belongs to a ValueTask that was awaited already (its GetResult moved
    /// the core on, and the owner may serve another caller now). The core checks the same, with the BCL's message
    /// that says nothing of the cause; this check comes first so that every member says what happened.
    /// </summary>
    private readonly void ThrowIfStale(short token)
    {
        if (token != _core.Version)
        {
            ThrowAlreadyConsumed();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [StackTraceHidden]
    private static void ThrowNotCompleted()
        => throw new InvalidOperationException("The Blitz operation has not completed: await the ValueTask instead of reading its result.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    [StackTraceHidden]
    private static void ThrowAlreadyConsumed()
        => throw new InvalidOperationException(AlreadyAwaitedMessage);
}
