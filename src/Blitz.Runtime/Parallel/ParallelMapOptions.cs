namespace Blitz;

/// <summary>How <see cref="BlitzRuntime.ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, ParallelMapOptions?, CancellationToken)"/> and <c>ParallelForAsync</c> split their work.</summary>
public sealed class ParallelMapOptions
{
    /// <summary>
    /// Items per chunk; <see langword="null"/> (the default) sizes chunks automatically: each thread times its chunks
    /// and aims at about 50 µs each, keeping several chunks per thread so that a slow chunk's neighbours are taken by
    /// threads that finished early.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? ChunkSize
    {
        get => field;
        set
        {
            if (value is int size)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(ChunkSize));
            }

            field = value;
        }
    }

    /// <summary>
    /// The most CPU-pool threads the operation uses at once; -1 (the default) means all of them
    /// (<see cref="BlitzOptions.CpuThreads"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => field;
        set
        {
            if (value == 0 || value < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Use a positive number, or -1 for every CPU-pool thread.");
            }

            field = value;
        }
    } = -1;
}
