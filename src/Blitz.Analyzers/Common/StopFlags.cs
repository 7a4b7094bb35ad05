using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A loop whose condition is a stop flag: <c>while (!_stopping)</c>, <c>while (Running)</c>, <c>while (client.Connected)</c>,
/// or a captured variable (<c>while (running)</c> in a lambda): a bool that other code clears, so the loop lives until
/// then, like <c>while (!token.IsCancellationRequested)</c>. The flag is a field or parameterless property of this object
/// or a static one (another object's state, such as <c>reader.EndOfStream</c>, moves with what the loop does to it), a
/// connection's <c>Connected</c>/<c>IsConnected</c>, or a local of an enclosing function; and the loop never writes it.
/// </summary>
internal static class StopFlags
{
    /// <summary>True when <paramref name="loop"/>'s condition (a <c>while</c> or <c>for</c> tested first) is a stop flag.</summary>
    public static bool Controls(ILoopOperation loop)
    {
        var condition = loop switch
        {
            IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false } w => w.Condition,
            IForLoopOperation f => f.Condition,
            _ => null,
        };
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = not.Operand;
        }

        if (condition?.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return false;
        }

        ISymbol? flag = condition switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field: var field } => field,
            IPropertyReferenceOperation { Arguments.Length: 0, Instance: null or IInstanceReferenceOperation, Property: var property } => property,
            IPropertyReferenceOperation { Arguments.Length: 0, Property: { Name: "Connected" or "IsConnected" } connection } => connection,
            ILocalReferenceOperation { Local: var local } when IsCaptured(local, loop) => local,
            _ => null,
        };
        return flag is not null && !IsWrittenIn(loop, flag);
    }

    /// <summary>A local declared outside the function that holds the loop (a lambda's captured variable).</summary>
    private static bool IsCaptured(ILocalSymbol local, ILoopOperation loop) =>
        AsyncContext.EnclosingFunction(loop) is { } function
        && local.DeclaringSyntaxReferences.Length == 1
        && !function.Syntax.Span.Contains(local.DeclaringSyntaxReferences[0].Span);

    private static bool IsWrittenIn(ILoopOperation loop, ISymbol flag)
    {
        foreach (var operation in loop.Descendants())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation step => step.Target,
                _ => null,
            };
            var written = target switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                ILocalReferenceOperation local => (ISymbol)local.Local,
                _ => null,
            };
            if (written is not null && SymbolEqualityComparer.Default.Equals(written.OriginalDefinition, flag.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
