using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A sync read that runs only once its receiver says data is waiting, in the branch of a check or after an early exit
/// when it is not (<c>if (!socket.Poll(0, SelectMode.SelectRead)) return true;</c>) (<c>if (stream.DataAvailable) count =
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

        return OperationHelpers.IsGuardedBy(read, condition => SaysReady(condition, receiver)) || FollowsNotReadyExit(read, receiver);
    }

    /// <summary>
    /// <c>if (!socket.Poll(0, SelectMode.SelectRead)) return true; return socket.Receive(probe, SocketFlags.Peek) != 0;</c>:
    /// an earlier statement of the same block leaves unless the receiver is ready.
    /// </summary>
    private static bool FollowsNotReadyExit(IInvocationOperation read, ISymbol receiver)
    {
        IOperation statement = read;
        while (statement.Parent is not null and not IBlockOperation)
        {
            statement = statement.Parent;
        }

        if (statement.Parent is not IBlockOperation block)
        {
            return false;
        }

        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { WhenFalse: null, Condition: IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var ready }, WhenTrue: var exit }
                && Exits(exit) && SaysReady(ready, receiver))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(IOperation branch) =>
        (branch is IBlockOperation { Operations: { Length: > 0 } operations } ? operations[operations.Length - 1] : branch)
            is IReturnOperation or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

    /// <summary>
    /// <c>receiver.DataAvailable</c>, <c>receiver.Available</c> compared above zero (<c>&gt; 0</c>, <c>!= 0</c>), or
    /// <c>receiver.Poll(timeout, SelectMode.SelectRead)</c> (true: data waits, or the peer closed and the read returns 0).
    /// </summary>
    private static bool SaysReady(IOperation condition, ISymbol receiver)
    {
        condition = OperationHelpers.WithoutConversions(condition);
        if (condition is IPropertyReferenceOperation { Property.Name: "DataAvailable", Instance: { } instance })
        {
            return SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(instance), receiver);
        }

        if (condition is IInvocationOperation { TargetMethod.Name: "Poll", Instance: { } polled, Arguments: { Length: 2 } arguments }
            && arguments[1].Value is IFieldReferenceOperation { Field.Name: "SelectRead" })
        {
            return SameReceiver(polled, receiver);
        }

        return condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.NotEquals } comparison
            && OperationHelpers.IsConstantZero(comparison.RightOperand)
            && ValueOf(comparison.LeftOperand) is IPropertyReferenceOperation { Property.Name: "Available", Instance: { } socket }
            && SameReceiver(socket, receiver);
    }

    /// <summary>The operand, or for a local (<c>var available = socket.Available;</c>) the one value it is ever given.</summary>
    private static IOperation ValueOf(IOperation operand)
    {
        operand = OperationHelpers.WithoutConversions(operand);
        return operand is ILocalReferenceOperation { Local: var local } && operand.SemanticModel is { } model
            && LocalWrites.SoleValue(local, model, default) is { } value
            ? OperationHelpers.WithoutConversions(value)
            : operand;
    }

    /// <summary><c>_client.Client</c> and <c>_client.Client</c>: the same member read off the same variable, or the same variable.</summary>
    private static bool SameReceiver(IOperation operation, ISymbol receiver) =>
        SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(operation), receiver);
}
