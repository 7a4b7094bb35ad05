using System;
using System.Collections.Immutable;
using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ107: a spawn (<c>Task.Run</c>, <c>StartNew</c>, <c>SpawnBlocking</c>, <c>SpawnCpu</c>, a generated wrapper) per item
/// of a loop or of a <c>Select</c>, with nothing bounding concurrency. Anything that bounds or serializes it keeps it
/// quiet: the spawn is awaited in place, the loop body awaits anything (a semaphore, <c>WhenAny</c> on a window), a
/// semaphore is taken, or the loop runs a small fixed number of times (a constant up to 64,
/// <c>Environment.ProcessorCount</c>, a worker/degree count). In a forever loop that nothing paces, any task started
/// and left unawaited on each pass is a spawn too (<see cref="SpawningLoops"/>): <c>Forget(HandleNextAsync())</c>.
/// </summary>
internal sealed class BLZ107SpawnStormAnalyzer : IBlitzRule
{
    private static readonly string[] BoundNames = { "worker", "degree", "parallel", "concurren", "consumer", "thread", "processor", "partition" };
    private const int SmallConstantCollection = 16;

    // A loop of up to this many passes, fixed at compile time, starts a handful of workers; a thousand is a storm.
    private const int SmallFixedCount = 64;

    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SpawnStorm);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var targets = registry.OffloadTargets;
        registry.RegisterOperation((c, resolved) => Analyze(c, resolved, targets), RuleRequirements.Tasks, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        // The structural test first: most calls are in no loop and no Select selector, and cost one walk up the tree.
        var invocation = (IInvocationOperation)context.Operation;
        var repeater = Repeater(invocation);
        if (repeater is null || AwaitedInPlace.Is(invocation)
            || !(IsSpawn(invocation, symbols, targets, context.CancellationToken) || (repeater is ILoopOperation around && SpawningLoops.IsUnpacedStart(invocation, around, symbols))))
        {
            return;
        }

        var storm = repeater switch
        {
            ILoopOperation loop => !IsBounded(loop, symbols),
            IAnonymousFunctionOperation lambda => !TakesSemaphore(lambda, symbols),
            _ => false,
        };
        if (storm)
        {
            var method = invocation.TargetMethod;
            var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SpawnStorm, location, method.ContainingType.Name + "." + method.Name));
        }
    }

    /// <summary>The innermost loop around <paramref name="operation"/>, or the Select selector it is in, within its own function; else null.</summary>
    private static IOperation? Repeater(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation lambda:
                    return IsSelectorOfSelect(lambda) ? lambda : null;
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A start on a pool; not <c>StartNew</c> on a scheduler of the code's choosing, which may bound it (see <see cref="TaskSchedulers"/>).</summary>
    private static bool IsSpawn(IInvocationOperation invocation, BlitzSymbols symbols, OffloadTargetCache targets, System.Threading.CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        return (symbols.TryGetOffloadStarter(invocation, out var destination) && destination is not (OffloadDestination.Dedicated or OffloadDestination.CustomScheduler))
            || (symbols.IsTaskLike(method.ReturnType) && targets.IsGeneratedWrapper(method, cancellationToken))
            || IsStartOnLocalDefaultFactory(invocation, symbols, cancellationToken);
    }

    /// <summary>
    /// <c>var factory = new TaskFactory(); ... factory.StartNew(...)</c>: a local made with no scheduler and never
    /// reassigned starts on <c>TaskScheduler.Current</c> as <c>Task.Factory</c> does, which is the pool in such code.
    /// Creation options or a scheduler anywhere (the factory's or the call's) leave it to <see cref="TaskSchedulers"/>.
    /// </summary>
    private static bool IsStartOnLocalDefaultFactory(IInvocationOperation invocation, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod.Name != "StartNew"
            || invocation.Instance is null
            || OperationHelpers.WithoutConversions(invocation.Instance) is not ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local }
            || !OnlyTokensAndWork(invocation.Arguments, symbols)
            || invocation.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || model.GetOperation(declarator, cancellationToken) is not IVariableDeclaratorOperation { Initializer.Value: var value }
            || OperationHelpers.WithoutConversions(value) is not IObjectCreationOperation creation
            || !(BlitzSymbols.Is(creation.Type?.OriginalDefinition, symbols.TaskFactory) || BlitzSymbols.Is(creation.Type?.OriginalDefinition, symbols.TaskFactoryOfT))
            || !creation.Arguments.All(a => BlitzSymbols.Is(a.Parameter?.Type, symbols.CancellationToken))
            || declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return false;
        }

        return !LocalWrites.IsWrittenIn(member, local, model, cancellationToken);
    }

    /// <summary>No scheduler and no creation options among a start's arguments: only the work, its state and a token.</summary>
    private static bool OnlyTokensAndWork(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols) =>
        arguments.All(a => !BlitzSymbols.Is(a.Parameter?.Type, symbols.TaskScheduler) && !BlitzSymbols.Is(a.Parameter?.Type, symbols.TaskCreationOptions));

    private static bool IsBounded(ILoopOperation loop, BlitzSymbols symbols)
    {
        if (OperationHelpers.ContainsAwait(loop.Body) || TakesSemaphore(loop.Body, symbols))
        {
            return true;
        }

        switch (loop)
        {
            case IForLoopOperation { Condition: IBinaryOperation { RightOperand: var bound } }:
                return IsFixedCount(bound);
            case IForEachLoopOperation forEach:
                var collection = OperationHelpers.WithoutConversions(forEach.Collection);
                return collection is IArrayCreationOperation { Initializer.ElementValues.Length: <= SmallConstantCollection }
                    || collection is ICollectionExpressionOperation { Elements.Length: <= SmallConstantCollection }
                    || (collection is IInvocationOperation { TargetMethod.Name: "Range" } range && range.Arguments.Length == 2 && IsFixedCount(range.Arguments[1].Value));
            default:
                return false;
        }
    }

    /// <summary>A small constant, <c>Environment.ProcessorCount</c>, or a count whose name says it is a degree of parallelism.</summary>
    private static bool IsFixedCount(IOperation bound)
    {
        bound = OperationHelpers.WithoutConversions(bound);
        if (bound.ConstantValue.HasValue)
        {
            return bound.ConstantValue.Value is int count && count <= SmallFixedCount;
        }

        var name = OperationHelpers.ReferencedSymbol(bound)?.Name;
        return name is not null && BoundNames.Any(n => name.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    private static bool TakesSemaphore(IOperation body, BlitzSymbols symbols) =>
        symbols.SemaphoreSlim is not null
        && OperationHelpers.DescendantsInSameFunction(body).Any(o => o is IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync" } call
            && BlitzSymbols.Is(call.TargetMethod.ContainingType, symbols.SemaphoreSlim));

    private static bool IsSelectorOfSelect(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Select" } select } }
            && select.ContainingType.Name == "Enumerable";
    }
}
