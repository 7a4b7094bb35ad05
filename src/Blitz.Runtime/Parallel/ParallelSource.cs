using System.Runtime.InteropServices;

namespace Blitz;

/// <summary>
/// The items of a parallel operation, read in place: memory and arrays (and a <see cref="List{T}"/>, through
/// <see cref="CollectionsMarshal.AsSpan{T}(List{T})"/>) as a span, any other <see cref="IReadOnlyList{T}"/> through
/// its indexer. Nothing is copied, so the caller must not change the items until the operation completed.
/// </summary>
internal readonly struct ParallelSource<T>
{
    private readonly ReadOnlyMemory<T> _memory;
    private readonly IReadOnlyList<T>? _list;

    public ParallelSource(ReadOnlyMemory<T> memory)
    {
        _memory = memory;
        Count = memory.Length;
    }

    public ParallelSource(IReadOnlyList<T> list)
    {
        if (list is T[] array)
        {
            _memory = array;
        }
        else
        {
            _list = list;
        }

        Count = list.Count;
    }

    public int Count { get; }

    /// <summary>The list read through its indexer when <see cref="TryGetSpan"/> returned false.</summary>
    public IReadOnlyList<T> List => _list!;

    /// <summary>The items as a span when they are contiguous in memory; false for a list read by index.</summary>
    public bool TryGetSpan(out ReadOnlySpan<T> items)
    {
        switch (_list)
        {
            case null:
                items = _memory.Span;
                return true;
            case List<T> list:
                items = CollectionsMarshal.AsSpan(list);
                return true;
            default:
                items = default;
                return false;
        }
    }
}
