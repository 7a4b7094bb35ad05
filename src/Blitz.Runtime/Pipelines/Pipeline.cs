using System.Threading.Channels;

namespace Blitz;

/// <summary>Starts building a pipeline: a source, then stages chained by bounded queues.</summary>
/// <example>
/// <code>
/// await using Pipeline&lt;Report&gt; pipeline = Pipeline.Create(runtime, files)
///     .ThenAsync("read", static (path, ct) =&gt; ReadAsync(path, ct))
///     .ThenCpu("compress", static (data, ct) =&gt; Compress(data), new StageOptions { DegreeOfParallelism = 2 })
///     .ThenAsync("write", static (data, ct) =&gt; WriteAsync(data, ct))
///     .Build(cancellationToken);
/// await foreach (Report report in pipeline.Output.ReadAllAsync()) { ... }
/// await pipeline.Completion;
/// </code>
/// </example>
public static class Pipeline
{
    private static int s_unnamed;

    /// <summary>Starts a pipeline that reads <paramref name="source"/> until it is completed.</summary>
    /// <typeparam name="T">The source's items.</typeparam>
    /// <param name="runtime">The runtime whose pools run blocking and CPU stages, and whose <c>Blitz</c> meter gets the pipeline's instruments.</param>
    /// <param name="source">The source; the pipeline is its only reader.</param>
    /// <param name="name">The pipeline's name in metrics; <c>pipeline-N</c> by default.</param>
    /// <returns>A builder for the first stage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    public static PipelineBuilder<T> Create<T>(BlitzRuntime runtime, ChannelReader<T> source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(source);
        return PipelineBuilder<T>.FromSource(runtime, NameOrDefault(name), (run, queue) => new ChannelSourcePump<T>(run, source, queue));
    }

    /// <summary>Starts a pipeline that enumerates <paramref name="source"/> once, with the pipeline's stop token.</summary>
    /// <typeparam name="T">The source's items.</typeparam>
    /// <param name="runtime">The runtime whose pools run blocking and CPU stages, and whose <c>Blitz</c> meter gets the pipeline's instruments.</param>
    /// <param name="source">The source.</param>
    /// <param name="name">The pipeline's name in metrics; <c>pipeline-N</c> by default.</param>
    /// <returns>A builder for the first stage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    public static PipelineBuilder<T> Create<T>(BlitzRuntime runtime, IAsyncEnumerable<T> source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(source);
        return PipelineBuilder<T>.FromSource(runtime, NameOrDefault(name), (run, queue) => new EnumerableSourcePump<T>(run, source, queue));
    }

    /// <summary>Starts a pipeline that reads a two-lane priority input: high-priority items first, normal items never starved.</summary>
    /// <typeparam name="T">The input's items.</typeparam>
    /// <param name="runtime">The runtime whose pools run blocking and CPU stages.</param>
    /// <param name="source">The input; the pipeline is its only reader.</param>
    /// <param name="name">The pipeline's name in metrics; <c>pipeline-N</c> by default.</param>
    /// <returns>A builder for the first stage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    public static PipelineBuilder<T> Create<T>(BlitzRuntime runtime, PriorityInput<T> source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Create(runtime, source.Reader, name);
    }

    private static string NameOrDefault(string? name)
    {
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            return name;
        }

        return $"pipeline-{Interlocked.Increment(ref s_unnamed)}";
    }
}
