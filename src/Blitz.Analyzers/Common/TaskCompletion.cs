using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Proves that a task is already complete where its result is read, so that <c>.Result</c> does not block. A proof is
/// one of: a completion test the read depends on (<c>if (t.IsCompleted) ...</c>, <c>t.IsCompletedSuccessfully &amp;&amp;
/// t.Result &gt; 0</c>, <c>!t.IsCompleted || ...</c>, <c>Status == RanToCompletion</c>, <c>await Task.WhenAny(...) == t</c>);
/// an earlier guard that leaves the block unless the task is complete (<c>if (!t.IsCompleted) return;</c>, a
/// <c>while (!t.IsCompleted)</c> loop without break); an earlier <c>await t</c>, <c>await Task.WhenAll(..t..)</c>, the task
/// that <c>await Task.WhenAny</c> returned; or a ContinueWith continuation reading its antecedent. A proof counts only
/// if the task variable is not assigned between the proof and the read. These are the most reported false positives of
/// other analyzers.
/// </summary>
internal static class TaskCompletion
{
    private static readonly string[] CompletionProperties = { "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled" };

    [MethodImpl(Jit.Optimized)]
    public static bool IsProvablyComplete(IOperation taskExpression, IOperation use, BlitzSymbols symbols)
    {
        if (TaskSymbolOf(taskExpression) is not { } task)
        {
            return false;
        }

        if (task.Owner is null && CompleteByConstruction.Holds(task.Symbol, use))
        {
            return true;
        }

        var proof = System.Math.Max(ProofAroundTheRead(task, use), ProofInEarlierCode(task, use, symbols, out var assignments));
        return (proof >= 0 && (assignments is null || !assignments.Any(position => position >= proof && position < use.Syntax.SpanStart)))
            || (task.Owner is null && PatternSource(task.Symbol, use) is { } source && IsProvablyComplete(source, use, symbols));
    }

    /// <summary>
    /// The task a pattern variable was taken from (<c>task is Task&lt;string&gt; typed</c>: <c>task</c>), when the variable
    /// is one: the same object, complete whenever that one is.
    /// </summary>
    private static IOperation? PatternSource(ISymbol variable, IOperation use)
    {
        if (variable is not ILocalSymbol local || use.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax pattern }
            || pattern.SyntaxTree != model.SyntaxTree
            || pattern.FirstAncestorOrSelf<IsPatternExpressionSyntax>() is not { } test
            || model.GetOperation(test) is not IIsPatternOperation { Value: var value, Pattern: IDeclarationPatternOperation })
        {
            return null;
        }

