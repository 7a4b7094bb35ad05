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
/// of a loop or of a per-element lambda (<c>Select</c>, <c>List.ForEach</c>, <c>Array.ForEach</c>,
/// <c>Parallel.ForEach</c>/<c>For</c>), with nothing bounding concurrency. Anything that bounds or serializes it keeps it
/// quiet: the spawn is awaited or waited in place, the loop body awaits anything (a semaphore, <c>WhenAny</c> on a window), a
/// semaphore is taken, or the loop runs a small fixed number of times (a constant up to 64,
/// <c>Environment.ProcessorCount</c>, a worker/degree count). In a forever loop that nothing paces, any task started
/// and left unawaited on each pass is a spawn too (<see cref="SpawningLoops"/>): <c>Forget(HandleNextAsync())</c>.
/// So is <c>task.Start()</c> of tasks built unstarted one per pass (<see cref="UnstartedTaskLoops"/>), the building
/// loop's bound deciding. A loop paced by its input (a blocking accept or read on every pass) is no storm, and a start
/// whose work is a forever or lifetime loop is left to BLZ106/BLZ112, whose advice (a dedicated thread) is the one to take;
/// starts whose work is only async I/O that BLZ108 reports as awaited together (or a constant number of them) are left
/// to it (call the work directly).
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
        var cheap = registry.CheapWork;
        registry.RegisterOperation((c, resolved) => Analyze(c, resolved, targets, cheap), RuleRequirements.Tasks, OperationKind.Invocation);
        registry.RegisterCall(UnstartedTasks.IsStart, AnalyzeTaskStart, RuleRequirements.Tasks, OperationKind.Invocation);
    }

    /// <summary>
    /// <c>task.Start()</c> of tasks built unstarted one per pass of a loop (<see cref="UnstartedTaskLoops"/>): started
    /// in that pass, or afterwards one per element of what the loop filled; a storm when that loop is not bounded.
    /// </summary>
    private static void AnalyzeTaskStart(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var start = (IInvocationOperation)context.Operation;
        if (UnstartedTaskLoops.BuildingLoop(start, symbols) is { } loop && !IsBounded(loop, symbols, context.CancellationToken))
        {
            var location = start.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : start.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SpawnStorm, location, "Task.Start"));
        }
    }

    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets, Lazy<CheapWork> cheap)
    {
        // The structural test first: most calls are in no loop and no per-element lambda, and cost one walk up the tree.
        var invocation = (IInvocationOperation)context.Operation;
        var repeater = Repeater(invocation);
        if (repeater is null || AwaitedInPlace.Is(invocation)
            || !(IsSpawn(invocation, symbols, targets, context.CancellationToken) || (repeater is ILoopOperation around && SpawningLoops.IsUnpacedStart(invocation, around, symbols)))
            || WaitedInPlace.Find(invocation, throughCasts: true) is not null) // the caller waits for each where it is made: one at a time
        {
            return;
        }

        var storm = repeater switch
        {
            ILoopOperation loop => !IsBounded(loop, symbols, context.CancellationToken) && !SubscriberDispatch.IsPerSubscriber(invocation, loop),
            IAnonymousFunctionOperation lambda => !TakesSemaphore(lambda, symbols) && !(PerElementCall(lambda) is { } call && HasFixedSource(call)),
            _ => false,
        };
        // Starts whose work is only async I/O, awaited together or a constant number of them, are BLZ108's: each item
        // holds no thread while it waits, and what is misplaced is the pool hop (start the calls directly), not the
        // pool's concurrency (one diagnostic, one advice). Detached starts per pass of a loop stay storms.
        if (storm && !StartsALifetimeLoop(invocation, context, symbols) && !IsBlz108s(invocation, repeater, context, symbols, cheap))
        {
            var method = invocation.TargetMethod;
            var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SpawnStorm, location, method.ContainingType.Name + "." + method.Name));
        }
    }

    private static bool IsBlz108s(IInvocationOperation invocation, IOperation repeater, OperationAnalysisContext context, BlitzSymbols symbols, Lazy<CheapWork> cheap) =>
        BLZ108OffloadedAsyncIoAnalyzer.FindingAt(invocation, context.ContainingSymbol, context.Compilation, symbols, cheap, context.CancellationToken) is { } finding
        && (finding.Descriptor == Descriptors.OffloadedAsyncIo || (repeater is ILoopOperation constant && CountedLoops.HasConstantPasses(constant)));

    /// <summary>The innermost loop around <paramref name="operation"/>, or the per-element lambda it is in (<see cref="PerElementCall"/>), within its own function; else null.</summary>
    private static IOperation? Repeater(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation lambda:
                    return PerElementCall(lambda) is not null ? lambda : null;
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A start on a pool; not <c>StartNew</c> on a scheduler of the code's choosing, which may bound it (see
    /// <see cref="TaskSchedulers"/>, which also reads a local <c>new TaskFactory()</c> as the pool). A start per item with
    /// LongRunning is a storm all the same: a thread per item.
    /// </summary>
    private static bool IsSpawn(IInvocationOperation invocation, BlitzSymbols symbols, OffloadTargetCache targets, System.Threading.CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        return (symbols.TryGetOffloadStarter(invocation, out var destination) && destination is not (OffloadDestination.Dedicated or OffloadDestination.CustomScheduler))
            || (symbols.IsTaskLike(method.ReturnType) && targets.IsGeneratedWrapper(method, cancellationToken));
    }

    /// <summary>
    /// True when the work started is a forever or lifetime loop, in the delegate (BLZ106's) or through a call (BLZ112's):
    /// an accept loop that starts a session per client whose session never ends holds a pool thread per client for good,
    /// and the advice is a dedicated thread, not a bound on concurrency (one diagnostic, one advice).
    /// </summary>
    private static bool StartsALifetimeLoop(IInvocationOperation invocation, OperationAnalysisContext context, BlitzSymbols symbols)
    {
        if (!symbols.TryGetOffloadStarter(invocation, out var destination)
            || invocation.Arguments.FirstOrDefault(a => a.Value is IDelegateCreationOperation) is not { Value: IDelegateCreationOperation work })
        {
            return false;
        }

        var body = work.Target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Syntax,
            IMethodReferenceOperation reference => reference.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken),
            _ => null,
        };
        if (ForeverLoops.Find(body) is not null || (work.Target is IAnonymousFunctionOperation { Body: var lambdaBody } && LifetimeLoops.Holds(lambdaBody, symbols)))
        {
            return true;
        }

        return BlockingSummaries.For(context.Compilation, symbols, context.Options, invocation.Syntax.SyntaxTree) is { } summaries
            && BLZ112ForeverLoopThroughCallAnalyzer.FindingAt(invocation, work, destination, summaries, context.Compilation, symbols, context.CancellationToken) is not null;
    }

    private static bool IsBounded(ILoopOperation loop, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (OperationHelpers.ContainsAwait(loop.Body) || TakesSemaphore(loop.Body, symbols) || IsPacedByInput(loop, symbols, cancellationToken))
        {
            return true;
        }

        switch (loop)
        {
            case IForLoopOperation { Condition: IBinaryOperation { LeftOperand: var counter, RightOperand: var bound } } counted:
                return IsFixedCount(bound) || PartitionsByCount(counted, counter, bound);
            case IForEachLoopOperation forEach:
                return IsSmallFixedCollection(forEach.Collection) || IsSmallLiteralArrayLocal(forEach.Collection, cancellationToken)
                    || SubscriberDispatch.IsInvocationList(forEach.Collection, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>
    /// A loop that lives on its input and blocks for it on every pass starts one work item per input, at the pace the
    /// input arrives: an accept loop that starts a session per client, a console loop that starts a command per line.
    /// The sync twin of a loop that awaits its input (bounded above). Taken as paced: a <c>while</c>/<c>for</c> with an
    /// endless condition whose pass blocks (a read, an accept, a wait, a sleep), or any <c>while</c>/<c>do</c> whose
    /// pass waits for input (<see cref="LifetimeLoops.IsBlockingWait"/>: the console, a blocking queue, a handle). A
    /// finite loop over data that reads as it goes is not: its items come as fast as the reads.
    /// </summary>
    private static bool IsPacedByInput(ILoopOperation loop, BlitzSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (loop is not (IWhileLoopOperation or IForLoopOperation))
        {
            return false;
        }

        var endless = ForeverLoops.HasEndlessCondition(loop.Syntax);
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop))
        {
            if (operation is IInvocationOperation call && OperationHelpers.InnermostLoopInSameFunction(call) == loop
                && ((loop is IWhileLoopOperation && LifetimeLoops.IsBlockingWait(call, symbols))
                    || (endless && BlockingCalls.Classify(call, symbols, cancellationToken) is { Kind: BlockingKind.Sleep or BlockingKind.SyncIo or BlockingKind.Wait })))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A small constant, <c>Environment.ProcessorCount</c>, or a count whose name says it is a degree of parallelism.</summary>
    private static bool IsFixedCount(IOperation bound)
    {
        bound = OperationHelpers.WithoutConversions(bound);
        if (bound.ConstantValue.HasValue)
        {
            return bound.ConstantValue.Value is int count && count <= SmallFixedCount;
        }

        if (ArrayCreatedWith(bound) is { ConstantValue: { HasValue: true, Value: int length } })
        {
            return length <= SmallFixedCount; // n < all.Length, all = new Task[100]: the array's size is the count
        }

        var name = OperationHelpers.ReferencedSymbol(bound)?.Name;
        return name is not null && BoundNames.Any(n => name.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>
    /// Partitioning, not a storm: a loop to a count that also divides the input into chunks (<c>width = values.Length /
    /// chunks</c>) and gives each pass one chunk (<c>from = i * width</c>). It starts as many tasks as the caller asked
    /// for parts, however large the input; one task per item would index by the counter alone.
    /// </summary>
    private static bool PartitionsByCount(IForLoopOperation loop, IOperation counter, IOperation bound)
    {
        var count = OperationHelpers.ReferencedSymbol(ArrayCreatedWith(OperationHelpers.WithoutConversions(bound)) ?? bound);
        var index = OperationHelpers.ReferencedSymbol(counter);
        if (count is null || index is not ILocalSymbol)
        {
            return false;
        }

        var offsetsByChunk = OperationHelpers.DescendantsInSameFunction(loop.Body).Any(o => o is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product
            && (Refers(product.LeftOperand, index) || Refers(product.RightOperand, index)));
        return offsetsByChunk && OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(loop)).Any(o => o is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } quotient
            && Refers(quotient.RightOperand, count));
    }

    private static bool Refers(IOperation operation, ISymbol symbol) => SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(operation), symbol);

    /// <summary>
    /// A local array initialized with a few literal elements (<c>string[] folders = { "Scans", "Phone" }</c>) and never
    /// assigned again: its length is fixed in the source, as a literal collection's is.
    /// </summary>
    private static bool IsSmallLiteralArrayLocal(IOperation collection, System.Threading.CancellationToken cancellationToken)
    {
        if (OperationHelpers.WithoutConversions(collection) is not ILocalReferenceOperation { Local: { Type: IArrayTypeSymbol, DeclaringSyntaxReferences.Length: 1 } array }
            || collection.SemanticModel is not { } model)
        {
            return false;
        }

        var body = AsyncContext.EnclosingBody(collection);
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, array))
            {
                return declarator.Initializer?.Value is { } value && IsSmallFixedCollection(value)
                    && !LocalWrites.IsWrittenIn(body.Syntax, array, model, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>For <c>array.Length</c> of a local initialized with <c>new T[size]</c> in the same function: that size; else null.</summary>
    private static IOperation? ArrayCreatedWith(IOperation bound)
    {
        if (bound is not IPropertyReferenceOperation { Property.Name: "Length", Instance: ILocalReferenceOperation { Local: { Type: IArrayTypeSymbol } array } })
        {
            return null;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(bound)))
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, array))
            {
                return declarator.Initializer?.Value is { } value && OperationHelpers.WithoutConversions(value) is IArrayCreationOperation { DimensionSizes.Length: 1 } creation
                    ? OperationHelpers.WithoutConversions(creation.DimensionSizes[0])
                    : null;
            }
        }

        return null;
    }

    private static bool TakesSemaphore(IOperation body, BlitzSymbols symbols) =>
        symbols.SemaphoreSlim is not null
        && OperationHelpers.DescendantsInSameFunction(body).Any(o => o is IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync" } call
            && BlitzSymbols.Is(call.TargetMethod.ContainingType, symbols.SemaphoreSlim));

    /// <summary>
    /// The call that runs <paramref name="lambda"/> once per element: <c>Enumerable.Select</c>, <c>List&lt;T&gt;.ForEach</c>,
    /// <c>Array.ForEach</c>, <c>Parallel.ForEach</c> or <c>Parallel.For</c>; else null. A start in it is one per element,
    /// as in a loop (<c>Parallel.ForEach</c> runs its bodies a few at a time, but a start in one returns at once).
    /// </summary>
    private static IInvocationOperation? PerElementCall(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var method } call }
            && (method.Name, method.ContainingType.Name) is ("Select", "Enumerable") or ("ForEach", "List" or "Array" or "Parallel") or ("For", "Parallel")
                ? call
                : null;
    }

    /// <summary>A per-element call over a small literal collection, or a <c>Parallel.For</c> to a small fixed count.</summary>
    private static bool HasFixedSource(IInvocationOperation call)
    {
        if (call.TargetMethod.Name == "For")
        {
            return call.Arguments.Length > 1 && IsFixedCount(call.Arguments[1].Value);
        }

        var source = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        return source is not null && IsSmallFixedCollection(source);
    }

    /// <summary>An array, collection expression or collection initializer of a few elements, or <c>Enumerable.Range</c> to a small fixed count.</summary>
    private static bool IsSmallFixedCollection(IOperation collection)
    {
        collection = OperationHelpers.WithoutConversions(collection);
        return collection is IArrayCreationOperation { Initializer.ElementValues.Length: <= SmallConstantCollection }
            || collection is ICollectionExpressionOperation { Elements.Length: <= SmallConstantCollection }
            || collection is IObjectCreationOperation { Arguments.Length: 0, Initializer.Initializers.Length: > 0 and <= SmallConstantCollection }
            || (collection is IInvocationOperation { TargetMethod.Name: "Range" } range && range.Arguments.Length == 2 && IsFixedCount(range.Arguments[1].Value));
    }
}
