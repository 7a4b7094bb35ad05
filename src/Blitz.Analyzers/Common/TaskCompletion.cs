using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Proves that a task is already complete where its result is read, so that <c>.Result</c> does not block: it was
/// awaited earlier in the same function (directly or inside an awaited <c>Task.WhenAll</c>), or the read is guarded
/// by <c>IsCompleted</c>/<c>IsCompletedSuccessfully</c> or <c>Status == TaskStatus.RanToCompletion</c>. These are the most reported false positives of other analyzers.
/// </summary>
internal static class TaskCompletion
{
    private static readonly string[] CompletionProperties = { "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled" };

    public static bool IsProvablyComplete(IOperation taskExpression, IOperation use, BlitzSymbols symbols)
    {
        var task = TaskSymbolOf(taskExpression);
        return task is not null && (IsInsideCompletionTest(task, use) || IsCompleteByEarlierCode(task, use, symbols));
    }

    /// <summary>The symbol that identifies the task: a local/parameter/field, or the collection an element or a foreach variable comes from.</summary>
    private static ISymbol? TaskSymbolOf(IOperation taskExpression)
    {
        var expression = OperationHelpers.WithoutConversions(taskExpression);
        return expression switch
        {
            IArrayElementReferenceOperation element => OperationHelpers.ReferencedSymbol(element.ArrayReference),
            IPropertyReferenceOperation { Arguments.Length: > 0 } indexer => OperationHelpers.ReferencedSymbol(indexer.Instance),
            _ => OperationHelpers.ReferencedSymbol(expression),
        };
    }

    /// <summary>The read sits in the true branch of "if (task.IsCompleted)" (or the false branch of its negation).</summary>
    private static bool IsInsideCompletionTest(ISymbol task, IOperation use)
    {
        for (IOperation? child = use, parent = use.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && conditional.Condition != child
                && IsCompletionTest(conditional.Condition, task, out var negated)
                && (negated ? conditional.WhenFalse == child : conditional.WhenTrue == child))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>
    /// Code before the read, in the same function, that completes the task: an "if (!task.IsCompleted) { return/throw/await
    /// task }" guard, an await of the task or of a Task.WhenAll over it (or over the collection a foreach variable comes
    /// from), or "var task = await Task.WhenAny(...)". One walk of the function body collects what the checks need.
    /// </summary>
    private static bool IsCompleteByEarlierCode(ISymbol task, IOperation use, BlitzSymbols symbols)
    {
        var local = task as ILocalSymbol;
        ISymbol? foreachCollection = null;
        List<IAwaitOperation>? earlierAwaits = null;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(use)))
        {
            switch (operation)
            {
                case IConditionalOperation guard when guard.Syntax.Span.End <= use.Syntax.SpanStart
                    && IsCompletionTest(guard.Condition, task, out var negated) && negated
                    && OperationHelpers.DescendantsInSameFunction(guard.WhenTrue).Any(o => o is IReturnOperation or IThrowOperation
                        || (o is IAwaitOperation awaited && Awaits(awaited.Operation, task))):
                    return true;
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, task) && IsAwaitedWhenAny(initial):
                    return true;
                case IAwaitOperation awaited when awaited.Syntax.Span.End <= use.Syntax.SpanStart:
                    (earlierAwaits ??= new List<IAwaitOperation>()).Add(awaited);
                    break;
                case IForEachLoopOperation loop when local is not null && foreachCollection is null && loop.Locals.Contains(local, SymbolEqualityComparer.Default):
                    foreachCollection = OperationHelpers.ReferencedSymbol(loop.Collection);
                    break;
            }
        }

        return earlierAwaits is not null && earlierAwaits.Any(awaited => Awaits(awaited.Operation, task) || AwaitsAll(awaited.Operation, task, symbols)
            || (foreachCollection is not null && AwaitsAll(awaited.Operation, foreachCollection, symbols)));
    }

    private static bool IsCompletionTest(IOperation condition, ISymbol task, out bool negated)
    {
        negated = false;
        condition = OperationHelpers.WithoutConversions(condition);
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            negated = true;
            condition = OperationHelpers.WithoutConversions(not.Operand);
        }

        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and && !negated)
        {
            return IsCompletionTest(and.LeftOperand, task, out var left) && !left
                || IsCompletionTest(and.RightOperand, task, out var right) && !right;
        }

        // task.Status == TaskStatus.RanToCompletion (or Faulted, Canceled): a final state; "!=" is the negated test.
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
        {
            var isFinal = IsStatusOf(comparison.LeftOperand, task) && IsFinalStatus(comparison.RightOperand)
                || IsStatusOf(comparison.RightOperand, task) && IsFinalStatus(comparison.LeftOperand);
            negated ^= comparison.OperatorKind == BinaryOperatorKind.NotEquals;
            return isFinal;
        }

        return condition is IPropertyReferenceOperation property
            && CompletionProperties.Contains(property.Property.Name)
            && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(property.Instance), task);
    }

    private static bool IsStatusOf(IOperation operand, ISymbol task) =>
        OperationHelpers.WithoutConversions(operand) is IPropertyReferenceOperation { Property.Name: "Status" } status
        && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(status.Instance), task);

    private static bool IsFinalStatus(IOperation operand) =>
        OperationHelpers.WithoutConversions(operand) is IFieldReferenceOperation { Field: { ContainingType.Name: "TaskStatus", Name: "RanToCompletion" or "Faulted" or "Canceled" } };

    private static bool IsAwaitedWhenAny(IOperation value) =>
        OperationHelpers.WithoutConversions(value) is IAwaitOperation awaited
        && Unawaitable(awaited.Operation) is IInvocationOperation { TargetMethod: { Name: "WhenAny", ContainingType.Name: "Task" } };

    private static IOperation Unawaitable(IOperation operation)
    {
        operation = OperationHelpers.WithoutConversions(operation);
        while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
        {
            operation = OperationHelpers.WithoutConversions(instance);
        }

        return operation;
    }

    private static bool Awaits(IOperation awaited, ISymbol task) =>
        SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(Unawaitable(awaited)), task);

    private static bool AwaitsAll(IOperation awaited, ISymbol task, BlitzSymbols symbols)
    {
        if (Unawaitable(awaited) is not IInvocationOperation whenAll
            || !symbols.TaskWhenAll.Contains(whenAll.TargetMethod.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            return false;
        }

        foreach (var argument in whenAll.Arguments)
        {
            foreach (var element in Elements(argument.Value))
            {
                if (SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(element), task))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<IOperation> Elements(IOperation value)
    {
        value = OperationHelpers.WithoutConversions(value);
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection:
                return collection.Elements;
            default:
                return new[] { value };
        }
    }
}
