using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>One registered action of a rule, with what it requires of the compilation and, for a call rule, its member filter.</summary>
/// <typeparam name="TContext">The driver's context: operation or symbol.</typeparam>
internal sealed class RuleAction<TContext>(Action<TContext, BlitzSymbols> action, RuleRequirements requires, Func<ISymbol, BlitzSymbols, bool>? mayReportOn)
{
    /// <summary>Runs the rule.</summary>
    public Action<TContext, BlitzSymbols> Run { get; } = action;

    /// <summary>
    /// False when the rule can never report a call to, a read of, or a construction through the member (a method,
    /// property or constructor definition), whatever the call site; null for a rule that looks at every call.
    /// </summary>
    public Func<ISymbol, BlitzSymbols, bool>? MayReportOn { get; } = mayReportOn;

    /// <summary>True when the compilation has what the rule requires.</summary>
    public bool IsApplicable(BlitzSymbols symbols) =>
        ((requires & RuleRequirements.Tasks) == 0 || symbols.HasTasks)
        && ((requires & RuleRequirements.OffloadAttributes) == 0 || symbols.HasOffloadAttributes);

    /// <summary>Runs each of <paramref name="actions"/> whose requirements the compilation meets, in registration order.</summary>
    [MethodImpl(Jit.Optimized)]
    public static void RunApplicable(RuleAction<TContext>[] actions, TContext context, BlitzSymbols symbols)
    {
        foreach (var action in actions)
        {
            if (action.IsApplicable(symbols))
            {
                action.Run(context, symbols);
            }
        }
    }

    /// <summary>True when the rule may report on a call to <paramref name="member"/> (null when the call names none).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayRunOn(ISymbol? member, BlitzSymbols symbols) =>
        IsApplicable(symbols) && (member is null || MayReportOn is null || MayReportOn(member, symbols));
}
