namespace Blitz;

/// <summary>
/// A single-value reply channel for request/response fan-in: a job carries its <see cref="Oneshot{T}"/>, the consumer
/// completes it once, and the producer awaits <see cref="WaitAsync"/>. Pooled: a round trip allocates nothing in
/// steady state.
/// </summary>
/// <remarks>
/// A handle, like <see cref="ValueTask{TResult}"/>: copies refer to the same reply. Completing twice throws
/// <see cref="InvalidOperationException"/>; disposing without completing abandons the reply, and the awaiter gets a
/// <see cref="OneshotAbandonedException"/>, so a dropped reply is detected instead of awaited forever. Await
/// <see cref="WaitAsync"/> once; after that the reply is recycled and every copy of the handle is stale (completing
/// through it throws, disposing it does nothing).
/// </remarks>
/// <typeparam name="T">The reply's type.</typeparam>
public readonly struct Oneshot<T> : IDisposable, IEquatable<Oneshot<T>>
{
    private readonly OneshotSource<T>? _source;
    private readonly short _version;

    private Oneshot(OneshotSource<T> source)
    {
        _source = source;
        _version = source.Version;
    }

    /// <summary>Creates a reply channel.</summary>
    /// <returns>The handle to pass to the consumer and to await.</returns>
    public static Oneshot<T> Create() => new(OneshotSource<T>.Rent());

    /// <summary>Whether the reply was completed, failed or abandoned (or the handle is stale).</summary>
    public bool IsCompleted => Source.IsCompleted(_version);

    /// <summary>Completes the reply with a value.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The reply was already completed, failed or abandoned.</exception>
    public void Complete(T value)
    {
        if (!Source.TryComplete(_version, value))
        {
            ThrowAlreadyCompleted();
        }
    }

    /// <summary>Completes the reply with a value unless it is already completed.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> if this call completed the reply.</returns>
    public bool TryComplete(T value) => Source.TryComplete(_version, value);

    /// <summary>Fails the reply: the awaiter gets <paramref name="error"/>.</summary>
    /// <param name="error">The exception for the awaiter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The reply was already completed, failed or abandoned.</exception>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!Source.TryFail(_version, error))
        {
            ThrowAlreadyCompleted();
        }
    }

    /// <summary>Waits for the reply. Await it once.</summary>
    /// <returns>The value the consumer completed the reply with.</returns>
    /// <exception cref="OneshotAbandonedException">(When awaited) the consumer disposed the reply without completing it.</exception>
    public ValueTask<T> WaitAsync() => new(Source, _version);

    /// <summary>Abandons the reply if it was not completed; otherwise does nothing.</summary>
    public void Dispose() => _source?.Abandon(_version);

    /// <inheritdoc/>
    public bool Equals(Oneshot<T> other) => ReferenceEquals(_source, other._source) && _version == other._version;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Oneshot<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_source, _version);

    /// <summary>Whether two handles refer to the same reply.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    /// <returns><see langword="true"/> if they are equal.</returns>
    public static bool operator ==(Oneshot<T> left, Oneshot<T> right) => left.Equals(right);

    /// <summary>Whether two handles refer to different replies.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    /// <returns><see langword="true"/> if they are not equal.</returns>
    public static bool operator !=(Oneshot<T> left, Oneshot<T> right) => !left.Equals(right);

    private OneshotSource<T> Source => _source ?? throw new InvalidOperationException("This Oneshot was not created with Oneshot<T>.Create().");

    private static void ThrowAlreadyCompleted()
        => throw new InvalidOperationException("The reply was already completed, failed or abandoned (or it was awaited and recycled).");
}
