namespace Blitz.Generators.Tests.Fixtures;

/// <summary>An instance target: the work item holds the instance, so state is shared with the caller.</summary>
public sealed partial class Counter
{
    private int total;

    public int Total => Volatile.Read(ref total);

    [Blocking]
    public int Increment(int by) => Interlocked.Add(ref total, by);
}

/// <summary>A generic containing type with an instance target that uses its type parameter.</summary>
public partial class Registry<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, string> names = new();

    [CpuBound]
    public string GetOrAdd(TKey key, Func<TKey, string> factory)
    {
        lock (names)
        {
            if (!names.TryGetValue(key, out string? name))
            {
                name = factory(key);
                names.Add(key, name);
            }

            return name;
        }
    }
}

/// <summary>Nested partial types, a record and a struct (static members only for structs).</summary>
public partial class Outer
{
    internal partial struct Middle
    {
        public partial record Inner(int Depth)
        {
            [Blocking]
            internal int Deeper(int by) => Depth + by;
        }

        [CpuBound]
        internal static int Square(int x) => x * x;
    }
}
