namespace Blitz;

/// <summary>
/// A FIFO of nodes linked through their own fields: queuing allocates nothing, and a node is unlinked from the
/// middle in O(1) (a canceled wait or work item, a sleeper whose keep-alive expired). Not thread-safe: its owner
/// guards it with a lock. It serves the pools' work held back by a full queue, the pools' sleeping threads (taken
/// newest first) and the bounded channels' waiters.
/// </summary>
/// <typeparam name="TNode">The node type.</typeparam>
internal sealed class IntrusiveQueue<TNode>
    where TNode : IntrusiveNode<TNode>
{
    private TNode? _head;
    private TNode? _tail;

    public int Count { get; private set; }

    public bool IsEmpty => _head is null;

    public void Enqueue(TNode node)
    {
        node.Next = null;
        node.Previous = _tail;
        if (_tail is null)
        {
            _head = node;
        }
        else
        {
            _tail.Next = node;
        }

        _tail = node;
        node.IsLinked = true;
        Count++;
    }

    public TNode? Dequeue()
    {
        TNode? head = _head;
        if (head is not null)
        {
            Remove(head);
        }

        return head;
    }

    /// <summary>Takes the most recently queued node (for a last-in, first-out use).</summary>
    public TNode? DequeueNewest()
    {
        TNode? tail = _tail;
        if (tail is not null)
        {
            Remove(tail);
        }

        return tail;
    }

    /// <summary>Unlinks a node that is in this queue (<see cref="IntrusiveNode{TNode}.IsLinked"/>).</summary>
    public void Remove(TNode node)
    {
        if (node.Previous is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Next = null;
        node.Previous = null;
        node.IsLinked = false;
        Count--;
    }

    /// <summary>Empties the queue and returns its nodes, oldest first, as one chain linked by <c>Next</c>.</summary>
    public TNode? DetachAll()
    {
        TNode? chain = _head;
        for (TNode? node = chain; node is not null; node = node.Next)
        {
            node.IsLinked = false;
            node.Previous = null;
        }

        _head = _tail = null;
        Count = 0;
        return chain;
    }
}
