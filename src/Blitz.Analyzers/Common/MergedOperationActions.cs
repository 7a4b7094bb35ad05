using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The operation actions of the rules hosted by <see cref="BlitzRulesAnalyzer"/>, grouped by operation kind: the
/// driver calls one action per operation, which runs each rule's action for that kind in registration order.
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
            if (actions.Length == 1)
            {
                start.RegisterOperationAction(actions[0], pair.Key);
                continue;
            }

            start.RegisterOperationAction(new Fanout(actions).Run, pair.Key);
        }
    }

    /// <summary>One operation kind's actions, run one after another.</summary>
    private sealed class Fanout(Action<OperationAnalysisContext>[] actions)
    {
        [MethodImpl(Jit.Optimized)]
        public void Run(OperationAnalysisContext context)
        {
            foreach (var action in actions)
            {
                action(context);
            }
        }
    }
}
