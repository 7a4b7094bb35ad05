using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ105: a valid <c>[Blocking]</c>/<c>[CpuBound]</c> method called directly in async context runs inline on the
/// ThreadPool; its generated wrapper is what sends it to Blitz's pool.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by BlitzRulesAnalyzer with the other default-on rules, not loaded on its own.")]
public sealed class BLZ105DirectOffloadTargetCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DirectOffloadTargetCall);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = BlitzSymbols.Deferred(start.Compilation);
            var targets = new OffloadTargetCache(symbols);
            start.RegisterCallRuleAction(symbols, [MethodImpl(Jit.Optimized)] (c, resolved) =>
            {
                if (resolved.HasOffloadAttributes)
                {
                    Analyze(c, resolved, targets);
                }
            }, [MethodImpl(Jit.Optimized)] (member, resolved) => resolved.HasOffloadAttributes && member is IMethodSymbol method && targets.TryGetWrapper(method, default, out _, out _), OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, BlitzSymbols symbols, OffloadTargetCache targets)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod.OriginalDefinition;
        if (!targets.TryGetWrapper(method, context.CancellationToken, out var wrapper, out var attribute)
            || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol, symbols))
        {
            return;
        }

        var takesToken = method.Parameters.Any(p => BlitzSymbols.Is(p.Type, symbols.CancellationToken));
        var token = !takesToken && invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.Explicit && a.Syntax is ArgumentSyntax { NameColon: null })
            ? AsyncContext.CancellationTokenInScope(invocation, context.ContainingSymbol, symbols)
            : null;
        var properties = DiagnosticProperties.WithToken(token).Add(DiagnosticProperties.Replacement, wrapper);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.DirectOffloadTargetCall, invocation.Syntax.GetLocation(), properties,
            method.Name, attribute, attribute == "Blocking" ? "3" : "5", wrapper));
    }
}

/// <summary>Per compilation: which methods are valid offload targets, and their wrapper's name (invalid targets have no wrapper).</summary>
internal sealed class OffloadTargetCache
{
    private readonly System.Lazy<BlitzSymbols> _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, (string? Wrapper, string Attribute)> _cache = new(ReferenceComparer.Instance);

    public OffloadTargetCache(System.Lazy<BlitzSymbols> symbols) => _symbols = symbols;

    [MethodImpl(Jit.Optimized)]
    public bool TryGetWrapper(IMethodSymbol method, System.Threading.CancellationToken cancellationToken, out string wrapper, out string attribute)
    {
        wrapper = string.Empty;
        attribute = string.Empty;
        if (!_symbols.Value.CanDeclareOffloadTargets(method.ContainingAssembly))
        {
            return false; // most calls go to the framework, which cannot carry Blitz's attributes
        }

        if (!_cache.TryGetValue(method, out var entry))
        {
            entry = Compute(method, cancellationToken);
            _cache.TryAdd(method, entry);
        }

        wrapper = entry.Wrapper ?? string.Empty;
        attribute = entry.Attribute;
        return entry.Wrapper is not null;
    }

    private (string? Wrapper, string Attribute) Compute(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
    {
        // The generator's own rules: a method has a wrapper exactly when they find no issue.
        var kind = OffloadTargetRules.GetAttributeKind(method);
        if (kind == OffloadAttributeKind.None || OffloadTargetRules.GetIssue(method, cancellationToken) != OffloadTargetIssue.None)
        {
            return (null, string.Empty);
        }

        return (OffloadTargetRules.GetWrapperName(method), kind == OffloadAttributeKind.Blocking ? "Blocking" : "CpuBound");
    }
}
