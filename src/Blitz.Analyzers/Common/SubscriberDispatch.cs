using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ107: one start per subscriber is dispatch, not a storm. An event raised to each handler on its own task, or a
/// callback invoked per registered subscription, starts as many work items as code subscribed, not as many as an
/// input has items.
/// </summary>
internal static class SubscriberDispatch
{
    /// <summary>
    /// <c>foreach (var subscription in matching) _ = Task.Run(() => subscription.Handler?.Invoke(this, args));</c>: the
    /// start's work calls a delegate the loop's element holds (the element itself, or a member of it), so the loop
    /// raises one callback per subscriber, as many as code registered, however the list is filtered.
    /// </summary>
    public static bool IsPerSubscriber(IInvocationOperation start, ILoopOperation loop)
    {
        if (loop is not IForEachLoopOperation { Locals: { Length: > 0 } locals }
            || start.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation { Target: IAnonymousFunctionOperation work } })
        {
            return false;
        }

        var element = locals[0];
        return OperationHelpers.DescendantsInSameFunction(work.Body).Any(o => o is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } call
            && call.Instance is { } callback && RootLocal(callback) is { } root && SymbolEqualityComparer.Default.Equals(root, element));
    }

    /// <summary>The local at the root of <c>a</c>, <c>a.B</c>, <c>((T)a).B</c>, or null.</summary>
    private static ILocalSymbol? RootLocal(IOperation operation)
    {
        while (true)
        {
            operation = OperationHelpers.WithoutConversions(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IMemberReferenceOperation { Instance: { } instance }:
                    operation = instance;
                    break;
                case IConditionalAccessInstanceOperation when operation.Parent is not null:
                    // subscription.Handler?.Invoke(...): the receiver of ?. is the conditional access's operation.
                    var access = operation.Parent;
                    while (access is not null and not IConditionalAccessOperation)
                    {
                        access = access.Parent;
                    }

                    if (access is not IConditionalAccessOperation conditional)
                    {
                        return null;
                    }

                    operation = conditional.Operation;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// The subscribers of an event or delegate (<c>handler.GetInvocationList()</c>, directly or through a local it
    /// initializes and nothing writes again): one start per subscriber dispatches an event to each, and there are as
    /// many as code subscribed, not as many as the input has items.
    /// </summary>
    public static bool IsInvocationList(IOperation collection, CancellationToken cancellationToken)
    {
        collection = OperationHelpers.WithoutConversions(collection);
        if (collection is ILocalReferenceOperation { Local: var local } && collection.SemanticModel is { } model
            && LocalWrites.SoleValue(local, model, cancellationToken) is { } value)
        {
            collection = OperationHelpers.WithoutConversions(value);
        }

        // handler?.GetInvocationList() ?? Array.Empty<Delegate>(): the list, or none.
        if (collection is ICoalesceOperation coalesce)
        {
            collection = OperationHelpers.WithoutConversions(coalesce.Value);
        }

        if (collection is IConditionalAccessOperation conditional)
        {
            collection = OperationHelpers.WithoutConversions(conditional.WhenNotNull);
        }

        return collection is IInvocationOperation { TargetMethod: { Name: "GetInvocationList", ContainingType.SpecialType: SpecialType.System_Delegate or SpecialType.System_MulticastDelegate } };
    }
}
