using System.Threading.Channels;

namespace Blitz;

/// <summary>
/// Adds stages to a pipeline whose items are <typeparamref name="T"/> so far. Each call returns the builder of the
/// next step; a builder can be extended (or built) once, because a pipeline is one chain.
/// </summary>
/// <typeparam name="T">The items leaving the last stage added.</typeparam>
public sealed class PipelineBuilder<T>
{
    private readonly PipelineDefinition _definition;

    // Connects everything up to this step at Build: given the queue this step writes into, create the step's own
    // input queue, connect the steps before it to that queue, and register the step with the run.
    private readonly Action<PipelineRun, ChannelWriter<T>> _connect;
    private readonly int _outputCapacity;
    private bool _extended;

    private PipelineBuilder(PipelineDefinition definition, Action<PipelineRun, ChannelWriter<T>> connect, int outputCapacity)
    {
        _definition = definition;
        _connect = connect;
        _outputCapacity = outputCapacity;
    }

    internal static PipelineBuilder<T> FromSource(BlitzRuntime runtime, string name, Func<PipelineRun, ChannelWriter<T>, SourcePump> createPump)
        => new(new PipelineDefinition(runtime, name), (run, queue) => run.SetSource(createPump(run, queue)), new StageOptions().Capacity);

    /// <summary>Adds a stage that awaits <paramref name="transform"/> on the .NET ThreadPool (bucket 1: async I/O; or bucket 2: cheap inline work).</summary>
    /// <typeparam name="TOut">The stage's results.</typeparam>
    /// <param name="name">The stage's name (in metrics and dead letters); unique in the pipeline.</param>
    /// <param name="transform">The work for one item; it receives the pipeline's stop token. A delegate that completes synchronously, or uses a pooling builder, allocates nothing per item.</param>
    /// <param name="options">Parallelism, capacity, ordering and error handling; <see langword="null"/> uses the defaults.</param>
    /// <returns>The builder of the next step.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">This builder was already extended or built.</exception>
    public PipelineBuilder<TOut> ThenAsync<TOut>(string name, Func<T, CancellationToken, ValueTask<TOut>> transform, StageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return AddTransform<TOut, AsyncStageInvoker<T, TOut>>(name, StageKind.Async, new AsyncStageInvoker<T, TOut>(transform), options);
    }

    /// <summary>Adds a stage that runs <paramref name="transform"/> on the runtime's blocking pool (bucket 3: sync I/O, sync-only libraries).</summary>
    /// <typeparam name="TOut">The stage's results.</typeparam>
    /// <param name="name">The stage's name (in metrics and dead letters); unique in the pipeline.</param>
    /// <param name="transform">The work for one item; it receives the pipeline's stop token. Each item is offloaded as a pooled struct work item: nothing is allocated per item.</param>
    /// <param name="options">Parallelism, capacity, ordering and error handling; <see langword="null"/> uses the defaults.</param>
    /// <returns>The builder of the next step.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">This builder was already extended or built.</exception>
    public PipelineBuilder<TOut> ThenBlocking<TOut>(string name, Func<T, CancellationToken, TOut> transform, StageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return AddTransform<TOut, BlockingStageInvoker<T, TOut>>(name, StageKind.Blocking, new BlockingStageInvoker<T, TOut>(_definition.Runtime, transform), options);
    }

    /// <summary>Adds a stage that runs <paramref name="transform"/> on the runtime's CPU pool (bucket 5: compression, hashing, transforms).</summary>
    /// <typeparam name="TOut">The stage's results.</typeparam>
    /// <param name="name">The stage's name (in metrics and dead letters); unique in the pipeline.</param>
    /// <param name="transform">The work for one item; it receives the pipeline's stop token. Each item is offloaded as a pooled struct work item: nothing is allocated per item.</param>
    /// <param name="options">Parallelism, capacity, ordering and error handling; <see langword="null"/> uses the defaults.</param>
    /// <returns>The builder of the next step.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">This builder was already extended or built.</exception>
    public PipelineBuilder<TOut> ThenCpu<TOut>(string name, Func<T, CancellationToken, TOut> transform, StageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return AddTransform<TOut, CpuStageInvoker<T, TOut>>(name, StageKind.Cpu, new CpuStageInvoker<T, TOut>(_definition.Runtime, transform), options);
    }

