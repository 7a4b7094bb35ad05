using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// What a rule may register for one compilation: call, operation and method-symbol actions, each with what it requires
/// of the compilation (<see cref="RuleRequirements"/>). The host creates one registry per compilation start, lets every
/// rule that is not turned off register, and then hands the driver one callback per operation kind for all of them
/// (<see cref="OperationFanout"/>, <see cref="CallFanout"/>) and one for method symbols. Every callback skips generated
/// code. The Blitz symbols are resolved on first use, not at compilation start, and shared by all the rules.
/// Registering per operation block instead, only for blocks that can hold async context, was measured slower on the
/// 117,000-line synthetic project (13-15% of compile time against 8-11%): the driver then builds per-block action
/// tables and walks each async block a second time, which costs more than the callbacks it spares.
/// </summary>
internal sealed class RuleRegistry
{
    private readonly Dictionary<OperationKind, List<RuleAction<OperationAnalysisContext>>> _operations = new();
    private readonly List<RuleAction<SymbolAnalysisContext>> _methods = new();
    private readonly Lazy<OffloadTargetCache> _offloadTargets;

    /// <summary>A registry for <paramref name="compilation"/>; only the hosts create one.</summary>
    public RuleRegistry(Compilation compilation)
    {
        Compilation = compilation;
        Symbols = BlitzSymbols.Deferred(compilation);
        _offloadTargets = new Lazy<OffloadTargetCache>(() => new OffloadTargetCache(Symbols));
        CheapWork = new Lazy<CheapWork>(() => Common.CheapWork.For(compilation));
    }

    /// <summary>The compilation; reading its assembly or types here, at compilation start, is charged to every build.</summary>
    public Compilation Compilation { get; }

    /// <summary>The compilation's Blitz symbols, resolved on first use (see <see cref="BlitzSymbols.Deferred"/>).</summary>
    public Lazy<BlitzSymbols> Symbols { get; }

    /// <summary>
    /// The compilation's catalog of provably cheap work (BLZ108, BLZ113), built on first use: once per compilation for
    /// every rule that asks, and not at all in a compilation that never offloads.
    /// </summary>
    public Lazy<CheapWork> CheapWork { get; }

    /// <summary>The compilation's valid offload targets and their wrappers, one cache for every rule that asks.</summary>
    public OffloadTargetCache OffloadTargets => _offloadTargets.Value;

    /// <summary>
    /// Runs <paramref name="action"/> on calls of <paramref name="kinds"/> (invocations, property reads, object
    /// creations) to the members <paramref name="mayReportOn"/> admits: it is asked once per called member definition
    /// and must answer from the member alone. The action still makes every check itself. On other operation kinds
    /// (a <c>using</c>) the action runs unfiltered.
    /// </summary>
    public void RegisterCall(
        Func<ISymbol, BlitzSymbols, bool> mayReportOn, Action<OperationAnalysisContext, BlitzSymbols> action, RuleRequirements requires, params OperationKind[] kinds) =>
        Add(new RuleAction<OperationAnalysisContext>(action, requires, mayReportOn), kinds);

    /// <summary>Runs <paramref name="action"/> on every operation of <paramref name="kinds"/> outside generated code.</summary>
    public void RegisterOperation(Action<OperationAnalysisContext, BlitzSymbols> action, RuleRequirements requires, params OperationKind[] kinds) =>
        Add(new RuleAction<OperationAnalysisContext>(action, requires, mayReportOn: null), kinds);

    /// <summary>Runs <paramref name="action"/> on every method symbol outside generated code.</summary>
    public void RegisterMethodSymbol(Action<SymbolAnalysisContext, BlitzSymbols> action, RuleRequirements requires) =>
        _methods.Add(new RuleAction<SymbolAnalysisContext>(action, requires, mayReportOn: null));

    /// <summary>Registers with the driver one callback per operation kind and one for method symbols, for all the rules' actions.</summary>
    public void RegisterWith(CompilationStartAnalysisContext start)
    {
        foreach (var pair in _operations)
        {
            var actions = pair.Value.ToArray();
            if (CallFanout.Handles(pair.Key) && actions.Length <= CallFanout.MaxActions)
            {
                start.RegisterOperationAction(new CallFanout(actions, Symbols).Run, pair.Key);
            }
            else
            {
                start.RegisterOperationAction(new OperationFanout(actions, Symbols).Run, pair.Key);
            }
        }

        if (_methods.Count > 0)
        {
            start.RegisterSymbolAction(new MethodSymbolFanout(_methods.ToArray(), Symbols).Run, SymbolKind.Method);
        }
    }

    private void Add(RuleAction<OperationAnalysisContext> action, OperationKind[] kinds)
    {
        foreach (var kind in kinds.Distinct())
        {
            if (!_operations.TryGetValue(kind, out var actions))
            {
                _operations.Add(kind, actions = new List<RuleAction<OperationAnalysisContext>>());
            }

            actions.Add(action);
        }
    }
}
