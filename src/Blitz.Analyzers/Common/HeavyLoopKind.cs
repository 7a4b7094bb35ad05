namespace Blitz.Analyzers.Common;

/// <summary>What makes a loop heavy (see <see cref="HeavyLoops.Classify"/>).</summary>
internal enum HeavyLoopKind
{
    /// <summary>The loop is not heavy.</summary>
    None,

    /// <summary>A for loop over an input bound with a nested for loop that indexes elements.</summary>
    NestedPerElement,

    /// <summary>A loop that walks, element by element, a byte payload read whole in the same method.</summary>
    BytewiseOverWholePayload,

    /// <summary>A hashing call repeated an input-dependent number of times.</summary>
    RepeatedHashing,

    /// <summary>A counted loop of plain arithmetic with at least <see cref="CountedLoops.HeavyPasses"/> passes.</summary>
    LongArithmeticLoop,
}