    /// <summary>
    /// Adds a stage that groups items into arrays of <paramref name="size"/> items, or fewer when
    /// <paramref name="window"/> has passed since a batch's first item. When the input completes, the partial last
    /// batch is emitted; when the pipeline stops, it is dropped (and counted).
    /// </summary>
    /// <param name="name">The stage's name; unique in the pipeline.</param>
    /// <param name="size">The most items in a batch.</param>
    /// <param name="window">The longest a batch stays open after its first item; <see langword="null"/> waits for <paramref name="size"/> items (or completion).</param>
    /// <param name="options">Only <see cref="StageOptions.Capacity"/> applies: a batching stage has one worker, keeps order and cannot fail.</param>
    /// <returns>The builder of the next step.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used, or <paramref name="options"/> asks for more than one worker.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1, or <paramref name="window"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">This builder was already extended or built.</exception>
    public PipelineBuilder<T[]> Batch(string name, int size, TimeSpan? window = null, StageOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (window is TimeSpan span && (span <= TimeSpan.Zero || span.TotalMilliseconds > uint.MaxValue - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The batching window must be positive and at most about 49 days.");
        }

        if (options is { DegreeOfParallelism: > 1 })
        {
            throw new ArgumentException("A batching stage has one worker; leave DegreeOfParallelism at 1.", nameof(options));
        }

        return Add<T[]>(name, options, (run, input, output) => new BatchStage<T>(run, name, size, window, input, output));
    }

    /// <summary>Starts the pipeline.</summary>
    /// <param name="cancellationToken">Stops the pipeline when canceled, as <see cref="Pipeline{T}.CancelAsync"/> does.</param>
    /// <returns>The running pipeline.</returns>
    /// <exception cref="InvalidOperationException">This builder was already extended or built.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public Pipeline<T> Build(CancellationToken cancellationToken = default)
    {
        ThrowIfExtended();
        _definition.Runtime.ThrowIfDisposed();
        _extended = true;
        var run = new PipelineRun(_definition.Runtime, _definition.Name);
        Channel<T> output = run.CreateQueue<T>(_outputCapacity);
        run.SetOutput(output.Writer);
        _connect(run, output.Writer);
        var pipeline = new Pipeline<T>(run, output.Reader);
        _definition.Runtime.PipelineInstruments.Track(run);
        run.Start(cancellationToken);
        return pipeline;
    }

    private PipelineBuilder<TOut> AddTransform<TOut, TInvoker>(string name, StageKind kind, TInvoker invoker, StageOptions? options)
        where TInvoker : struct, IStageInvoker<T, TOut>
    {
        StageOptions settings = options?.Clone() ?? new StageOptions();
        return Add<TOut>(name, settings, (run, input, output) => new TransformStage<T, TOut, TInvoker>(run, name, kind, settings, invoker, input, output));
    }

    private PipelineBuilder<TOut> Add<TOut>(string name, StageOptions? options, Func<PipelineRun, ChannelReader<T>, ChannelWriter<TOut>, PipelineStage> createStage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ThrowIfExtended();
        _definition.ClaimStageName(name);
        _extended = true;
        int capacity = options?.Capacity ?? new StageOptions().Capacity;
        Action<PipelineRun, ChannelWriter<T>> connectBefore = _connect;
        return new PipelineBuilder<TOut>(
            _definition,
            (run, output) =>
            {
                Channel<T> input = run.CreateQueue<T>(capacity);
                connectBefore(run, input.Writer);
                run.AddStage(createStage(run, input.Reader, output));
            },
            capacity);
    }

    private void ThrowIfExtended()
    {
        if (_extended)
        {
            throw new InvalidOperationException("This pipeline builder was already extended or built; a pipeline is a single chain: continue from the builder the last call returned.");
        }
    }
}

/// <summary>What every step of one builder chain shares: the runtime, the pipeline's name and its stage names.</summary>
internal sealed class PipelineDefinition(BlitzRuntime runtime, string name)
{
    private readonly HashSet<string> _stageNames = new(StringComparer.Ordinal);

    public BlitzRuntime Runtime { get; } = runtime;

    public string Name { get; } = name;

    public void ClaimStageName(string stage)
    {
        if (!_stageNames.Add(stage))
        {
            throw new ArgumentException($"The pipeline already has a stage named '{stage}'.", nameof(stage));
        }
    }
}
