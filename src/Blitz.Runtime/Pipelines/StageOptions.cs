namespace Blitz;

/// <summary>How a pipeline stage runs: parallelism, queue capacity, ordering and error handling. Setters validate.</summary>
public sealed class StageOptions
{
    private int _degreeOfParallelism = 1;
    private int _capacity = 64;
    private int _maxRetries;

    /// <summary>How many items the stage works on at once (its workers); 1 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int DegreeOfParallelism
    {
        get => _degreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(DegreeOfParallelism));
            _degreeOfParallelism = value;
        }
    }

    /// <summary>
    /// The bound of the stage's input queue (the channel its producer writes into); 64 by default. A producer that
    /// finds it full waits: that is the pipeline's backpressure. The last stage's capacity also bounds
    /// <see cref="Pipeline{T}.Output"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Capacity
    {
        get => _capacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Capacity));
            _capacity = value;
        }
    }

    /// <summary>
    /// Whether the stage emits its results in the order it took its inputs (<see langword="true"/> by default, as
    /// TPL Dataflow). With several workers a finished result waits for the results before it; the wait is bounded
    /// by <see cref="DegreeOfParallelism"/> items. With <see langword="false"/> results leave as they finish.
    /// </summary>
    public bool Ordered { get; set; } = true;

    /// <summary>What happens to an item whose work still throws after <see cref="MaxRetries"/>; <see cref="StageErrorPolicy.FailPipeline"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public StageErrorPolicy ErrorPolicy
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(ErrorPolicy), value, "Unknown error policy.");
            }

            field = value;
        }
    }

    /// <summary>How many more times an item whose work threw is run again, at once, before the error policy applies; 0 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxRetries
    {
        get => _maxRetries;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxRetries));
            _maxRetries = value;
        }
    }

    internal StageOptions Clone() => (StageOptions)MemberwiseClone();
}
