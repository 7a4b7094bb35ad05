using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Usage;

/// <summary>
/// BLZ001–BLZ011: reports why a <c>[Blocking]</c>/<c>[CpuBound]</c> method gets no generated wrapper. The generator
/// stays silent on an invalid target; this analyzer tells the user why, using <see cref="OffloadTargetRules"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OffloadTargetUsageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.TypeNotPartial,
        Descriptors.ByRefParameter,
        Descriptors.RefStructSignature,
        Descriptors.PointerSignature,
        Descriptors.RefReturn,
        Descriptors.AsyncTarget,
        Descriptors.BothAttributes,
        Descriptors.WrapperNameCollision,
        Descriptors.StructInstanceMethod,
        Descriptors.LocalFunctionOrLambda,
        Descriptors.AbstractOrExtern);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = OffloadTargetRules.Symbols.Create(start.Compilation);
            if (!symbols.IsUsable)
            {
                return;
            }

            start.RegisterSymbolAction(c => AnalyzeMethod(c, symbols), SymbolKind.Method);
            start.RegisterOperationAction(c => AnalyzeNestedFunction(c, symbols), OperationKind.LocalFunction, OperationKind.AnonymousFunction);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, OffloadTargetRules.Symbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            return; // the implementation part of a partial method; its definition part is analyzed
        }

        var attributes = OffloadTargetRules.GetAttributes(method, symbols);
        if (!attributes.Any)
        {
            return;
        }

        var location = method.Locations.Length > 0 ? method.Locations[0] : Location.None;
        foreach (var violation in OffloadTargetRules.Evaluate(method, attributes, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(Create(violation, method, attributes, location));
        }
    }

    private static void AnalyzeNestedFunction(OperationAnalysisContext context, OffloadTargetRules.Symbols symbols)
    {
        var (method, kind) = context.Operation switch
        {
            ILocalFunctionOperation local => (local.Symbol, "local function"),
            IAnonymousFunctionOperation lambda => (lambda.Symbol, "lambda"),
            _ => (null, ""),
        };
        if (method is null)
        {
            return;
        }

        var attributes = OffloadTargetRules.GetAttributes(method, symbols);
        if (attributes.First?.ApplicationSyntaxReference is { } reference)
        {
            var location = Location.Create(reference.SyntaxTree, reference.Span);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunctionOrLambda, location, attributes.ShortName, kind));
        }
    }

    private static Diagnostic Create(OffloadTargetViolation violation, IMethodSymbol method, OffloadTargetRules.OffloadAttributes attributes, Location methodLocation)
    {
        var name = method.Name;
        var subject = violation.Subject;
        var subjectLocation = subject is IParameterSymbol { Locations.Length: > 0 } parameter ? parameter.Locations[0] : methodLocation;
        var subjectType = subject switch
        {
            IParameterSymbol p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            _ => method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        };

        return violation.Kind switch
        {
            OffloadTargetViolationKind.TypeNotPartial => Diagnostic.Create(Descriptors.TypeNotPartial, methodLocation, name, subject?.Name),
            OffloadTargetViolationKind.ByRefParameter => Diagnostic.Create(Descriptors.ByRefParameter, subjectLocation, name, subject?.Name),
            OffloadTargetViolationKind.RefStructSignature => Diagnostic.Create(Descriptors.RefStructSignature, subjectLocation, name, subjectType),
            OffloadTargetViolationKind.PointerSignature => Diagnostic.Create(Descriptors.PointerSignature, subjectLocation, name, subjectType),
            OffloadTargetViolationKind.RefReturn => Diagnostic.Create(Descriptors.RefReturn, methodLocation, name),
            OffloadTargetViolationKind.AsyncTarget => Diagnostic.Create(Descriptors.AsyncTarget, methodLocation, name, attributes.ShortName),
            OffloadTargetViolationKind.BothAttributes => Diagnostic.Create(Descriptors.BothAttributes, methodLocation, name),
            OffloadTargetViolationKind.WrapperNameCollision => Diagnostic.Create(Descriptors.WrapperNameCollision, methodLocation, name,
                OffloadTargetRules.GetWrapperName(method, attributes.First!)),
            OffloadTargetViolationKind.StructInstanceMethod => Diagnostic.Create(Descriptors.StructInstanceMethod, methodLocation, name, subject?.Name),
            OffloadTargetViolationKind.AbstractOrExtern => Diagnostic.Create(Descriptors.AbstractOrExtern, methodLocation, name, method.IsAbstract ? "abstract" : "extern"),
            _ => Diagnostic.Create(Descriptors.LocalFunctionOrLambda, methodLocation, attributes.ShortName, "local function"),
        };
    }
}
