using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Blitz.Analyzers.Common;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Usage;

/// <summary>
/// BLZ001–BLZ014: reports why a <c>[Blocking]</c>/<c>[CpuBound]</c> method gets no generated wrapper. The generator
/// stays silent on an invalid target; this analyzer tells the user why. Both decide with the same source files,
/// <see cref="OffloadTargetRules"/> and its helpers in src/Shared/OffloadTargets (compiled into both), so they always
/// agree: a method gets a wrapper exactly when it gets no usage diagnostic. The first reason is reported; fixing it
/// shows the next, if any. <see cref="OffloadTargetIssueDescriptors"/> says which rule each reason is.
/// </summary>
internal sealed class OffloadTargetUsageAnalyzer : IBlitzRule
{
    /// <inheritdoc/>
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => OffloadTargetIssueDescriptors.All;

    /// <inheritdoc/>
    public void Register(RuleRegistry registry)
    {
        var targets = registry.OffloadTargets; // the verdicts BLZ105's call filter reads too: each computed once
        registry.RegisterMethodSymbol((c, _) => AnalyzeMethod(c, targets), RuleRequirements.OffloadAttributes);
        registry.RegisterOperation((c, _) => AnalyzeNestedFunction(c), RuleRequirements.OffloadAttributes, OperationKind.LocalFunction, OperationKind.AnonymousFunction);
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeMethod(SymbolAnalysisContext context, OffloadTargetCache targets)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            return; // the implementation part of a partial method; its definition part is analyzed
        }

        OffloadAttributeKind kind = OffloadAttributes.GetKind(method);
        if (kind == OffloadAttributeKind.None)
        {
            return;
        }

        OffloadTargetIssue issue = targets.GetIssue(method, context.CancellationToken, out ISymbol? subject);
        if (OffloadTargetIssueDescriptors.For(issue) is not { } descriptor)
        {
            return; // a wrapper exists, or the compiler already reports the declaration's error
        }

        context.ReportDiagnostic(Create(descriptor, issue, method, subject, kind));
    }

    [MethodImpl(Jit.Optimized)]
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
            OffloadAttributeKind kind = OffloadAttributes.GetKind(attribute.AttributeClass);
            if (kind != OffloadAttributeKind.None && attribute.ApplicationSyntaxReference is { } reference)
            {
                var location = Location.Create(reference.SyntaxTree, reference.Span);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunctionOrLambda, location, ShortName(kind), description));
                return;
            }
        }
    }

    private static Diagnostic Create(DiagnosticDescriptor descriptor, OffloadTargetIssue issue, IMethodSymbol method, ISymbol? subject, OffloadAttributeKind kind)
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

        // Signature issues point at the offending parameter or type parameter; the others at the method's name.
        Location location = issue is OffloadTargetIssue.ByRefParameter or OffloadTargetIssue.RefStructSignature or OffloadTargetIssue.PointerSignature
            ? subjectLocation
            : methodLocation;
        object?[] arguments = issue switch
        {
            OffloadTargetIssue.TypeNotPartial or OffloadTargetIssue.ByRefParameter => new object?[] { name, subject?.Name },
            OffloadTargetIssue.RefStructSignature or OffloadTargetIssue.PointerSignature => new object?[] { name, subjectType },
            OffloadTargetIssue.AsyncMethod => new object?[] { name, ShortName(kind) },
            OffloadTargetIssue.WrapperNameCollision => new object?[] { name, WrapperNaming.GetWrapperName(method) },
            OffloadTargetIssue.StructInstanceMethod => new object?[] { name, method.ContainingType?.Name },
            OffloadTargetIssue.LocalFunctionOrLambda => new object?[] { ShortName(kind), "local function" },
            OffloadTargetIssue.AbstractOrExtern => new object?[] { name, method.IsAbstract ? "abstract" : "extern" },
            OffloadTargetIssue.UnsupportedContainingType => new object?[] { name, subject?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? method.ContainingSymbol?.Name },
            OffloadTargetIssue.InvalidWrapperName => new object?[] { name, WrapperNaming.GetNameOverride(method) },
            _ => new object?[] { name }, // RefReturn, BothAttributes, UnsupportedMethodKind: the message names the method alone
        };

        return Diagnostic.Create(descriptor, location, arguments);
    }

    private static string ShortName(OffloadAttributeKind kind) => (kind & OffloadAttributeKind.Blocking) != 0 ? "Blocking" : "CpuBound";
}
