using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>BLZ101: <c>Thread.Sleep</c> in async context; waiting is bucket 1, <c>await Task.Delay</c> holds no thread.</summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by BlitzRulesAnalyzer with the other default-on rules, not loaded on its own.")]
public sealed class BLZ101ThreadSleepAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ThreadSleep);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = BlitzSymbols.Deferred(start.Compilation);
            start.RegisterCallRuleAction(symbols, Analyze,
                [MethodImpl(Jit.Optimized)] (member, resolved) => member is IMethodSymbol { Name: "Sleep" } sleep && resolved.ThreadSleep.Contains(sleep, SymbolEqualityComparer.Default),
                OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Sleep" || !symbols.HasTasks
            || !symbols.ThreadSleep.Contains(invocation.TargetMethod, SymbolEqualityComparer.Default)
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var properties = DiagnosticProperties.WithToken(AsyncContext.CancellationTokenInScope(invocation, context.ContainingSymbol, symbols));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ThreadSleep, invocation.Syntax.GetLocation(), properties));
    }
}
