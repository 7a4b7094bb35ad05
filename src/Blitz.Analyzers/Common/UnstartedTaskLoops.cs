using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Tasks built unstarted, one on every pass of a loop, and started on the pool: started in that pass
/// (<c>all[n] = new Task(Work); all[n].Start();</c>, <c>var t = new Task(Work); t.Start();</c>), or afterwards, one per
/// element of the collection the loop filled (<c>foreach (var t in all) t.Start();</c>,
/// <c>Parallel.ForEach(all, t =&gt; t.Start())</c>, <c>Array.ForEach</c>, a list's <c>ForEach</c>). <c>Task.Start()</c> queues to the current scheduler, the pool (as
/// <see cref="UnstartedTasks"/> takes it); a creation with <c>LongRunning</c>, or a start on another scheduler, is not
/// one. The loop that builds the tasks is the evidence of how many there are: BLZ107 reads its bound as it reads the
/// bound of any loop that starts one work item per pass.
/// </summary>
internal static class UnstartedTaskLoops
{
    /// <summary>The loop that builds, one per pass, the tasks <paramref name="start"/> (a <c>Task.Start</c>) starts on the pool; or null.</summary>
    public static ILoopOperation? BuildingLoop(IInvocationOperation start, BlitzSymbols symbols)
    {
        if (start.Instance is null || (start.Arguments.Length > 0 && !UnstartedTasks.IsDefaultScheduler(start.Arguments[0].Value)))
        {
            return null;
        }

        var passLoop = OperationHelpers.InnermostLoopInSameFunction(start);
        switch (OperationHelpers.WithoutConversions(start.Instance))
        {
            case ILocalReferenceOperation { Local: var task } when passLoop is not null && Builds(passLoop, task, element: false, symbols):
                return passLoop;
            case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation { Local: var array } } when passLoop is not null && Builds(passLoop, array, element: true, symbols):
                return passLoop;
            case ILocalReferenceOperation { Local: var item } when passLoop is IForEachLoopOperation each && each.Locals.Contains(item, SymbolEqualityComparer.Default)
                && OperationHelpers.WithoutConversions(each.Collection) is ILocalReferenceOperation { Local: var collection }:
                return FillingLoop(collection, AsyncContext.EnclosingBody(each), symbols);
            case IParameterReferenceOperation { Parameter: var item } when passLoop is null && PerElementSource(start, item) is { } perElement:
                return FillingLoop(perElement.Collection, AsyncContext.EnclosingBody(perElement.Call), symbols);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>Parallel.ForEach(source, item =&gt; item.Start())</c>, <c>Array.ForEach(source, ...)</c>,
    /// <c>source.ForEach(...)</c> of a list: the local whose elements the body that declares <paramref name="item"/>
    /// gets, when <paramref name="start"/> is in that body itself.
    /// </summary>
    private static (ILocalSymbol Collection, IInvocationOperation Call)? PerElementSource(IInvocationOperation start, IParameterSymbol item)
    {
        if (AsyncContext.EnclosingFunction(start) is not IAnonymousFunctionOperation body || !SymbolEqualityComparer.Default.Equals(body.Symbol, item.ContainingSymbol))
        {
            return null;
        }

        IOperation current = body;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ForEach", ContainingType.Name: "Parallel" or "Array" or "List" } } call })
        {
            return null;
        }

        var source = call.Instance ?? (call.Arguments.Length > 1 ? call.Arguments[0].Value : null);
        return source is not null && OperationHelpers.WithoutConversions(source) is ILocalReferenceOperation { Local: var collection } ? (collection, call) : null;
    }

    /// <summary>The first loop of <paramref name="body"/> (its own function) that stores a task built unstarted into an element of <paramref name="collection"/>.</summary>
    private static ILoopOperation? FillingLoop(ILocalSymbol collection, IOperation body, BlitzSymbols symbols)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            if (operation is IObjectCreationOperation creation && IsPoolTask(creation, symbols) && StoredInto(creation, out var element) is { } target
                && element && SymbolEqualityComparer.Default.Equals(target, collection) && OperationHelpers.InnermostLoopInSameFunction(creation) is { } loop)
            {
                return loop;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="loop"/> (its own pass, not a nested function) builds a task into <paramref name="target"/>: the local itself, or one of its elements.</summary>
    private static bool Builds(ILoopOperation loop, ILocalSymbol target, bool element, BlitzSymbols symbols)
    {
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (operation is IObjectCreationOperation creation && IsPoolTask(creation, symbols) && StoredInto(creation, out var intoElement) is { } stored
                && intoElement == element && SymbolEqualityComparer.Default.Equals(stored, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>new Task(...)</c> or <c>new Task&lt;T&gt;(...)</c> without <c>LongRunning</c>: started, it runs on the pool.</summary>
    private static bool IsPoolTask(IObjectCreationOperation creation, BlitzSymbols symbols) =>
        creation.Type is INamedTypeSymbol { Name: "Task" } type && symbols.Task is { } task
        && (BlitzSymbols.Is(type, task) || BlitzSymbols.Is(type.BaseType, task))
        && !AsyncContext.AsksForLongRunning(creation.Arguments, symbols);

    /// <summary>
    /// The local a created task is stored into: declared or assigned with it (<paramref name="element"/> false), or given
    /// it as an element (<c>all[n] = ...</c>, <c>list.Add(...)</c>; <paramref name="element"/> true). Null otherwise.
    /// </summary>
    private static ILocalSymbol? StoredInto(IObjectCreationOperation creation, out bool element)
    {
        IOperation value = creation;
        while (value.Parent is IConversionOperation)
        {
            value = value.Parent;
        }

        element = false;
        switch (value.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                return local.Local;
            case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } } assignment when assignment.Value == value:
                element = true;
                return array.Local;
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } }:
                element = true;
                return list.Local;
            default:
                return null;
        }
    }
}
