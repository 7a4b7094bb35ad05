using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ106: a lifetime loop of an async method that awaits only when a check holds (<c>while (true) { if
/// (udp.Available != 0) { await udp.ReceiveAsync(); ... } }</c>, <c>while (_running) { if (queue.Count > 0) await
/// Send(queue.Dequeue()); }</c>): whenever the check fails the pass ends at once, so between inputs it spins on its
/// thread without giving it back (a ThreadPool thread after the first await). Read from the shape alone: the loop's
/// condition is endless or a stop flag, nothing leaves it, every await is in one <c>if</c> with no <c>else</c> whose
/// condition does not wait, and outside that <c>if</c> the body calls only library members that do not block (a
/// source call or a blocking one may be what paces it, and then it is no spin).
/// </summary>
internal static class IdleSpinningLoops
{
    /// <summary>The condition under which <paramref name="loop"/> awaits, when it spins otherwise; else null.</summary>
    public static ExpressionSyntax? AwaitGuard(ILoopOperation loop, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        // The condition first (a look at one expression), then the walk over the body for exits.
        if (loop.Syntax is not (WhileStatementSyntax or ForStatementSyntax) || !(ForeverLoops.HasEndlessCondition(loop.Syntax) || StopFlags.Controls(loop))
            || !ForeverLoops.NeverLeaves((StatementSyntax)loop.Syntax))
        {
            return null;
        }

        IfStatementSyntax? guarded = null;
        foreach (var statement in Statements(loop.Syntax switch
        {
            WhileStatementSyntax w => w.Statement,
            ForStatementSyntax f => f.Statement,
            _ => null,
        }))
        {
            if (!ForeverLoops.Awaits(statement))
            {
                continue;
            }

            if (guarded is null && statement is IfStatementSyntax { Else: null } check && !ForeverLoops.Awaits(check.Condition))
            {
                guarded = check;
                continue;
            }

            return null; // an await on every pass, or a second guard: no idle path to read
        }

        if (guarded is null)
        {
            return null;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(loop.Body))
        {
            if (guarded.Statement.Span.Contains(operation.Syntax.Span))
            {
                continue;
            }

            var target = operation switch
            {
                IInvocationOperation call => call.TargetMethod,
                IPropertyReferenceOperation property => property.Property.GetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (operation is IThrowOperation
                || (operation is IInvocationOperation wait && LifetimeLoops.IsBlockingWait(wait, symbols)) // Poll(1000, ...): it waits, and paces the loop
                // var pending = work(token); if (!pending.IsCompleted) await pending;: every pass starts async work and
                // awaits it unless it already finished; that work paces the loop.
                || (operation is IInvocationOperation started && symbols.IsTaskLike(started.TargetMethod.ReturnType))
                || (target is not null && (!target.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty || BlockingCalls.Classify(operation, symbols, cancellationToken) is not null)))
            {
                return null; // a source call or a blocking one may pace the loop; a throw may end it
            }
        }

        return guarded.Condition;
    }

    /// <summary>A body's statements, with the blocks and <c>try</c> blocks around them opened.</summary>
    private static IEnumerable<StatementSyntax> Statements(StatementSyntax? body)
    {
        switch (body)
        {
            case BlockSyntax block:
                return block.Statements.SelectMany(Statements);
            case TryStatementSyntax attempt:
                return Statements(attempt.Block).Concat(attempt.Catches.SelectMany(c => Statements(c.Block)));
            case null:
                return Enumerable.Empty<StatementSyntax>();
            default:
                return new[] { body };
        }
    }
}