        return value;
    }

    /// <summary>What identifies the task: a local/parameter/field/property, or the collection an element or a foreach variable comes from.</summary>
    private static TaskReference? TaskSymbolOf(IOperation taskExpression)
    {
        var expression = OperationHelpers.WithoutConversions(taskExpression);
        if (expression is IConditionalAccessInstanceOperation)
        {
            // t?.Result: the receiver is the operand of the enclosing ?. access.
            for (var parent = expression.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    expression = OperationHelpers.WithoutConversions(access.Operation);
                    break;
                }
            }
        }

        return expression switch
        {
            IArrayElementReferenceOperation element => TaskReference.Of(element.ArrayReference),
            IPropertyReferenceOperation { Arguments.Length: > 0 } indexer => TaskReference.Of(indexer.Instance),
            _ => TaskReference.Of(expression),
        };
    }

    /// <summary>
    /// The end of a test the read depends on: the read is in the branch of a condition (an <c>if</c>, a <c>?:</c>, the right
    /// operand of <c>&amp;&amp;</c>/<c>||</c>) that is taken only when the task is complete, or in a ContinueWith continuation of the
    /// task. -1 when there is none.
    /// </summary>
    private static int ProofAroundTheRead(TaskReference task, IOperation use)
    {
        for (IOperation? child = use, parent = use.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child
                    && (conditional.WhenTrue == child ? Implies(conditional.Condition, task, true) : Implies(conditional.Condition, task, false)):
                    return conditional.Condition.Syntax.Span.End;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when both.RightOperand == child && Implies(both.LeftOperand, task, true):
                    return both.LeftOperand.Syntax.Span.End;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when either.RightOperand == child && Implies(either.LeftOperand, task, false):
                    return either.LeftOperand.Syntax.Span.End;
                case IAnonymousFunctionOperation continuation:
                    return IsContinuationOf(continuation, task) ? continuation.Syntax.SpanStart : -1;
                case ILocalFunctionOperation:
                    return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The end of the latest code before the read, in the same function, that completes the task (see the class summary),
    /// or -1; and the positions of the assignments to the task variable in that function. One walk of the function body.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static int ProofInEarlierCode(TaskReference task, IOperation use, BlitzSymbols symbols, out List<int>? assignments)
    {
        assignments = null;
        var local = task.Owner is null ? task.Symbol as ILocalSymbol : null;
        var useStart = use.Syntax.SpanStart;
        var proof = -1;
        TaskReference? foreachCollection = null;
        List<IAwaitOperation>? earlierAwaits = null;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(use)))
        {
            switch (operation)
            {
                case IConditionalOperation guard when guard.Syntax.Span.End <= useStart && IsStatementAbove(guard, use)
                    && (LeavesUnlessComplete(guard.WhenTrue, task, guard.Condition, whenTrue: true)
                        || (guard.WhenFalse is { } otherwise && LeavesUnlessComplete(otherwise, task, guard.Condition, whenTrue: false))):
                    proof = System.Math.Max(proof, guard.Syntax.Span.End);
                    break;
                case IWhileLoopOperation { Condition: { } condition } loop when loop.Syntax.Span.End <= useStart && IsStatementAbove(loop, use)
                    && Implies(condition, task, false) && !BreaksOut(loop):
                    proof = System.Math.Max(proof, loop.Syntax.Span.End);
                    break;
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                    when task.IsVariable(declarator.Symbol) && IsAwaitedWhenAny(initial):
                    proof = System.Math.Max(proof, declarator.Syntax.Span.End);
                    break;
                case IAssignmentOperation assignment when task.IsReferencedBy(assignment.Target):
                    (assignments ??= new List<int>()).Add(assignment.Syntax.SpanStart);
                    if (assignment is ISimpleAssignmentOperation { Value: { } value } && assignment.Syntax.Span.End <= useStart && IsAwaitedWhenAny(value))
                    {
                        proof = System.Math.Max(proof, assignment.Syntax.Span.End);
                    }

                    break;
                case IAwaitOperation awaited when awaited.Syntax.Span.End <= useStart:
                    (earlierAwaits ??= new List<IAwaitOperation>()).Add(awaited);
                    break;
                case IForEachLoopOperation loop when local is not null && foreachCollection is null && loop.Locals.Contains(local, SymbolEqualityComparer.Default):
                    foreachCollection = TaskReference.Of(loop.Collection);
                    break;
            }
        }

        if (earlierAwaits is not null)
        {
            foreach (var awaited in earlierAwaits)
            {
                if (Awaits(awaited.Operation, task) || AwaitsAll(awaited.Operation, task, symbols)
                    || (foreachCollection is { } collection && AwaitsAll(awaited.Operation, collection, symbols)))
                {
                    proof = System.Math.Max(proof, awaited.Syntax.Span.End);
                }
            }
        }

        return proof;
    }

    /// <summary>
    /// Whether the value of <paramref name="condition"/> being <paramref name="outcome"/> proves the task complete:
    /// <c>t.IsCompleted</c> when true, <c>!t.IsCompleted</c> when false, <c>a &amp;&amp; b</c> when true if either proves it;
    /// an extension method named like a completion property (<c>t.IsCompletedSuccessfully()</c>) reads like the property.
    /// </summary>
    private static bool Implies(IOperation condition, TaskReference task, bool outcome)
    {
        condition = OperationHelpers.WithoutConversions(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Implies(not.Operand, task, !outcome);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                return outcome
                    ? Implies(both.LeftOperand, task, true) || Implies(both.RightOperand, task, true)
                    : Implies(both.LeftOperand, task, false) && Implies(both.RightOperand, task, false);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                return outcome
                    ? Implies(either.LeftOperand, task, true) && Implies(either.RightOperand, task, true)
                    : Implies(either.LeftOperand, task, false) || Implies(either.RightOperand, task, false);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var equal = comparison.OperatorKind == BinaryOperatorKind.Equals ? outcome : !outcome;
                return ComparisonImplies(comparison.LeftOperand, comparison.RightOperand, task, equal)
                    || ComparisonImplies(comparison.RightOperand, comparison.LeftOperand, task, equal);
            case IPropertyReferenceOperation property:
                return outcome && CompletionProperties.Contains(property.Property.Name)
                    && task.IsReferencedBy(property.Instance);
            case IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ReturnType.SpecialType: SpecialType.System_Boolean } method, Arguments.Length: 1 } test
                when outcome && CompletionProperties.Contains(method.Name):
                // task.IsCompletedSuccessfully(): a library's polyfill of the property for targets that lack it.
                return task.IsReferencedBy(test.Arguments[0].Value);
            case IIsPatternOperation test:
                return PatternImplies(test.Value, test.Pattern, task, outcome);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>value is pattern</c> being <paramref name="outcome"/> proves completion: <c>t.Status is TaskStatus.RanToCompletion</c>
    /// (or another final state, or an <c>or</c> of them), <c>t.IsCompleted is true</c>, <c>t is { IsCompletedSuccessfully: true }</c>,
    /// and their <c>is not</c> forms when false.
    /// </summary>
    private static bool PatternImplies(IOperation value, IPatternOperation pattern, TaskReference task, bool outcome)
    {
        switch (pattern)
        {
            case INegatedPatternOperation negated:
                return PatternImplies(value, negated.Pattern, task, !outcome);
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when outcome:
                return PatternImplies(value, either.LeftPattern, task, true) && PatternImplies(value, either.RightPattern, task, true);
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both when outcome:
                return PatternImplies(value, both.LeftPattern, task, true) || PatternImplies(value, both.RightPattern, task, true);
            case IConstantPatternOperation constant when OperationHelpers.WithoutConversions(constant.Value).ConstantValue is { HasValue: true, Value: bool expected }:
                return Implies(value, task, outcome ? expected : !expected);
            case IConstantPatternOperation constant when outcome:
                return ComparisonImplies(value, constant.Value, task, equal: true);
            case IRecursivePatternOperation recursive when outcome
                && task.IsReferencedBy(value):
                foreach (var property in recursive.PropertySubpatterns)
                {
                    if (property.Member is IPropertyReferenceOperation { Property.Name: var name }
                        && (CompletionProperties.Contains(name) ? MatchesOnly(property.Pattern, true) : name == "Status" && MatchesOnly(property.Pattern, null)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A pattern that matches only <c>true</c> (<paramref name="flag"/> true), or only final task states (null).</summary>
    private static bool MatchesOnly(IPatternOperation pattern, bool? flag) => pattern switch
    {
        IConstantPatternOperation constant => flag is null
            ? IsFinalStatus(OperationHelpers.WithoutConversions(constant.Value))
            : OperationHelpers.WithoutConversions(constant.Value).ConstantValue is { HasValue: true, Value: bool value } && value == flag,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either => MatchesOnly(either.LeftPattern, flag) && MatchesOnly(either.RightPattern, flag),
        _ => false,
    };

    /// <summary>
    /// <c>left == right</c> (or <c>!=</c> when <paramref name="equal"/> is false) proves completion: <c>t.Status ==
    /// TaskStatus.RanToCompletion</c> (or another final state), <c>t.IsCompleted == true</c>, <c>await Task.WhenAny(..) == t</c>.
    /// </summary>
    private static bool ComparisonImplies(IOperation left, IOperation right, TaskReference task, bool equal)
    {
        right = OperationHelpers.WithoutConversions(right);
        if (right.ConstantValue is { HasValue: true, Value: bool constant })
        {
            return Implies(left, task, equal == constant);
        }

        if (!equal)
        {
            // (await Task.WhenAny(a, b)) != a: then it is b, and b is complete.
            return IsTheOtherOfTwo(left, right, task) || IsTheOtherOfTwo(right, left, task);
        }

        if (IsFinalStatus(right))
        {
            return OperationHelpers.WithoutConversions(left) is IPropertyReferenceOperation { Property.Name: "Status" } status
                && task.IsReferencedBy(status.Instance);
        }

        return task.IsReferencedBy(right) && IsWhenAnyResult(left);
    }

    /// <summary>
    /// <paramref name="winner"/> is what <c>await Task.WhenAny(x, y)</c> returned, over exactly two tasks, and
    /// <paramref name="other"/> is one of them while <paramref name="task"/> is the other.
    /// </summary>
    private static bool IsTheOtherOfTwo(IOperation winner, IOperation other, TaskReference task)
    {
        if (WhenAnyOf(winner) is not { } whenAny || TaskReference.Of(OperationHelpers.WithoutConversions(other)) is not { } loser)
        {
            return false;
        }

        // WhenAny(t1, t2), or its params overload over an array or span of tasks.
        var tasks = whenAny.Arguments.Length == 1 ? Elements(whenAny.Arguments[0].Value).ToList() : whenAny.Arguments.Select(a => a.Value).ToList();
        return tasks.Count == 2
            && tasks.Any(t => loser.IsReferencedBy(t)) && tasks.Any(t => task.IsReferencedBy(t))
            && !task.IsReferencedBy(OperationHelpers.WithoutConversions(other));
    }

    private static bool IsFinalStatus(IOperation operand) =>
        operand is IFieldReferenceOperation { Field: { ContainingType.Name: "TaskStatus", Name: "RanToCompletion" or "Faulted" or "Canceled" } };

    /// <summary>
    /// A guard statement's branch that leaves the enclosing block, or awaits the task, unless the task is complete when the
    /// branch is skipped: <c>if (!t.IsCompleted) return;</c>, <c>if (!t.IsCompleted) await t;</c>, <c>if (t.IsCompleted) {...} else throw ...;</c>.
    /// </summary>
    private static bool LeavesUnlessComplete(IOperation branch, TaskReference task, IOperation condition, bool whenTrue)
    {
        if (!Implies(condition, task, !whenTrue))
        {
            return false;
        }

        var statements = branch is IBlockOperation block ? block.Operations : System.Collections.Immutable.ImmutableArray.Create(branch);
        if (statements.Length == 0)
        {
            return false;
        }

        var last = statements[statements.Length - 1];
        while (last is IBlockOperation { Operations.Length: > 0 } inner)
        {
            last = inner.Operations[inner.Operations.Length - 1];
        }

        return last is IReturnOperation { Kind: not OperationKind.YieldReturn } or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }
            || statements.Any(statement => statement is IExpressionStatementOperation or IVariableDeclarationGroupOperation or IReturnOperation
                && OperationHelpers.DescendantsInSameFunction(statement).Any(o => o is IAwaitOperation awaited && Awaits(awaited.Operation, task)));
    }

    /// <summary>A statement of a block that also holds the read: it runs on every path to the read that passes its block.</summary>
    private static bool IsStatementAbove(IOperation statement, IOperation use) =>
        statement.Parent is IBlockOperation block && block.Syntax.Span.Contains(use.Syntax.Span);

    /// <summary>Whether a loop can end by <c>break</c> (then its condition may still hold after it).</summary>
    private static bool BreaksOut(ILoopOperation loop) =>
        OperationHelpers.DescendantsInSameFunction(loop.Body).Any(o => o is IBranchOperation { BranchKind: BranchKind.Break } jump
            && SymbolEqualityComparer.Default.Equals(jump.Target, loop.ExitLabel));

    /// <summary>
    /// A lambda passed to <c>task.ContinueWith</c> (or <c>Task.Factory.ContinueWhenAll/Any</c>) reading its antecedent: the
    /// lambda's first parameter, or the task (tasks) it continues.
    /// </summary>
    private static bool IsContinuationOf(IAnonymousFunctionOperation lambda, TaskReference task)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current is not IArgumentOperation { Parent: IInvocationOperation invocation }
            || invocation.TargetMethod.Name is not ("ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny")
            || invocation.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return false;
        }

        var antecedent = invocation.TargetMethod.Name == "ContinueWith" ? invocation.Instance : invocation.Arguments.FirstOrDefault()?.Value;
        return (lambda.Symbol.Parameters.Length > 0 && task.IsVariable(lambda.Symbol.Parameters[0]))
            || task.IsReferencedBy(antecedent);
    }

    private static bool IsAwaitedWhenAny(IOperation value) => AwaitedWhenAny(value) is not null;

    /// <summary>The <c>Task.WhenAny</c> call that <paramref name="value"/> awaits (<c>await Task.WhenAny(...)</c>), or null.</summary>
    private static IInvocationOperation? AwaitedWhenAny(IOperation value) =>
        OperationHelpers.WithoutConversions(value) is IAwaitOperation awaited
        && Unawaitable(awaited.Operation) is IInvocationOperation { TargetMethod: { Name: "WhenAny", ContainingType.Name: "Task" } } whenAny
            ? whenAny
            : null;

    /// <summary>The task <c>await Task.WhenAny(...)</c> returned: the await itself, or a local initialized with it.</summary>
    private static bool IsWhenAnyResult(IOperation operand) => WhenAnyOf(operand) is not null;

    /// <summary>The <c>Task.WhenAny</c> call whose awaited result <paramref name="operand"/> is (the await, or a local initialized with it), or null.</summary>
    private static IInvocationOperation? WhenAnyOf(IOperation operand)
    {
        operand = OperationHelpers.WithoutConversions(operand);
        if (AwaitedWhenAny(operand) is { } direct)
        {
            return direct;
        }

        if (operand is not ILocalReferenceOperation { Local: var local } || operand.SemanticModel is not { } model)
        {
            return null;
        }

        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initial }
                && model.GetOperation(initial) is { } initialOperation && AwaitedWhenAny(initialOperation) is { } whenAny)
            {
                return whenAny;
            }
        }

        return null;
    }

    /// <summary>The awaited task under <c>ConfigureAwait(...)</c> and <c>WaitAsync(...)</c> (which completes only after it, or throws).</summary>
    private static IOperation Unawaitable(IOperation operation)
    {
        operation = OperationHelpers.WithoutConversions(operation);
        while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WaitAsync", Instance: { } instance })
        {
            operation = OperationHelpers.WithoutConversions(instance);
        }

        return operation;
    }

    private static bool Awaits(IOperation awaited, TaskReference task) =>
        task.IsReferencedBy(Unawaitable(awaited));

    private static bool AwaitsAll(IOperation awaited, TaskReference task, BlitzSymbols symbols)
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
                if (task.IsReferencedBy(element))
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

    /// <summary>
    /// A task variable: a local, parameter or field/property, and for a member of another object the variable that holds
    /// the object (<c>a.Task</c> and <c>b.Task</c> are different tasks). A member of an object no variable names
    /// (<c>Get().Task</c>) identifies nothing.
    /// </summary>
    private readonly struct TaskReference
    {
        private TaskReference(ISymbol symbol, ISymbol? owner)
        {
            Symbol = symbol;
            Owner = owner;
        }

        public ISymbol Symbol { get; }

        public ISymbol? Owner { get; }

        public static TaskReference? Of(IOperation? operation)
        {
            if (operation is null || OperationHelpers.ReferencedSymbol(operation) is not { } symbol)
            {
                return null;
            }

            var instance = OperationHelpers.WithoutConversions(operation) switch
            {
                IFieldReferenceOperation field => field.Instance,
                IPropertyReferenceOperation property => property.Instance,
                _ => null,
            };
            if (instance is null or IInstanceReferenceOperation)
            {
                return new TaskReference(symbol, null);
            }

            return OperationHelpers.ReferencedSymbol(instance) is { } owner ? new TaskReference(symbol, owner) : null;
        }

        public bool IsReferencedBy(IOperation? operation) =>
            Of(operation) is { } other && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol) && SymbolEqualityComparer.Default.Equals(Owner, other.Owner);

        public bool IsVariable(ISymbol variable) => Owner is null && SymbolEqualityComparer.Default.Equals(Symbol, variable);
    }
}
