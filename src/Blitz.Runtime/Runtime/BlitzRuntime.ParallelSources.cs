namespace Blitz;

// Parallel map and for over the usual collection shapes. Arrays and lists are read in place; only a sequence that
// is not a list is copied, once, into an array.
public sealed partial class BlitzRuntime
{
    /// <summary>Maps every item of an array in parallel on the CPU pool (bucket 5) into a new array, in input order.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, read in place, without copying; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(TIn[] source, Func<TIn, TOut> map, CancellationToken cancellationToken = default)
        => ParallelMapAsync(source, map, options: null, cancellationToken);

    /// <summary>Maps every item of an array in parallel on the CPU pool into a new array, in input order, with explicit chunking and parallelism.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, read in place, without copying; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(TIn[] source, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return MapIntoNewArray(new ParallelSource<TIn>(new ReadOnlyMemory<TIn>(source)), map, options, cancellationToken);
    }

    /// <summary>Maps every item of a list in parallel on the CPU pool (bucket 5) into a new array, in input order.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, read in place, without copying: a <see cref="List{T}"/> through its span, any other list through its indexer; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(IReadOnlyList<TIn> source, Func<TIn, TOut> map, CancellationToken cancellationToken = default)
        => ParallelMapAsync(source, map, options: null, cancellationToken);

    /// <summary>Maps every item of a list in parallel on the CPU pool into a new array, in input order, with explicit chunking and parallelism.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, read in place, without copying: a <see cref="List{T}"/> through its span, any other list through its indexer; do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(IReadOnlyList<TIn> source, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return MapIntoNewArray(new ParallelSource<TIn>(source), map, options, cancellationToken);
    }

    /// <summary>Maps every item of a sequence in parallel on the CPU pool (bucket 5) into a new array, in input order.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, enumerated once, on the calling thread before this method returns, into an array (a sequence that is an <see cref="IReadOnlyList{T}"/> is read in place instead); do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, CancellationToken cancellationToken = default)
        => ParallelMapAsync(source, map, options: null, cancellationToken);

    /// <summary>Maps every item of a sequence in parallel on the CPU pool into a new array, in input order, with explicit chunking and parallelism.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The inputs, enumerated once, on the calling thread before this method returns, into an array (a sequence that is an <see cref="IReadOnlyList{T}"/> is read in place instead); do not change them until the returned task completes.</param>
    /// <param name="map">The function, called once per item on CPU-pool threads (concurrently: it must be thread-safe).</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>The outputs; see <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/> for failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask<TOut[]> ParallelMapAsync<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfDisposed(); // before enumerating the source
        return MapIntoNewArray(Materialize(source), map, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> for every item of memory in parallel on the CPU pool (bucket 5), like <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> without blocking the caller.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(ReadOnlyMemory<T> source, Action<T> body, CancellationToken cancellationToken = default)
        => ParallelForAsync(source, body, options: null, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item of memory in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(ReadOnlyMemory<T> source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken = default)
        => ForEachItem(new ParallelSource<T>(source), body, options, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item of an array in parallel on the CPU pool (bucket 5), like <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> without blocking the caller.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place, without copying; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(T[] source, Action<T> body, CancellationToken cancellationToken = default)
        => ParallelForAsync(source, body, options: null, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item of an array in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place, without copying; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(T[] source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ForEachItem(new ParallelSource<T>(new ReadOnlyMemory<T>(source)), body, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> for every item of a list in parallel on the CPU pool (bucket 5), like <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> without blocking the caller.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place, without copying: a <see cref="List{T}"/> through its span, any other list through its indexer; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(IReadOnlyList<T> source, Action<T> body, CancellationToken cancellationToken = default)
        => ParallelForAsync(source, body, options: null, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item of a list in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, read in place, without copying: a <see cref="List{T}"/> through its span, any other list through its indexer; do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(IReadOnlyList<T> source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ForEachItem(new ParallelSource<T>(source), body, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> for every item of a sequence in parallel on the CPU pool (bucket 5), like <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> without blocking the caller.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, enumerated once, on the calling thread before this method returns, into an array (a sequence that is an <see cref="IReadOnlyList{T}"/> is read in place instead); do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(IEnumerable<T> source, Action<T> body, CancellationToken cancellationToken = default)
        => ParallelForAsync(source, body, options: null, cancellationToken);

    /// <summary>Runs <paramref name="body"/> for every item of a sequence in parallel on the CPU pool, with explicit chunking and parallelism.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The items, enumerated once, on the calling thread before this method returns, into an array (a sequence that is an <see cref="IReadOnlyList{T}"/> is read in place instead); do not change them until the returned task completes.</param>
    /// <param name="body">The body, called once per item on CPU-pool threads (concurrently: it must be thread-safe), in no particular order.</param>
    /// <param name="options">Chunk size and the most threads to use; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Checked before each chunk is claimed: after the cancel, each thread the operation uses finishes at most the one chunk it already claimed, and none claims another.</param>
    /// <returns>A task that completes when every item ran; failures as for <see cref="ParallelMapAsync{TIn, TOut}(ReadOnlyMemory{TIn}, Memory{TOut}, Func{TIn, TOut}, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public ValueTask ParallelForAsync<T>(IEnumerable<T> source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfDisposed(); // before enumerating the source
        return ForEachItem(Materialize(source), body, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> for every item of <paramref name="source"/> on the CPU pool: the one path of every source shape.</summary>
    private ValueTask ForEachItem<T>(ParallelSource<T> source, Action<T> body, ParallelMapOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfDisposed();
        return ParallelForEachOperation<T>.Run(_cpu, _cpuThreads, source, body, options, cancellationToken);
    }

    /// <summary>A sequence as a list: itself when it is one, else its items copied once into an array.</summary>
    private static ParallelSource<T> Materialize<T>(IEnumerable<T> source)
        => new(source as IReadOnlyList<T> ?? [.. source]);
}
