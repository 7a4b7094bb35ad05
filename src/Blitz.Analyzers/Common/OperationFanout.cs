using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// One operation kind's rule actions behind one driver callback, run one after another: the driver's per-callback
/// cost (timing, suppression checks, context set-up) is paid once per operation instead of once per rule. Generated
/// code runs no rule: the hosts analyze it only to skip it here (see <see cref="BlitzRulesAnalyzer"/>).
/// </summary>
internal sealed class OperationFanout(RuleAction<OperationAnalysisContext>[] actions, Lazy<BlitzSymbols> symbols)
{
    /// <summary>The driver's callback.</summary>
    [MethodImpl(Jit.Optimized)]
    public void Run(OperationAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        RuleAction<OperationAnalysisContext>.RunApplicable(actions, context, symbols.Value);
    }
}
