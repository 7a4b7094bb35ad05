using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Whether a <c>StartNew</c> runs its delegate on the ThreadPool. A <c>TaskScheduler</c> other than
/// <c>TaskScheduler.Default</c> — passed to <c>StartNew</c> or to the <c>TaskFactory</c> constructor — is not the pool:
/// a UI scheduler, a dedicated-thread scheduler or a limited-concurrency one, whose threads the pool rules
/// (BLZ106, BLZ108, BLZ109, BLZ112) know nothing about.
/// </summary>
/// <remarks>
/// <c>Task.Factory</c>, <c>Task&lt;T&gt;.Factory</c> and a <c>new TaskFactory(...)</c> without a scheduler are taken as the
/// pool: their scheduler is <c>TaskScheduler.Current</c>, which is the pool except inside a task already running on a
/// custom scheduler, and the pool is what such code means. An explicit <c>TaskScheduler.Current</c> is not: code that
/// names it means "wherever I run now", which the rules cannot see, so it is not reported. A readonly field initialized
/// with <c>Task.Factory</c> that no constructor assigns is <c>Task.Factory</c> under another name, and a local whose only
/// value is a <c>new TaskFactory(...)</c> is read as that creation. Any other factory (a field the type builds for
/// itself, a parameter) may carry any scheduler and is not reported either.
/// </remarks>
internal static class TaskSchedulers
{
    /// <summary>False when <paramref name="starter"/> is a <c>StartNew</c> on a scheduler not known to be the pool.</summary>
    public static bool RunsOnThreadPool(IInvocationOperation starter, BlitzSymbols symbols)
    {
        if (starter.TargetMethod.Name != "StartNew")
        {
            return true;
        }

        if (SchedulerArgument(starter.Arguments, symbols) is { } scheduler)
        {
            return IsDefault(scheduler, symbols);
        }

        var factory = starter.Instance is null ? null : OperationHelpers.WithoutConversions(starter.Instance);
        if (factory is IFieldReferenceOperation { Field: var field } && starter.SemanticModel is { } model)
        {
            // Only an alias of the shared Task.Factory: a factory the type builds for itself is built for a purpose.
            factory = OnlyValue(field, model.Compilation) as IPropertyReferenceOperation;
        }
        else if (factory is ILocalReferenceOperation { Local: var local } && starter.SemanticModel is { } localModel)
        {
            // var factory = new TaskFactory(); factory.StartNew(Pause): a factory made here, without a scheduler, is the pool.
            factory = LocalWrites.SoleValue(local, localModel, default) is { } value ? OperationHelpers.WithoutConversions(value) as IObjectCreationOperation : null;
        }

        return IsPoolFactory(factory, symbols);
    }

    private static bool IsPoolFactory(IOperation? factory, BlitzSymbols symbols) => factory switch
    {
        IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Factory" } property } =>
            BlitzSymbols.Is(property.ContainingType.OriginalDefinition, symbols.Task) || BlitzSymbols.Is(property.ContainingType.OriginalDefinition, symbols.TaskOfT),
        IObjectCreationOperation creation when BlitzSymbols.Is(creation.Type?.OriginalDefinition, symbols.TaskFactory)
            || BlitzSymbols.Is(creation.Type?.OriginalDefinition, symbols.TaskFactoryOfT) =>
            (SchedulerArgument(creation.Arguments, symbols) is not { } chosen || IsDefault(chosen, symbols))
            && !AsyncContext.AsksForLongRunning(creation.Arguments, symbols), // every start of the factory gets a thread of its own
        _ => false,
    };

    /// <summary>
    /// The value a readonly source field always holds: its initializer (<c>static readonly TaskFactory Factory =
    /// Task.Factory;</c>), when no constructor of its type assigns it; else null.
    /// </summary>
    private static IOperation? OnlyValue(IFieldSymbol field, Compilation compilation)
    {
        if (!field.IsReadOnly || field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
        {
            return null;
        }

        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var constructor in reference.GetSyntax().ChildNodes())
            {
                if (constructor is ConstructorDeclarationSyntax && constructor.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                    .Any(a => AssignedName(a.Left) == field.Name))
                {
                    return null;
                }
            }
        }

        var value = SourceModels.Of(compilation, initializer.SyntaxTree).GetOperation(initializer);
        return value is null ? null : OperationHelpers.WithoutConversions(value);
    }

    private static string? AssignedName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static IOperation? SchedulerArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && BlitzSymbols.Is(parameter.Type, symbols.TaskScheduler))
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool IsDefault(IOperation scheduler, BlitzSymbols symbols) =>
        OperationHelpers.WithoutConversions(scheduler) is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Default" } property }
        && BlitzSymbols.Is(property.ContainingType, symbols.TaskScheduler);
}
