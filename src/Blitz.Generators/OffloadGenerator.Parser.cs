using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Blitz.CodeAnalysis;
using Blitz.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Blitz.Generators;

public sealed partial class OffloadGenerator
{
    /// <summary>Turns an annotated method symbol into an <see cref="WrapperModel"/>; the only place that reads symbols.</summary>
    private static class Parser
    {
        private static readonly SymbolDisplayFormat AnnotatedTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat ObliviousTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        public static WrapperModel? Parse(GeneratorAttributeSyntaxContext context, OffloadPool pool, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method
                || OffloadTargetRules.GetIssue(method, cancellationToken) != OffloadTargetIssue.None)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();

            // In a nullable-oblivious declaration the emitter writes the members under '#nullable disable', so types
            // are written without annotations there.
            bool annotations = context.SemanticModel.GetNullableContext(context.TargetNode.SpanStart).AnnotationsEnabled();
            SymbolDisplayFormat typeFormat = annotations ? AnnotatedTypeFormat : ObliviousTypeFormat;
            INamedTypeSymbol containingType = method.ContainingType;
            int tokenIndex = WrapperSignature.GetCancellationTokenParameterIndex(method);
            ImmutableArray<ParameterModel> parameters = GetParameters(method, tokenIndex, annotations, typeFormat);

            return new WrapperModel(
                pool,
                GetHintName(method),
                GetNamespace(containingType.ContainingNamespace),
                new EquatableArray<ContainingTypeModel>(GetContainingTypes(containingType)),
                containingType.ToDisplayString(ObliviousTypeFormat),
                Escape(method.Name),
                Escape(WrapperNaming.GetWrapperName(method)),
                WrapperNaming.GetWorkItemName(method),
                GetAccessibility(method.DeclaredAccessibility, containingType.IsSealed),
                method.IsStatic,
                method.ReturnsVoid ? null : method.ReturnType.ToDisplayString(typeFormat),
                new EquatableArray<TypeParameterModel>(GetTypeParameters(method, typeFormat)),
                new EquatableArray<ParameterModel>(parameters),
                tokenIndex >= 0 ? parameters[tokenIndex].Name : GetUnusedName("cancellationToken", parameters),
                tokenIndex < 0,
                DocumentationCref.For(method),
                annotations,
                GetObsoleteAttribute(method));
        }

        private static ImmutableArray<ParameterModel> GetParameters(IMethodSymbol method, int tokenIndex, bool annotations, SymbolDisplayFormat typeFormat)
        {
            ImmutableArray<ParameterModel>.Builder parameters = ImmutableArray.CreateBuilder<ParameterModel>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                parameters.Add(new ParameterModel(
                    Escape(parameter.Name),
                    parameter.Type.ToDisplayString(typeFormat),
                    DefaultValueFormatter.Format(parameter, annotations, typeFormat),
                    parameter.IsParams,
                    parameter.Ordinal == 0 && method.IsExtensionMethod,
                    parameter.Ordinal == tokenIndex));
            }

