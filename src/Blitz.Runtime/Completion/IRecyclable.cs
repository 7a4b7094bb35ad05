namespace Blitz;

/// <summary>A pooled value-task source that goes back to its pool once its one result was read.</summary>
internal interface IRecyclable
{
    /// <summary>Clears what the finished operation held and returns the source to its pool; its core is already reset.</summary>
    void Recycle();
}
