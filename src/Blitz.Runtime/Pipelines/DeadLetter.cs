namespace Blitz;

/// <summary>An item a pipeline stage gave up on, with the exception its last attempt threw.</summary>
/// <remarks>
/// The item is the stage's input, typed as <see cref="object"/> because stages of one pipeline take different types
/// (a value type is boxed: dead letters are the failure path, where one allocation per item does not matter).
/// </remarks>
public sealed class DeadLetter
{
    internal DeadLetter(string stage, object? item, Exception exception, int attempts)
    {
        Stage = stage;
        Item = item;
        Exception = exception;
        Attempts = attempts;
    }

    /// <summary>The name of the stage whose work failed.</summary>
    public string Stage { get; }

    /// <summary>The stage's input item.</summary>
    public object? Item { get; }

    /// <summary>The exception of the last attempt.</summary>
    public Exception Exception { get; }

    /// <summary>How many times the stage ran the item: 1 plus its retries.</summary>
    public int Attempts { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Stage}: {Item} failed after {Attempts} attempt(s): {Exception.GetType().Name}: {Exception.Message}";
}
