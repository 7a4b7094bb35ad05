namespace Blitz;

/// <summary>
/// Thrown by <see cref="BlitzRuntime.DisposeAsync"/> and <see cref="BlitzRuntime.Dispose"/> when dedicated threads
/// did not return within <see cref="BlitzOptions.DedicatedStopTimeout"/> after they were asked to stop: their loops
/// ignore their stop token. Disposal has finished everything else when it throws.
/// </summary>
/// <remarks>
/// The threads keep running; they are background threads, so they do not keep the process alive. Make each loop
/// observe its token: return, or throw its <see cref="OperationCanceledException"/>, once it is canceled.
/// </remarks>
public sealed class DedicatedThreadTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the default message and no thread names.</summary>
    public DedicatedThreadTimeoutException()
        : this("Dedicated threads were still running when the Blitz runtime stopped waiting for them.")
    {
    }

    /// <summary>Creates the exception with a message and no thread names.</summary>
    /// <param name="message">The message.</param>
    public DedicatedThreadTimeoutException(string message)
        : base(message)
    {
        ThreadNames = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no thread names.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DedicatedThreadTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        ThreadNames = [];
    }

    /// <summary>Creates the exception for the threads still running, with a message that names them.</summary>
    /// <param name="threadNames">The names of the dedicated threads still running.</param>
    /// <param name="timeout">How long disposal waited for them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="threadNames"/> is <see langword="null"/>.</exception>
    public DedicatedThreadTimeoutException(IReadOnlyList<string> threadNames, TimeSpan timeout)
        : base(Describe(threadNames, timeout))
    {
        ThreadNames = threadNames;
    }

    /// <summary>The names of the dedicated threads still running.</summary>
    public IReadOnlyList<string> ThreadNames { get; }

    private static string Describe(IReadOnlyList<string> threadNames, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(threadNames);
        return $"Dedicated threads still running {timeout.TotalSeconds:0.###} s after the Blitz runtime asked them to stop: {string.Join(", ", threadNames)}. "
            + "Their loops ignore their stop token: return when it is canceled. Disposal stopped waiting for them; they are background threads and do not keep the process alive.";
    }
}
