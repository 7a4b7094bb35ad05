using System.Collections.Immutable;
using Blitz.Analyzers.Common;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Usage;

/// <summary>
/// BLZ001–BLZ014: reports why a <c>[Blocking]</c>/<c>[CpuBound]</c> method gets no generated wrapper. The generator
/// stays silent on an invalid target; this analyzer tells the user why. Both decide with the same source file,
/// <see cref="OffloadTargetRules"/> (compiled into the generator, linked here), so they always agree: a method gets a
/// wrapper exactly when it gets no usage diagnostic. The first reason is reported; fixing it shows the next, if any.
/// </summary>
internal sealed class OffloadTargetUsageAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
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
        Descriptors.AbstractOrExtern,
        Descriptors.UnsupportedContainingType,
        Descriptors.UnsupportedMethodKind,
        Descriptors.InvalidWrapperName);

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        registry.RegisterMethodSymbol((c, _) => AnalyzeMethod(c), RuleRequirements.OffloadAttributes);
        registry.RegisterOperation((c, _) => AnalyzeNestedFunction(c), RuleRequirements.OffloadAttributes, OperationKind.LocalFunction, OperationKind.AnonymousFunction);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            return; // the implementation part of a partial method; its definition part is analyzed
        }

        OffloadAttributeKind kind = OffloadTargetRules.GetAttributeKind(method);
        if (kind == OffloadAttributeKind.None)
        {
            return;
        }

        OffloadTargetIssue issue = OffloadTargetRules.GetIssue(method, out ISymbol? subject, context.CancellationToken);
        if (issue is OffloadTargetIssue.None or OffloadTargetIssue.ErroneousDeclaration)
        {
            return; // a wrapper exists, or the compiler already reports the declaration's error
        }

        context.ReportDiagnostic(Create(issue, method, subject, kind));
    }

    private static void AnalyzeNestedFunction(OperationAnalysisContext context)
    {
        var (method, description) = context.Operation switch
        {
            ILocalFunctionOperation local => (local.Symbol, "local function"),
            IAnonymousFunctionOperation lambda => (lambda.Symbol, "lambda"),
            _ => (null, ""),
        };
        if (method is null)
        {
            return;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            OffloadAttributeKind kind = OffloadTargetRules.GetAttributeKind(attribute.AttributeClass);
            if (kind != OffloadAttributeKind.None && attribute.ApplicationSyntaxReference is { } reference)
            {
                var location = Location.Create(reference.SyntaxTree, reference.Span);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunctionOrLambda, location, ShortName(kind), description));
                return;
            }
        }
    }

    private static Diagnostic Create(OffloadTargetIssue issue, IMethodSymbol method, ISymbol? subject, OffloadAttributeKind kind)
    {
        string name = method.Name;
        Location methodLocation = method.Locations.Length > 0 ? method.Locations[0] : Location.None;
        Location subjectLocation = subject is IParameterSymbol or ITypeParameterSymbol && subject.Locations.Length > 0 ? subject.Locations[0] : methodLocation;
        string subjectType = subject switch
        {
            IParameterSymbol parameter => parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            ITypeParameterSymbol typeParameter => typeParameter.Name,
            _ => method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        };

        return issue switch
        {
            OffloadTargetIssue.TypeNotPartial => Diagnostic.Create(Descriptors.TypeNotPartial, methodLocation, name, subject?.Name),
            OffloadTargetIssue.ByRefParameter => Diagnostic.Create(Descriptors.ByRefParameter, subjectLocation, name, subject?.Name),
            OffloadTargetIssue.RefStructSignature => Diagnostic.Create(Descriptors.RefStructSignature, subjectLocation, name, subjectType),
            OffloadTargetIssue.PointerSignature => Diagnostic.Create(Descriptors.PointerSignature, subjectLocation, name, subjectType),
            OffloadTargetIssue.RefReturn => Diagnostic.Create(Descriptors.RefReturn, methodLocation, name),
            OffloadTargetIssue.AsyncMethod => Diagnostic.Create(Descriptors.AsyncTarget, methodLocation, name, ShortName(kind)),
            OffloadTargetIssue.BothAttributes => Diagnostic.Create(Descriptors.BothAttributes, methodLocation, name),
            OffloadTargetIssue.WrapperNameCollision => Diagnostic.Create(Descriptors.WrapperNameCollision, methodLocation, name, OffloadTargetRules.GetWrapperName(method)),
            OffloadTargetIssue.StructInstanceMethod => Diagnostic.Create(Descriptors.StructInstanceMethod, methodLocation, name, method.ContainingType?.Name),
            OffloadTargetIssue.LocalFunctionOrLambda => Diagnostic.Create(Descriptors.LocalFunctionOrLambda, methodLocation, ShortName(kind), "local function"),
            OffloadTargetIssue.AbstractOrExtern => Diagnostic.Create(Descriptors.AbstractOrExtern, methodLocation, name, method.IsAbstract ? "abstract" : "extern"),
            OffloadTargetIssue.UnsupportedContainingType => Diagnostic.Create(Descriptors.UnsupportedContainingType, methodLocation, name,
                subject?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? method.ContainingSymbol?.Name),
            OffloadTargetIssue.UnsupportedMethodKind => Diagnostic.Create(Descriptors.UnsupportedMethodKind, methodLocation, name),
            _ => Diagnostic.Create(Descriptors.InvalidWrapperName, methodLocation, name, OffloadTargetRules.GetWrapperNameOverride(method)),
        };
    }

    private static string ShortName(OffloadAttributeKind kind) => (kind & OffloadAttributeKind.Blocking) != 0 ? "Blocking" : "CpuBound";
}
