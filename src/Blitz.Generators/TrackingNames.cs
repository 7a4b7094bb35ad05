namespace Blitz.Generators;

/// <summary>The names of the pipeline's steps, so that incremental tests can read each step's run reasons.</summary>
public static class TrackingNames
{
    /// <summary>Methods marked <c>[Blocking]</c>, parsed into models (<see langword="null"/> for an invalid target).</summary>
    public const string BlockingTargets = nameof(BlockingTargets);

    /// <summary>Methods marked <c>[CpuBound]</c>, parsed into models (<see langword="null"/> for an invalid target).</summary>
    public const string CpuBoundTargets = nameof(CpuBoundTargets);

    /// <summary>The valid <c>[Blocking]</c> targets, the input of the source output.</summary>
    public const string ValidBlockingTargets = nameof(ValidBlockingTargets);

    /// <summary>The valid <c>[CpuBound]</c> targets, the input of the source output.</summary>
    public const string ValidCpuBoundTargets = nameof(ValidCpuBoundTargets);
}