            return parameters.MoveToImmutable();
        }

        private static ImmutableArray<TypeParameterModel> GetTypeParameters(IMethodSymbol method, SymbolDisplayFormat typeFormat)
        {
            ImmutableArray<TypeParameterModel>.Builder typeParameters = ImmutableArray.CreateBuilder<TypeParameterModel>(method.TypeParameters.Length);
            foreach (ITypeParameterSymbol typeParameter in method.TypeParameters)
            {
                typeParameters.Add(new TypeParameterModel(Escape(typeParameter.Name), GetConstraints(typeParameter, typeFormat)));
            }

            return typeParameters.MoveToImmutable();
        }

        // The constraint order C# requires: primary (class, struct, unmanaged, notnull), then types, then new().
        private static string GetConstraints(ITypeParameterSymbol typeParameter, SymbolDisplayFormat typeFormat)
        {
            var constraints = new StringBuilder();
            if (typeParameter.HasReferenceTypeConstraint)
            {
                bool nullable = typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated
                    && typeFormat == AnnotatedTypeFormat;
                Append(constraints, nullable ? "class?" : "class");
            }
            else if (typeParameter.HasUnmanagedTypeConstraint)
            {
                Append(constraints, "unmanaged");
            }
            else if (typeParameter.HasValueTypeConstraint)
            {
                Append(constraints, "struct");
            }
            else if (typeParameter.HasNotNullConstraint)
            {
                Append(constraints, "notnull");
            }

            foreach (ITypeSymbol constraintType in typeParameter.ConstraintTypes)
            {
                Append(constraints, constraintType.ToDisplayString(typeFormat));
            }

            if (typeParameter.HasConstructorConstraint)
            {
                Append(constraints, "new()");
            }

            return constraints.ToString();
        }

        private static void Append(StringBuilder list, string item)
        {
            if (list.Length > 0)
            {
                list.Append(", ");
            }

            list.Append(item);
        }

        private static ImmutableArray<ContainingTypeModel> GetContainingTypes(INamedTypeSymbol containingType)
        {
            ImmutableArray<ContainingTypeModel>.Builder types = ImmutableArray.CreateBuilder<ContainingTypeModel>();
            for (INamedTypeSymbol? type = containingType; type is not null; type = type.ContainingType)
            {
                types.Insert(0, new ContainingTypeModel(GetTypeKeyword(type), GetTypeName(type)));
            }

            return types.ToImmutable();
        }

        private static string GetTypeKeyword(INamedTypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Class)
            {
                return type.IsRecord ? "partial record" : "partial class";
            }

            // 'ref' must be repeated on every part of a ref struct, and precede 'partial'.
            string keyword = type.IsRecord ? "partial record struct" : "partial struct";
            return type.IsRefLikeType ? "ref " + keyword : keyword;
        }

        private static string GetTypeName(INamedTypeSymbol type)
        {
            if (type.TypeParameters.Length == 0)
            {
                return Escape(type.Name);
            }

            var name = new StringBuilder(Escape(type.Name)).Append('<');
            for (int i = 0; i < type.TypeParameters.Length; i++)
            {
                name.Append(i == 0 ? string.Empty : ", ").Append(Escape(type.TypeParameters[i].Name));
            }

            return name.Append('>').ToString();
        }

        private static string GetNamespace(INamespaceSymbol? ns)
        {
            if (ns is null || ns.IsGlobalNamespace)
            {
                return string.Empty;
            }

            string parent = GetNamespace(ns.ContainingNamespace);
            return parent.Length == 0 ? Escape(ns.Name) : parent + "." + Escape(ns.Name);
        }

        // In a sealed type 'protected' means nothing more than private (and warns, CS0628): write what it means.
        private static string GetAccessibility(Accessibility accessibility, bool sealedType) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => sealedType ? "private" : "protected",
            Accessibility.ProtectedOrInternal => sealedType ? "internal" : "protected internal",
            Accessibility.ProtectedAndInternal => sealedType ? "private" : "private protected",
            _ => "private",
        };

        private static string? GetObsoleteAttribute(IMethodSymbol method)
        {
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is not { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    continue;
                }

                var text = new StringBuilder("[global::System.Obsolete(");
                foreach (TypedConstant argument in attribute.ConstructorArguments)
                {
                    text.Append(text[text.Length - 1] == '(' ? string.Empty : ", ").Append(argument.ToCSharpString());
                }

                foreach (System.Collections.Generic.KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    text.Append(text[text.Length - 1] == '(' ? string.Empty : ", ")
                        .Append(argument.Key).Append(" = ").Append(argument.Value.ToCSharpString());
                }

                return text.Append(")]").ToString();
            }

            return null;
        }

        private static string GetUnusedName(string name, ImmutableArray<ParameterModel> parameters)
        {
            string candidate = name;
            for (int suffix = 1; ; suffix++)
            {
                bool taken = false;
                foreach (ParameterModel parameter in parameters)
                {
                    taken |= parameter.Name.TrimStart('@') == candidate;
                }

                if (!taken)
                {
                    return candidate;
                }

                candidate = name + suffix.ToString(CultureInfo.InvariantCulture);
            }
        }

        // 'Namespace.Type.Method.g.cs'; overloads add their ordinal. Hint names are compared ignoring case, so when a
        // namespace or type on the path has a sibling whose name differs only by case (or a namespace and a type share
        // a name, in code that does not compile), a hash of the exact identity is appended to stay unique.
        private static string GetHintName(IMethodSymbol method)
        {
            var name = new StringBuilder();
            bool ambiguous = false;
            AppendContainer(name, method.ContainingType, ref ambiguous);
            name.Append('.').Append(method.Name);

            int ordinal = WrapperNaming.GetOverloadOrdinal(method);
            if (ordinal > 0)
            {
                name.Append('.').Append(ordinal.ToString(CultureInfo.InvariantCulture));
            }

            if (ambiguous)
            {
                string identity = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    + "|" + method.ContainingType.TypeKind + "|" + method.ContainingType.Arity + "|" + name;
                name.Append('.').Append(Fnv1a64(identity).ToString("x16", CultureInfo.InvariantCulture));
            }

            return name.Append(".g.cs").ToString();
        }

        private static void AppendContainer(StringBuilder name, INamespaceOrTypeSymbol symbol, ref bool ambiguous)
        {
            INamespaceOrTypeSymbol? parent = (INamespaceOrTypeSymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
            if (parent is null || (symbol is INamespaceSymbol { IsGlobalNamespace: true }))
            {
                return;
            }

            foreach (ISymbol sibling in parent.GetMembers())
            {
                if (sibling is INamespaceOrTypeSymbol
                    && string.Equals(sibling.Name, symbol.Name, StringComparison.OrdinalIgnoreCase)
                    && !SymbolEqualityComparer.Default.Equals(sibling, symbol))
                {
                    ambiguous = true;
                    break;
                }
            }

            if (parent is not INamespaceSymbol { IsGlobalNamespace: true })
            {
                AppendContainer(name, parent, ref ambiguous);
                name.Append('.');
            }

            name.Append(symbol.Name);
        }

        private static ulong Fnv1a64(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }

            return hash;
        }

    }

    /// <summary>An identifier as C# source: keywords get the verbatim prefix (<c>@event</c>).</summary>
    internal static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}
