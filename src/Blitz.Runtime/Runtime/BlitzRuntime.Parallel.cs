namespace Blitz;

public sealed partial class BlitzRuntime
{
    /// <summary>
    /// Maps every item of <paramref name="source"/> into <paramref name="destination"/> in parallel on the CPU pool
    /// (bucket 5), without blocking the caller: <c>destination[i] = map(source[i])</c>, in input order.
    /// </summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs; do not change them until the returned task completes.</param>
    /// <param name="destination">Receives the outputs; at least as long as <paramref name="source"/>.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>
    /// A task that completes when every item was mapped. When <paramref name="map"/> throws, no new chunk starts and
    /// the task fails with that exception as it was thrown, or with one <see cref="AggregateException"/> holding every
    /// exception when chunks on several threads failed. Cancellation fails it with <see cref="OperationCanceledException"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelMapAsync<TIn, TOut>(ReadOnlyMemory<TIn> source, Memory<TOut> destination, Func<TIn, TOut> map, CancellationToken cancellationToken = default)
        => ParallelMapAsync(source, destination, map, options: null, cancellationToken);

    /// <summary>Maps every item of <paramref name="source"/> into <paramref name="destination"/> in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs; do not change them until the returned task completes.</param>
    /// <param name="destination">Receives the outputs; at least as long as <paramref name="source"/>.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item was mapped; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelMapAsync<TIn, TOut>(ReadOnlyMemory<TIn> source, Memory<TOut> destination, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} items but the source has {source.Length}.", nameof(destination));
        }

        ThrowIfDisposed();
        return ParallelMapOperation<TIn, TOut>.Run(_cpu, _cpuThreads, new ParallelSource<TIn>(source), destination, map, options, cancellationToken);
    }

    /// <summary>Maps every item of <paramref name="source"/> in parallel on the CPU pool into a new array, in input order.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(ReadOnlyMemory<TIn> source, Func<TIn, TOut> map, CancellationToken cancellationToken = default)
        => ParallelMapAsync(source, map, options: null, cancellationToken);

    /// <summary>Maps every item of <paramref name="source"/> in parallel on the CPU pool into a new array, with explicit chunking and parallelism.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(ReadOnlyMemory<TIn> source, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
        => MapIntoNewArray(new ParallelSource<TIn>(source), map, options, cancellationToken);

    private ValueTask<TOut[]> MapIntoNewArray<TIn, TOut>(ParallelSource<TIn> source, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfDisposed();
        var results = source.Count == 0 ? [] : new TOut[source.Count];
        ValueTask mapping = ParallelMapOperation<TIn, TOut>.Run(_cpu, _cpuThreads, source, results, map, options, cancellationToken);
        if (mapping.IsCompletedSuccessfully)
        {
            mapping.GetAwaiter().GetResult();
            return new ValueTask<TOut[]>(results);
        }

        return AwaitResults(mapping, results);

        static async ValueTask<TOut[]> AwaitResults(ValueTask mapping, TOut[] results)
        {
            await mapping.ConfigureAwait(false);
            return results;
        }
    }

    /// <summary>Runs <paramref name="body"/> for every index of [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>) in parallel on the CPU pool.</summary>
    /// <param name="fromInclusive">The first index.</param>
    /// <param name="toExclusive">One past the last index; an empty range completes at once.</param>
    /// <param name="body">The body, called once per index on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every index ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="int.MaxValue"/> indexes.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync(int fromInclusive, int toExclusive, Action<int> body, CancellationToken cancellationToken = default)
        => ParallelForAsync(fromInclusive, toExclusive, body, options: null, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every index of [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>) in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <param name="fromInclusive">The first index.</param>
    /// <param name="toExclusive">One past the last index; an empty range completes at once.</param>
    /// <param name="body">The body, called once per index on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every index ran.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="int.MaxValue"/> indexes.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync(int fromInclusive, int toExclusive, Action<int> body, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if ((long)toExclusive - fromInclusive > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(toExclusive), toExclusive, "The range may hold at most int.MaxValue indexes.");
        }

        ThrowIfDisposed();
        return ParallelForOperation.Run(_cpu, _cpuThreads, fromInclusive, toExclusive, body, options, cancellationToken);
    }
}
