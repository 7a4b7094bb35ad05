using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The operation actions of the rules hosted by <see cref="BlitzRulesAnalyzer"/>, grouped by operation kind: the
/// driver calls one action per operation, which runs each rule's action for that kind in registration order. On a
/// call (an invocation, a property read, an object creation) only the rules that may report on the called member run:
/// each rule whose action carries an <see cref="ICalledMemberFilter"/> is asked once per member, and the answers are
/// kept per compilation. Most calls go to members no rule looks at (a <c>StringBuilder.Append</c>, a record's
/// property), and those cost one lookup instead of a pass through every rule's gates. Operations in generated code
/// run no rule (see <see cref="BlitzRulesAnalyzer"/>).
/// </summary>
internal sealed class MergedOperationActions
{
    private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _byKind = new();

    /// <summary>Adds a rule's action for <paramref name="kinds"/>.</summary>
    public void Add(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
    {
        foreach (var kind in kinds.Distinct())
        {
            if (!_byKind.TryGetValue(kind, out var actions))
            {
                _byKind.Add(kind, actions = new List<Action<OperationAnalysisContext>>());
            }

            actions.Add(action);
        }
    }

    /// <summary>Registers one action per kind with the host.</summary>
    public void RegisterWith(CompilationStartAnalysisContext start)
    {
        foreach (var pair in _byKind)
        {
            var actions = pair.Value.ToArray();
            if (IsCall(pair.Key) && actions.Length <= CallFanout.MaxActions && actions.Any(a => a.Target is ICalledMemberFilter))
            {
                start.RegisterOperationAction(new CallFanout(actions).Run, pair.Key);
            }
            else
            {
                start.RegisterOperationAction(new Fanout(actions).Run, pair.Key);
            }
        }
    }

    private static bool IsCall(OperationKind kind) => kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation;

    /// <summary>One operation kind's actions, run one after another.</summary>
    private sealed class Fanout(Action<OperationAnalysisContext>[] actions)
    {
        [MethodImpl(Jit.Optimized)]
        public void Run(OperationAnalysisContext context)
        {
            if (context.IsGeneratedCode)
            {
                return;
            }

            foreach (var action in actions)
            {
                action(context);
            }
        }
    }

    /// <summary>One call kind's actions, each run only on calls to the members its filter lets through.</summary>
    private sealed class CallFanout(Action<OperationAnalysisContext>[] actions)
    {
        public const int MaxActions = 64; // one bit each

        // Per called member definition: bit i set when actions[i] may report on it.
        private readonly ConcurrentDictionary<ISymbol, ulong> _masks = new(ReferenceComparer.Instance);

        [MethodImpl(Jit.Optimized)]
        public void Run(OperationAnalysisContext context)
        {
            if (context.IsGeneratedCode)
            {
                return;
            }

            var member = CalledMember(context.Operation);
            var mask = member is null ? ulong.MaxValue
                : _masks.TryGetValue(member, out var known) ? known
                : _masks.GetOrAdd(member, Mask(member));
            for (var i = 0; mask != 0 && i < actions.Length; i++, mask >>= 1)
            {
                if ((mask & 1) != 0)
                {
                    actions[i](context);
                }
            }
        }

        [MethodImpl(Jit.Optimized)]
        private ulong Mask(ISymbol member)
        {
            ulong mask = 0;
            for (var i = 0; i < actions.Length; i++)
            {
                if (actions[i].Target is not ICalledMemberFilter filter || filter.MayReportOn(member))
                {
                    mask |= 1UL << i;
                }
            }

            return mask;
        }

        /// <summary>The definition of the method, property or constructor a call names; null when there is none (an erroneous <c>new</c>).</summary>
        [MethodImpl(Jit.Optimized)]
        private static ISymbol? CalledMember(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.OriginalDefinition,
            IPropertyReferenceOperation property => property.Property.OriginalDefinition,
            IObjectCreationOperation creation => creation.Constructor?.OriginalDefinition,
            _ => null,
        };
    }
}
