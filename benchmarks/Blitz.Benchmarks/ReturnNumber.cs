namespace Blitz.Benchmarks;

/// <summary>Trivial work packed in a struct, so only the cost of offloading it is measured.</summary>
public readonly struct ReturnNumber(int number) : IOffloadWork<int>
{
    public int Execute(CancellationToken cancellationToken) => number + 1;
}
