using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.CodeAnalysis;

/// <summary>
/// The single decision of whether a method marked <c>[Blocking]</c> or <c>[CpuBound]</c> gets a generated wrapper.
/// The generator (which emits nothing for an invalid target) and the usage analyzers (which say why) both compile this
/// folder, so they always agree.
/// </summary>
internal static class OffloadTargetRules
{
    /// <summary>Returns the first reason <paramref name="method"/> gets no wrapper, or <see cref="OffloadTargetIssue.None"/>.</summary>
    /// <param name="method">A method that carries <c>[Blocking]</c> or <c>[CpuBound]</c>.</param>
    /// <param name="cancellationToken">Cancels reading the containing types' syntax.</param>
    public static OffloadTargetIssue GetIssue(IMethodSymbol method, CancellationToken cancellationToken = default)
        => GetIssue(method, out _, cancellationToken);

    /// <summary>
    /// Returns the first reason <paramref name="method"/> gets no wrapper, or <see cref="OffloadTargetIssue.None"/>,
    /// with the symbol a diagnostic should point at.
    /// </summary>
    /// <param name="method">A method that carries <c>[Blocking]</c> or <c>[CpuBound]</c>.</param>
    /// <param name="subject">
    /// What the issue is about: the type that is not partial or not supported, the offending parameter or type
    /// parameter, the member or other annotated method the wrapper collides with; otherwise the method itself.
    /// <see langword="null"/> when there is no issue.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the containing types' syntax.</param>
    public static OffloadTargetIssue GetIssue(IMethodSymbol method, out ISymbol? subject, CancellationToken cancellationToken = default)
    {
        subject = method;
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
        {
            return OffloadTargetIssue.LocalFunctionOrLambda;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.IsVararg || IsPartialMethod(method))
        {
            return OffloadTargetIssue.UnsupportedMethodKind;
        }

        if (method.Name.Length == 0)
        {
            return OffloadTargetIssue.ErroneousDeclaration;
        }

        OffloadTargetIssue issue = GetContainingTypeIssue(method.ContainingType, ref subject, cancellationToken);
        if (issue != OffloadTargetIssue.None)
        {
            return issue;
        }

        subject = method;
        if (OffloadAttributes.GetKind(method) == OffloadAttributeKind.Both)
        {
            return OffloadTargetIssue.BothAttributes;
        }

        if (method.IsAbstract || method.IsExtern)
        {
            return OffloadTargetIssue.AbstractOrExtern;
        }

        if (!method.IsStatic && method.ContainingType.TypeKind == TypeKind.Struct)
        {
            return OffloadTargetIssue.StructInstanceMethod;
        }

        issue = GetSignatureIssue(method, ref subject);
        if (issue != OffloadTargetIssue.None)
        {
            return issue;
        }

        string? nameOverride = WrapperNaming.GetNameOverride(method);
        if (nameOverride is not null && !SyntaxFacts.IsValidIdentifier(nameOverride))
        {
            return OffloadTargetIssue.InvalidWrapperName;
        }

        if (WrapperCollisions.HasNameCollision(method, ref subject))
        {
            return OffloadTargetIssue.WrapperNameCollision;
        }

        subject = null;
        return OffloadTargetIssue.None;
    }

    /// <summary>Which of the two offload attributes <paramref name="method"/> carries.</summary>

    private static bool IsPartialMethod(IMethodSymbol method)
        => method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null || method.IsPartialDefinition;

    private static OffloadTargetIssue GetContainingTypeIssue(INamedTypeSymbol? containingType, ref ISymbol? subject, CancellationToken cancellationToken)
    {
        if (containingType is null)
        {
            return OffloadTargetIssue.UnsupportedContainingType;
        }

        for (INamedTypeSymbol? type = containingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                subject = type;
                return OffloadTargetIssue.ErroneousDeclaration;
            }

            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsFileLocal)
            {
                subject = type;
                return OffloadTargetIssue.UnsupportedContainingType;
            }
        }

        for (INamedTypeSymbol? type = containingType; type is not null; type = type.ContainingType)
        {
            subject = type;
            if (type.DeclaringSyntaxReferences.Length == 0)
            {
                return OffloadTargetIssue.TypeNotPartial;
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                    || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return OffloadTargetIssue.TypeNotPartial;
                }
            }
        }

        return OffloadTargetIssue.None;
    }

    private static OffloadTargetIssue GetSignatureIssue(IMethodSymbol method, ref ISymbol? subject)
    {
        subject = method;
        if (method.IsAsync || IsTaskLike(method.ReturnType))
        {
            return OffloadTargetIssue.AsyncMethod;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return OffloadTargetIssue.RefReturn;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            subject = parameter;
            if (parameter.RefKind != RefKind.None)
            {
                return OffloadTargetIssue.ByRefParameter;
            }

            if (parameter.Name.Length == 0)
            {
                return OffloadTargetIssue.ErroneousDeclaration;
            }
        }

        subject = method;
        if (MayBeRefLike(method.ReturnType))
        {
            return OffloadTargetIssue.RefStructSignature;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            subject = parameter;
            if (MayBeRefLike(parameter.Type))
            {
                return OffloadTargetIssue.RefStructSignature;
            }
        }

        foreach (ITypeParameterSymbol typeParameter in method.TypeParameters)
        {
            subject = typeParameter;
            if (typeParameter.AllowsRefLikeType)
            {
                return OffloadTargetIssue.RefStructSignature;
            }
        }

        subject = method;
        OffloadTargetIssue typeIssue = GetTypeIssue(method.ReturnType);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (typeIssue != OffloadTargetIssue.None)
            {
                break;
            }

            subject = parameter;
            typeIssue = GetTypeIssue(parameter.Type);
        }

        if (typeIssue == OffloadTargetIssue.None)
        {
            subject = method;
        }

        return typeIssue;
    }

    private static bool IsTaskLike(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 0 or 1, ContainingType: null } named
            && SymbolNames.IsNamespace(named.ContainingNamespace, "Tasks", "Threading", "System");

    private static bool MayBeRefLike(ITypeSymbol type)
        => type.IsRefLikeType || (type is ITypeParameterSymbol typeParameter && typeParameter.AllowsRefLikeType);

    // Pointers need an unsafe context the wrapper would not have; an unbound type means the code does not compile yet.
    private static OffloadTargetIssue GetTypeIssue(ITypeSymbol type)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return OffloadTargetIssue.PointerSignature;
            case IErrorTypeSymbol:
                return OffloadTargetIssue.ErroneousDeclaration;
            case IArrayTypeSymbol array:
                return GetTypeIssue(array.ElementType);
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    foreach (ITypeSymbol argument in current.TypeArguments)
                    {
                        OffloadTargetIssue issue = GetTypeIssue(argument);
                        if (issue != OffloadTargetIssue.None)
                        {
                            return issue;
                        }
                    }
                }

                return OffloadTargetIssue.None;
            default:
                return OffloadTargetIssue.None;
        }
    }
}
