namespace Blitz;

/// <summary>
/// Thrown to the awaiter of a <see cref="Oneshot{T}"/> whose consumer disposed it without completing it: the reply
/// was dropped (the job's handler failed or gave up), so the requester learns it instead of waiting forever.
/// </summary>
public sealed class OneshotAbandonedException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public OneshotAbandonedException()
        : base("The reply was abandoned: the consumer disposed the oneshot without completing it.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OneshotAbandonedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OneshotAbandonedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
