using System.Diagnostics.Metrics;

namespace Blitz;

/// <summary>
/// Configuration of a <see cref="BlitzRuntime"/>. Each setter validates its value and throws an exception that names
/// the option; the runtime takes a copy when it is constructed, so later changes do not affect a running runtime.
/// </summary>
public sealed class BlitzOptions
{
    /// <summary>The default of <see cref="BlockingQueueCapacity"/>.</summary>
    public const int DefaultBlockingQueueCapacity = 16_384;

    private int _maxBlockingThreads = 512;
    private TimeSpan _blockingKeepAlive = TimeSpan.FromSeconds(10);
    private int? _blockingQueueCapacity = DefaultBlockingQueueCapacity;
    private int _cpuThreads = Environment.ProcessorCount;
    private string _threadNamePrefix = "blitz";
    private TimeSpan? _stallThreshold;
    private TimeSpan _stallProbeInterval = TimeSpan.FromMilliseconds(100);
    private TimeSpan _dedicatedStopTimeout = TimeSpan.FromSeconds(5);
    private string _name = "default";

    /// <summary>
    /// The runtime's name in metrics (default <c>default</c>): every instrument of the runtime's
    /// <see cref="BlitzMetrics.MeterName"/> meter carries it as the <see cref="BlitzMetrics.RuntimeTag"/> tag, so two
    /// runtimes in one process publish distinct series.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string Name
    {
        get => _name;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Name));
            _name = value;
        }
    }

    /// <summary>
    /// The factory that creates the runtime's meter, such as the <see cref="IMeterFactory"/> of a host's services
    /// (the hosting package passes it); <see langword="null"/> (the default) makes the runtime create and dispose its
    /// own meter. A meter from a factory belongs to the factory, which disposes it.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// The most threads the blocking pool starts (default 512). Threads start on demand, when work arrives and no
    /// blocking thread is idle.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxBlockingThreads
    {
        get => _maxBlockingThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxBlockingThreads));
            _maxBlockingThreads = value;
        }
    }

    /// <summary>
    /// How long an idle blocking thread waits for work before it exits (default 10 seconds).
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps idle threads forever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public TimeSpan BlockingKeepAlive
    {
        get => _blockingKeepAlive;
        set
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(BlockingKeepAlive), value, "The keep-alive must not be negative (use Timeout.InfiniteTimeSpan to keep idle threads forever).");
            }

            _blockingKeepAlive = value;
        }
    }

    /// <summary>
    /// The most work items the blocking pool holds queued, waiting for a thread (default
    /// <see cref="DefaultBlockingQueueCapacity"/>, 16,384); <see langword="null"/> means unbounded. When the queue is
    /// full, <see cref="BlitzRuntime.TrySpawnBlocking{TWork, TResult}(TWork, out ValueTask{TResult}, CancellationToken)"/>
    /// returns <see langword="false"/> and <c>SpawnBlocking</c> accepts the work but holds it, in arrival order,
    /// until the queue has room: the returned task completes later, which slows a producer that awaits it, and
    /// nothing is dropped.
    /// </summary>
    /// <remarks>
    /// The bound keeps a runaway producer from growing the queue without limit; the default is large enough
    /// (32 queued items per thread at 512 threads) that a healthy service never meets it.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? BlockingQueueCapacity
    {
        get => _blockingQueueCapacity;
        set
        {
            if (value is int capacity)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity, nameof(BlockingQueueCapacity));
            }

            _blockingQueueCapacity = value;
        }
    }

    /// <summary>
    /// The number of CPU pool threads (default: the processors available to the process, from its affinity mask
    /// and CPU limits, as <see cref="Environment.ProcessorCount"/> reports them). The threads start lazily.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int CpuThreads
    {
        get => _cpuThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(CpuThreads));
            _cpuThreads = value;
        }
    }

    /// <summary>
    /// The prefix of every thread Blitz starts (default <c>blitz</c>): blocking threads are named
    /// <c>{prefix}-blocking-{n}</c> and CPU threads <c>{prefix}-cpu-{n}</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string ThreadNamePrefix
    {
        get => _threadNamePrefix;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(ThreadNamePrefix));
            _threadNamePrefix = value;
        }
    }

    /// <summary>
    /// How late a probe queued to the .NET ThreadPool may start before <see cref="BlitzRuntime.StallDetected"/> is
    /// raised; <see langword="null"/> (the default) turns the stall monitor off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? StallThreshold
    {
        get => _stallThreshold;
        set
        {
            if (value is TimeSpan threshold && threshold <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(StallThreshold), value, "The stall threshold must be positive, or null to turn the monitor off.");
            }

            _stallThreshold = value;
        }
    }

    /// <summary>
    /// How often the stall monitor queues a probe to the .NET ThreadPool while <see cref="StallThreshold"/> is set
    /// (default 100 ms). A new probe is queued only after the previous one ran, so a stall is reported once, with
    /// its full length, when the ThreadPool finally runs the probe.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan StallProbeInterval
    {
        get => _stallProbeInterval;
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(StallProbeInterval), value, "The probe interval must be positive.");
            }

            _stallProbeInterval = value;
        }
    }

    /// <summary>
    /// How long disposal waits for dedicated threads to return after it asked them to stop (default 5 seconds).
    /// When it elapses, disposal stops waiting and throws a <see cref="DedicatedThreadTimeoutException"/> that names
    /// the threads still running; they are background threads, so they do not keep the process alive.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for them forever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The value is negative and not <see cref="Timeout.InfiniteTimeSpan"/>, or longer than <see cref="int.MaxValue"/> milliseconds.
    /// </exception>
    public TimeSpan DedicatedStopTimeout
    {
        get => _dedicatedStopTimeout;
        set
        {
            if ((value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan) || value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(DedicatedStopTimeout), value, "The stop timeout must be between zero and int.MaxValue milliseconds (use Timeout.InfiniteTimeSpan to wait for dedicated threads forever).");
            }

            _dedicatedStopTimeout = value;
        }
    }

    /// <summary>What disposal does with accepted work that has not started (default <see cref="ShutdownMode.Drain"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Blitz.ShutdownMode"/>.</exception>
    public ShutdownMode ShutdownMode
    {
        get => field;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(ShutdownMode), value, "Unknown shutdown mode.");
            }

            field = value;
        }
    }

    internal BlitzOptions Clone() => (BlitzOptions)MemberwiseClone();
}
