namespace Blitz;

/// <summary>A node of an <see cref="IntrusiveQueue{TNode}"/>: the links live in the node, so queuing allocates nothing.</summary>
/// <typeparam name="TNode">The concrete node type.</typeparam>
internal abstract class IntrusiveNode<TNode>
    where TNode : IntrusiveNode<TNode>
{
    /// <summary>The next node, toward the tail; after <see cref="IntrusiveQueue{TNode}.DetachAll"/>, the next of the chain.</summary>
    internal TNode? Next;

    /// <summary>The previous node, toward the head.</summary>
    internal TNode? Previous;

    /// <summary>Whether the node is in a queue now; read and written under the queue owner's lock.</summary>
    internal bool IsLinked;
}
