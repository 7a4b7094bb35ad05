namespace Blitz;

/// <summary>
/// A FIFO of <see cref="WorkItem"/>s linked through their own fields: no allocation per item, O(1) removal from the
/// middle for cancellation. Not thread-safe: the owning <see cref="WorkerPool"/> guards it with its lock.
/// </summary>
internal sealed class WorkQueue
{
    private WorkItem? _head;
    private WorkItem? _tail;

    public int Count { get; private set; }

    public void Enqueue(WorkItem item)
    {
        item.Next = null;
        item.Previous = _tail;
        if (_tail is null)
        {
            _head = item;
        }
        else
        {
            _tail.Next = item;
        }

        _tail = item;
        Count++;
    }

    public WorkItem? Dequeue()
    {
        WorkItem? head = _head;
        if (head is not null)
        {
            Remove(head);
        }

        return head;
    }

    public void Remove(WorkItem item)
    {
        if (item.Previous is null)
        {
            _head = item.Next;
        }
        else
        {
            item.Previous.Next = item.Next;
        }

        if (item.Next is null)
        {
            _tail = item.Previous;
        }
        else
        {
            item.Next.Previous = item.Previous;
        }

        item.Next = null;
        item.Previous = null;
        Count--;
    }
}
