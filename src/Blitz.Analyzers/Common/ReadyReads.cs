using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A sync read that runs only once its receiver says data is waiting (<c>if (stream.DataAvailable) count =
/// stream.Read(buffer, 0, buffer.Length); else count = await stream.ReadAsync(...)</c>, <c>if (socket.Available &gt; 0)
/// socket.Receive(buffer)</c>): the bytes are in the receive buffer, so the read copies them and returns. Libraries use
/// it as a fast path beside the awaited read; it does not wait on the network.
/// </summary>
internal static class ReadyReads
{
    /// <summary>True when <paramref name="read"/> is a <c>Read</c>/<c>Receive</c> guarded by its own receiver's readiness.</summary>
    public static bool IsGuardedRead(IInvocationOperation read)
    {
        if (read.TargetMethod.Name is not ("Read" or "Receive" or "ReadByte") || read.Instance is null
            || OperationHelpers.ReferencedSymbol(read.Instance) is not { } receiver)
        {
            return false;
        }

        return OperationHelpers.IsGuardedBy(read, condition => SaysReady(condition, receiver));
    }

    /// <summary><c>receiver.DataAvailable</c>, or <c>receiver.Available</c> compared above zero (<c>&gt; 0</c>, <c>!= 0</c>).</summary>
    private static bool SaysReady(IOperation condition, ISymbol receiver)
    {
        condition = OperationHelpers.WithoutConversions(condition);
        if (condition is IPropertyReferenceOperation { Property.Name: "DataAvailable", Instance: { } instance })
        {
            return SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(instance), receiver);
        }

        return condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.NotEquals } comparison
            && OperationHelpers.IsConstantZero(comparison.RightOperand)
            && OperationHelpers.WithoutConversions(comparison.LeftOperand) is IPropertyReferenceOperation { Property.Name: "Available", Instance: { } socket }
            && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(socket), receiver);
    }
}
