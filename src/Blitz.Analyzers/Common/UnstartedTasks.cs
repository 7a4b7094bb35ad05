using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A task built unstarted and started later: <c>_loop = new Task(() =&gt; ReadForever());</c> in a constructor, then
/// <c>_loop.Start();</c>. <c>Task.Start()</c> queues the work to the current scheduler, the ThreadPool unless code runs
/// inside a task of another scheduler (taken as the pool, as a <c>Task.Factory.StartNew</c> without a scheduler is; see
/// <see cref="TaskSchedulers"/>): a pool start like <c>Task.Run</c>, whose work is the delegate given to the constructor.
/// Found when the started task is a local initialized with <c>new Task(...)</c>, or a field of the same type whose
/// every assignment in source (initializer included) is one such creation; not with <c>LongRunning</c> in the
/// creation options, nor <c>Start(scheduler)</c> with a scheduler other than <c>TaskScheduler.Default</c>.
/// </summary>
internal static class UnstartedTasks
{
    /// <summary>True for <c>Task.Start</c> and <c>Task&lt;T&gt;.Start</c>: the registration filter.</summary>
    public static bool IsStart(ISymbol member, BlitzSymbols symbols) =>
        member is IMethodSymbol { Name: "Start", IsStatic: false } method && symbols.Task is { } task
        && (BlitzSymbols.Is(method.ContainingType, task) || BlitzSymbols.Is(method.ContainingType.BaseType, task));

    /// <summary>The delegate the task started by <paramref name="start"/> runs on the pool, or null.</summary>
    public static IDelegateCreationOperation? WorkOf(IInvocationOperation start, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (start.Arguments.Length > 0 && !IsDefaultScheduler(start.Arguments[0].Value))
        {
            return null;
        }

        var creation = start.Instance is null ? null : OperationHelpers.WithoutConversions(start.Instance) switch
        {
            ILocalReferenceOperation local => LocalCreation(local.Local, compilation, cancellationToken),
            IFieldReferenceOperation field => FieldCreation(field.Field, compilation, cancellationToken),
            _ => null,
        };
        if (creation is null || creation.Arguments.Length == 0 || creation.Arguments[0].Value is not IDelegateCreationOperation work)
        {
            return null;
        }

        return AsyncContext.AsksForLongRunning(creation.Arguments, symbols) ? null : work; // LongRunning: a thread of its own
    }

    /// <summary>True for <c>TaskScheduler.Default</c>: a start on it is a start on the pool.</summary>
    public static bool IsDefaultScheduler(IOperation scheduler) =>
        OperationHelpers.WithoutConversions(scheduler) is IPropertyReferenceOperation { Property: { Name: "Default", ContainingType.Name: "TaskScheduler" } };

    private static IObjectCreationOperation? LocalCreation(ILocalSymbol local, Compilation compilation, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1 && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
            ? Creation(value, compilation, cancellationToken)
            : null;

    /// <summary>The one <c>new Task(...)</c> the field ever holds: every assignment to it in its type's source, initializer included.</summary>
    private static IObjectCreationOperation? FieldCreation(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
    {
        if (field.DeclaringSyntaxReferences.Length != 1 || field.ContainingType is not { } type)
        {
            return null;
        }

        IObjectCreationOperation? found = null;
        if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial })
        {
            found = Creation(initial, compilation, cancellationToken);
            if (found is null)
            {
                return null;
            }
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not AssignmentExpressionSyntax assignment || Named(assignment.Left) != field.Name)
                {
                    continue;
                }

                var model = SourceModels.Of(compilation, assignment.SyntaxTree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, field))
                {
                    continue;
                }

                if (found is not null || Creation(assignment.Right, compilation, cancellationToken) is not { } created)
                {
                    return null; // assigned twice, or to something else
                }

                found = created;
            }
        }

        return found;
    }

    private static string? Named(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    private static IObjectCreationOperation? Creation(ExpressionSyntax value, Compilation compilation, CancellationToken cancellationToken) =>
        value is BaseObjectCreationExpressionSyntax
        && SourceModels.Of(compilation, value.SyntaxTree).GetOperation(value, cancellationToken) is IObjectCreationOperation { Constructor.ContainingType: var type } creation
        && type is not null && type.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>"
            ? creation
            : null;
}
