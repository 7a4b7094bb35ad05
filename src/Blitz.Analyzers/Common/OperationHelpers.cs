using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>Small structural questions about operation trees, shared by the bucket analyzers.</summary>
internal static class OperationHelpers
{
    /// <summary>The descendants of <paramref name="root"/> that run in the same function (nested lambdas and local functions are skipped).</summary>
    public static IEnumerable<IOperation> DescendantsInSameFunction(IOperation root) => new SameFunctionDescendants(root);

    /// <summary>
    /// The walk behind <see cref="DescendantsInSameFunction"/>, written out instead of an iterator so that its
    /// <c>MoveNext</c> can be compiled optimized (see <see cref="Jit"/>): a compiler-generated one stays at tier 0.
    /// </summary>
    private sealed class SameFunctionDescendants(IOperation root) : IEnumerable<IOperation>, IEnumerator<IOperation>
    {
        private Stack<IOperation>? _stack;
        private bool _started;

        public IOperation Current { get; private set; } = null!;

        object System.Collections.IEnumerator.Current => Current;

        public IEnumerator<IOperation> GetEnumerator() => _started ? new SameFunctionDescendants(root).Start() : Start();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public bool MoveNext()
        {
            var stack = _stack!;
            if (stack.Count == 0)
            {
                return false;
            }

            var current = stack.Pop();
            if (current is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                foreach (var child in current.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            Current = current;
            return true;
        }

        public void Reset() => throw new System.NotSupportedException();

        public void Dispose()
        {
        }

        private SameFunctionDescendants Start()
        {
            _started = true;
            _stack = new Stack<IOperation>();
            foreach (var child in root.ChildOperations)
            {
                _stack.Push(child);
            }

            return this;
        }
    }

    /// <summary>True when <paramref name="root"/> awaits (await, await foreach, await using) in its own function.</summary>
    public static bool ContainsAwait(IOperation root)
    {
        foreach (var operation in DescendantsInSameFunction(root))
        {
            if (IsAwait(operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an await, an await foreach or an await using.</summary>
    public static bool IsAwait(IOperation operation) =>
        operation is IAwaitOperation
        || operation is IForEachLoopOperation { IsAsynchronous: true }
        || operation is IUsingOperation { IsAsynchronous: true }
        || operation is IUsingDeclarationOperation { IsAsynchronous: true };

    /// <summary>
    /// What a call works on: its instance, or for an extension method (and a static call that takes its source first,
    /// <c>Enumerable.ToList(rows)</c>) the first argument; null for a static call without arguments.
    /// </summary>
    public static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);

    public static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>What an await waits for, seen through conversions and one <c>ConfigureAwait(...)</c>: the task itself.</summary>
    public static IOperation AwaitedTask(IOperation awaited)
    {
        awaited = WithoutConversions(awaited);
        return awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? WithoutConversions(configured) : awaited;
    }

    /// <summary>
    /// True when <paramref name="operation"/> runs only while <paramref name="holds"/> is true of a condition: in the true
    /// branch of an <c>if</c> or the body of a top-tested <c>while</c> whose condition, or one operand of its
    /// <c>&amp;&amp;</c> chain, it holds for. The walk stops at the enclosing lambda or local function.
    /// </summary>
    public static bool IsGuardedBy(IOperation operation, Func<IOperation, bool> holds)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.WhenTrue == child && AnyConjunct(conditional.Condition, holds):
                case IWhileLoopOperation { ConditionIsTop: true, Condition: { } condition } loop when loop.Body == child && AnyConjunct(condition, holds):
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    private static bool AnyConjunct(IOperation condition, Func<IOperation, bool> holds)
    {
        condition = WithoutConversions(condition);
        return condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both
            ? AnyConjunct(both.LeftOperand, holds) || AnyConjunct(both.RightOperand, holds)
            : holds(condition);
    }

    /// <summary>The symbol a simple reference denotes (a local, parameter, field or property), or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : WithoutConversions(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        _ => null,
    };

    public static bool IsConstantZero(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: int or long } constant && System.Convert.ToInt64(constant.Value) == 0;

    /// <summary>The innermost loop around <paramref name="operation"/> in its own function (a lambda or local function stops the walk).</summary>
    public static ILoopOperation? InnermostLoopInSameFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="inner"/> lies within <paramref name="outer"/>'s syntax.</summary>
    public static bool IsWithin(IOperation inner, IOperation outer) => outer.Syntax.Span.Contains(inner.Syntax.Span);
}
