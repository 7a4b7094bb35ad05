using System.Collections;
using System.Collections.ObjectModel;

namespace Blitz.Runtime.Tests;

/// <summary>ParallelMapAsync and ParallelForAsync over arrays, lists, other read-only lists and plain sequences.</summary>
public class ParallelSourceTests
{
    private const int Count = 10_000;

    private static readonly ParallelMapOptions SmallChunks = new() { ChunkSize = 7 };

    /// <summary>Every source shape, holding 0 .. Count - 1.</summary>
    public static TheoryData<string> Shapes => ["array", "List", "IReadOnlyList", "IEnumerable"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ParallelMapAsync_over_each_source_shape_returns_the_results_in_input_order(string shape)
    {
        await using var runtime = TestSupport.NewRuntime();
        int[] expected = Enumerable.Range(0, Count).Select(static x => x * 3).ToArray();
        Assert.Equal(expected, await MapAsync(runtime, shape, Enumerable.Range(0, Count), static x => x * 3, options: null));
        Assert.Equal(expected, await MapAsync(runtime, shape, Enumerable.Range(0, Count), static x => x * 3, SmallChunks));
        Assert.Empty(await MapAsync(runtime, shape, [], static x => x, options: null));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ParallelForAsync_over_each_source_shape_runs_the_body_once_per_item(string shape)
    {
        await using var runtime = TestSupport.NewRuntime();
        var seen = new int[Count];
        await ForAsync(runtime, shape, Enumerable.Range(0, Count), x => Interlocked.Increment(ref seen[x]), SmallChunks, default);
        Assert.All(seen, static hits => Assert.Equal(1, hits));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_exception_of_the_function_fails_the_task_for_each_source_shape(string shape)
    {
        await using var runtime = TestSupport.NewRuntime();
        var single = new ParallelMapOptions { MaxDegreeOfParallelism = 1 };
        var mapError = await Assert.ThrowsAsync<FormatException>(async () =>
            await MapAsync(runtime, shape, Enumerable.Range(0, 100), static x => x == 42 ? throw new FormatException("item 42") : x, single));
        Assert.Equal("item 42", mapError.Message);

        var forError = await Assert.ThrowsAsync<FormatException>(async () =>
            await ForAsync(runtime, shape, Enumerable.Range(0, 100), static x => { if (x == 42) { throw new FormatException("item 42"); } }, single, default));
        Assert.Equal("item 42", forError.Message);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Cancellation_stops_each_source_shape_between_chunks(string shape)
    {
        await using var runtime = TestSupport.NewRuntime(o => o.CpuThreads = 2);
        using var cts = new CancellationTokenSource();
        var body = new CancelAtItem(cts, at: 100);
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await ForAsync(runtime, shape, Enumerable.Range(0, Count), _ => body.Run(), new ParallelMapOptions { ChunkSize = 10 }, cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
        int processed = body.Processed;

        // Each of the 2 runners finishes at most the chunk of 10 it holds and claims no other: fewer than 2 x 10 items
        // run after the cancel, and only whole chunks run.
        Assert.InRange(processed, 100, 100 + (2 * 10) - 1);
        Assert.Equal(0, processed % 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await MapAsync(runtime, shape, Enumerable.Range(0, 10), static x => x, options: null, cts.Token));
    }

    [Fact]
    public async Task The_natural_call_shapes_infer_their_types()
    {
        await using var runtime = TestSupport.NewRuntime();
        int[] array = [1, 2, 3];
        List<int> list = [1, 2, 3];
        IReadOnlyList<int> readOnly = list.AsReadOnly();
        IEnumerable<int> sequence = list.Where(static x => x > 0);

        string[] fromArray = await runtime.ParallelMapAsync(array, static x => x.ToString());
        string[] fromList = await runtime.ParallelMapAsync(list, static x => x.ToString());
        string[] fromReadOnly = await runtime.ParallelMapAsync(readOnly, static x => x.ToString());
        string[] fromSequence = await runtime.ParallelMapAsync(sequence, static x => x.ToString());
        Assert.All([fromArray, fromList, fromReadOnly, fromSequence], static result => Assert.Equal(["1", "2", "3"], result));

        int sum = 0;
        await runtime.ParallelForAsync(array, x => Interlocked.Add(ref sum, x));
        await runtime.ParallelForAsync(list, x => Interlocked.Add(ref sum, x));
        await runtime.ParallelForAsync(readOnly, x => Interlocked.Add(ref sum, x));
        await runtime.ParallelForAsync(sequence, x => Interlocked.Add(ref sum, x));
        await runtime.ParallelForAsync(new ReadOnlyMemory<int>(array), x => Interlocked.Add(ref sum, x));
        Assert.Equal(5 * 6, sum);
    }

    [Fact]
    public async Task A_read_only_list_is_read_by_index_in_place_and_never_enumerated()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = new IndexOnlyList(Count);
        Assert.Equal(Enumerable.Range(0, Count), await runtime.ParallelMapAsync(source, static x => x, SmallChunks));
        await runtime.ParallelForAsync(source, static _ => { }, SmallChunks);
        Assert.Equal(2 * Count, source.Reads);
    }

    [Fact]
    public async Task A_sequence_is_enumerated_once()
    {
        await using var runtime = TestSupport.NewRuntime();
        var source = new CountingSequence(Count);
        Assert.Equal(Enumerable.Range(0, Count), await runtime.ParallelMapAsync(source, static x => x));
        Assert.Equal(1, source.Enumerations);

        int sum = 0;
        await runtime.ParallelForAsync(source, x => Interlocked.Add(ref sum, x));
        Assert.Equal(2, source.Enumerations);
        Assert.Equal(Count * (Count - 1) / 2, sum);
    }

    [Fact]
    public async Task A_null_source_or_function_throws_ArgumentNullException_naming_it()
    {
        await using var runtime = TestSupport.NewRuntime();
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync((int[])null!, static x => x)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync((List<int>)null!, static x => x)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync((IEnumerable<int>)null!, static x => x)).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync(new int[1], (Func<int, int>)null!)).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync(new List<int>(), (Func<int, int>)null!)).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => runtime.ParallelMapAsync(Enumerable.Empty<int>(), (Func<int, int>)null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync((int[])null!, static _ => { })).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync((List<int>)null!, static _ => { })).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync((IEnumerable<int>)null!, static _ => { })).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync(new int[1], (Action<int>)null!)).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync(new List<int>(), (Action<int>)null!)).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => runtime.ParallelForAsync(ReadOnlyMemory<int>.Empty, (Action<int>)null!)).ParamName);
    }

    private static ValueTask<int[]> MapAsync(BlitzRuntime runtime, string shape, IEnumerable<int> items, Func<int, int> map, ParallelMapOptions? options, CancellationToken cancellationToken = default)
        => shape switch
        {
            "array" => runtime.ParallelMapAsync(items.ToArray(), map, options, cancellationToken),
            "List" => runtime.ParallelMapAsync(items.ToList(), map, options, cancellationToken),
            "IReadOnlyList" => runtime.ParallelMapAsync(new ReadOnlyCollection<int>(items.ToArray()), map, options, cancellationToken),
            _ => runtime.ParallelMapAsync(items.Select(static x => x), map, options, cancellationToken),
        };

    private static ValueTask ForAsync(BlitzRuntime runtime, string shape, IEnumerable<int> items, Action<int> body, ParallelMapOptions? options, CancellationToken cancellationToken)
        => shape switch
        {
            "array" => runtime.ParallelForAsync(items.ToArray(), body, options, cancellationToken),
            "List" => runtime.ParallelForAsync(items.ToList(), body, options, cancellationToken),
            "IReadOnlyList" => runtime.ParallelForAsync(new ReadOnlyCollection<int>(items.ToArray()), body, options, cancellationToken),
            _ => runtime.ParallelForAsync(items.Select(static x => x), body, options, cancellationToken),
        };

    /// <summary>A list whose item i is i; it counts indexer reads and fails if enumerated (which would be a copy).</summary>
    private sealed class IndexOnlyList(int count) : IReadOnlyList<int>
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public int Count => count;

        public int this[int index]
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return index;
            }
        }

        public IEnumerator<int> GetEnumerator() => throw new InvalidOperationException("The list was enumerated.");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A sequence of 0 .. count - 1 that counts how often it was enumerated.</summary>
    private sealed class CountingSequence(int count) : IEnumerable<int>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<int> GetEnumerator()
        {
            Enumerations++;
            return Enumerable.Range(0, count).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
