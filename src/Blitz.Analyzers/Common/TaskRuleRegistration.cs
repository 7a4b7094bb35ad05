using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Registration of the bucket rules' operation actions (BLZ101-112): one operation action per rule for the whole
/// compilation, with the symbols resolved on first use and the rule skipped where there are no tasks. Registering
/// per operation block instead, only for blocks that can hold async context, was measured slower on the
/// 117,000-line synthetic project (13-15% of compile time against 8-11%): the driver then builds per-block action
/// tables and walks each async block a second time, which costs more than the callbacks it spares.
/// </summary>
internal static class TaskRuleRegistration
{
    /// <summary>Runs <paramref name="action"/> on operations of <paramref name="kinds"/> when the compilation has tasks.</summary>
    public static void RegisterTaskRuleAction(
        this CompilationStartAnalysisContext start, Lazy<BlitzSymbols> symbols, Action<OperationAnalysisContext, BlitzSymbols> action, params OperationKind[] kinds) =>
        start.RegisterOperationAction(new WhenTasks(symbols, action, mayReportOn: null).Run, kinds);

    /// <summary>
    /// Like <see cref="RegisterTaskRuleAction"/>, for a rule that looks only at calls to some members:
    /// <paramref name="mayReportOn"/> tells, from a called member's definition alone, whether the rule can report a call
    /// to it. Hosted by <see cref="BlitzRulesAnalyzer"/>, the rule then runs only on calls to such members (see
    /// <see cref="ICalledMemberFilter"/>); <paramref name="action"/> still makes every check itself.
    /// </summary>
    public static void RegisterCallRuleAction(
        this CompilationStartAnalysisContext start, Lazy<BlitzSymbols> symbols, Action<OperationAnalysisContext, BlitzSymbols> action,
        Func<ISymbol, BlitzSymbols, bool> mayReportOn, params OperationKind[] kinds) =>
        start.RegisterOperationAction(new WhenTasks(symbols, action, mayReportOn).Run, kinds);

    /// <summary>Runs the rule once the compilation's symbols are known to include tasks.</summary>
    private sealed class WhenTasks(Lazy<BlitzSymbols> symbols, Action<OperationAnalysisContext, BlitzSymbols> action, Func<ISymbol, BlitzSymbols, bool>? mayReportOn)
        : ICalledMemberFilter
    {
        [MethodImpl(Jit.Optimized)]
        public void Run(OperationAnalysisContext context)
        {
            if (symbols.Value is { HasTasks: true } resolved)
            {
                action(context, resolved);
            }
        }

        [MethodImpl(Jit.Optimized)]
        public bool MayReportOn(ISymbol member) =>
            symbols.Value is { HasTasks: true } resolved && (mayReportOn is null || mayReportOn(member, resolved));
    }
}
