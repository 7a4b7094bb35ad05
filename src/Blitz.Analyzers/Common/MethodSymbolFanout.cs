using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>The rules' method-symbol actions behind one driver callback, run on symbols outside generated code.</summary>
internal sealed class MethodSymbolFanout(RuleAction<SymbolAnalysisContext>[] actions, Lazy<BlitzSymbols> symbols)
{
    /// <summary>The driver's callback.</summary>
    [MethodImpl(Jit.Optimized)]
    public void Run(SymbolAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        RuleAction<SymbolAnalysisContext>.RunApplicable(actions, context, symbols.Value);
    }
}
