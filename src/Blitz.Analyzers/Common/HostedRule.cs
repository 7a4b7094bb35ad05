using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blitz.Analyzers.Common;

/// <summary>
/// One rule hosted by <see cref="BlitzRulesAnalyzer"/>: its <c>Initialize</c> runs against a context that keeps its
/// compilation start actions, and each start action runs against a context that merges its operation actions with
/// the other rules' (<see cref="MergedOperationActions"/>) and passes its symbol actions to the host. A hosted rule
/// registers through compilation start actions only, and there only operation and symbol actions, as every Blitz
/// rule does.
/// </summary>
internal sealed class HostedRule
{
    private readonly DiagnosticAnalyzer _rule;
    private readonly List<Action<CompilationStartAnalysisContext>> _startActions = new();

    private HostedRule(DiagnosticAnalyzer rule) => _rule = rule;

    /// <summary>Runs the rule's <c>Initialize</c> and keeps what it registered.</summary>
    public static HostedRule Initialize(DiagnosticAnalyzer rule)
    {
        var hosted = new HostedRule(rule);
        rule.Initialize(new InitializeContext(hosted._startActions));
        return hosted;
    }

    /// <summary>True when every diagnostic of the rule is turned off for the whole compilation, so running it is wasted.</summary>
    public bool IsTurnedOff(Compilation compilation, CancellationToken cancellationToken) =>
        _rule.SupportedDiagnostics.All(descriptor => IsTurnedOff(descriptor, compilation, cancellationToken));

    /// <summary>Runs the rule's compilation start actions against <paramref name="start"/>, its operation actions merged into <paramref name="operations"/>.</summary>
    public void Start(CompilationStartAnalysisContext start, MergedOperationActions operations)
    {
        var context = new StartContext(start, operations);
        foreach (var action in _startActions)
        {
            action(context);
        }
    }

    private static bool IsTurnedOff(DiagnosticDescriptor descriptor, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var global = options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific) ? specific
            : options.SyntaxTreeOptionsProvider?.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var configured) == true ? configured
            : descriptor.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
        if (global != ReportDiagnostic.Suppress)
        {
            return false;
        }

        // An .editorconfig section may turn it back on for some files.
        return options.SyntaxTreeOptionsProvider is not { } provider
            || compilation.SyntaxTrees.All(tree => !provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var perTree) || perTree == ReportDiagnostic.Suppress);
    }

    /// <summary>Keeps the compilation start actions; the host sets concurrency and generated-code analysis itself.</summary>
    private sealed class InitializeContext(List<Action<CompilationStartAnalysisContext>> startActions) : AnalysisContext
    {
        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => startActions.Add(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw NotHosted();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw NotHosted();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw NotHosted();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw NotHosted();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw NotHosted();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw NotHosted();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw NotHosted();

        private static NotSupportedException NotHosted() =>
            new("A rule hosted by BlitzRulesAnalyzer registers its actions in a compilation start action.");
    }

    /// <summary>
    /// The host's compilation start context, with operation actions merged across rules and symbol actions passed on.
    /// Both skip generated code, which the host analyzes only to skip it itself (see <see cref="BlitzRulesAnalyzer"/>);
    /// a registration that could not skip it is refused.
    /// </summary>
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1012:Start action has no registered actions", Justification = "It forwards every registration to the host's start context.")]
    private sealed class StartContext(CompilationStartAnalysisContext start, MergedOperationActions operations)
        : CompilationStartAnalysisContext(start.Compilation, start.Options, start.CancellationToken)
    {
        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            operations.Add(action, operationKinds);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            start.RegisterSymbolAction(new OutsideGeneratedCode(action).Run, symbolKinds);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw NotHosted();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw NotHosted();

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw NotHosted();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw NotHosted();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw NotHosted();

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw NotHosted();

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw NotHosted();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw NotHosted();

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => throw NotHosted();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw NotHosted();

        private static NotSupportedException NotHosted() =>
            new("A rule hosted by BlitzRulesAnalyzer registers operation and symbol actions only, which the host runs outside generated code.");
    }

    /// <summary>A rule's symbol action, run on symbols outside generated code.</summary>
    private sealed class OutsideGeneratedCode(Action<SymbolAnalysisContext> action)
    {
        [MethodImpl(Jit.Optimized)]
        public void Run(SymbolAnalysisContext context)
        {
            if (!context.IsGeneratedCode)
            {
                action(context);
            }
        }
    }
}
