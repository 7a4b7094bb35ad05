using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Analyzers.Usage;

/// <summary>
/// Decides whether a <c>[Blocking]</c>/<c>[CpuBound]</c> method is a valid offload target, i.e. whether the generator
/// emits a wrapper for it. Kept in one file, free of analyzer plumbing, so that it can be replaced by the generator's
/// own rules (source-linked) and both always agree.
/// </summary>
internal static class OffloadTargetRules
{
    internal const string BlockingAttributeName = "Blitz.BlockingAttribute";
    internal const string CpuBoundAttributeName = "Blitz.CpuBoundAttribute";
    internal const string WrapperSuffix = "Async";

    /// <summary>The symbols the rules need, resolved once per compilation.</summary>
    internal sealed class Symbols
    {
        private Symbols(INamedTypeSymbol? blocking, INamedTypeSymbol? cpuBound, INamedTypeSymbol?[] taskTypes, INamedTypeSymbol? cancellationToken)
        {
            Blocking = blocking;
            CpuBound = cpuBound;
            TaskTypes = taskTypes.Where(t => t is not null).Select(t => t!).ToArray();
            CancellationToken = cancellationToken;
        }

        public INamedTypeSymbol? Blocking { get; }
        public INamedTypeSymbol? CpuBound { get; }
        public INamedTypeSymbol[] TaskTypes { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public bool IsUsable => Blocking is not null || CpuBound is not null;

        public static Symbols Create(Compilation compilation) => new(
            compilation.GetTypeByMetadataName(BlockingAttributeName),
            compilation.GetTypeByMetadataName(CpuBoundAttributeName),
            new[]
            {
                compilation.GetTypeByMetadataName("System.Threading.Tasks.Task"),
                compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1"),
                compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask"),
                compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1"),
            },
            compilation.GetTypeByMetadataName("System.Threading.CancellationToken"));
    }

    /// <summary>Which offload attributes a method carries.</summary>
    internal readonly struct OffloadAttributes
    {
        public OffloadAttributes(AttributeData? blocking, AttributeData? cpuBound)
        {
            Blocking = blocking;
            CpuBound = cpuBound;
        }

        public AttributeData? Blocking { get; }
        public AttributeData? CpuBound { get; }
        public AttributeData? First => Blocking ?? CpuBound;
        public bool Any => First is not null;
        public string ShortName => Blocking is not null ? "Blocking" : "CpuBound";
    }

    internal static OffloadAttributes GetAttributes(IMethodSymbol method, Symbols symbols)
    {
        AttributeData? blocking = null, cpuBound = null;
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (symbols.Blocking is not null && SymbolEqualityComparer.Default.Equals(type, symbols.Blocking))
            {
                blocking ??= attribute;
            }
            else if (symbols.CpuBound is not null && SymbolEqualityComparer.Default.Equals(type, symbols.CpuBound))
            {
                cpuBound ??= attribute;
            }
        }

        return new OffloadAttributes(blocking, cpuBound);
    }

    /// <summary>The wrapper's name: <c>MethodName</c> if set, otherwise the method's name followed by <c>Async</c>.</summary>
    internal static string GetWrapperName(IMethodSymbol method, AttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "MethodName" && named.Value.Value is string name && name.Length > 0)
            {
                return name;
            }
        }

        return method.Name + WrapperSuffix;
    }

    /// <summary>Every reason why <paramref name="method"/>, which carries an offload attribute, gets no wrapper.</summary>
    internal static List<OffloadTargetViolation> Evaluate(IMethodSymbol method, OffloadAttributes attributes, Symbols symbols, CancellationToken cancellationToken)
    {
        var violations = new List<OffloadTargetViolation>();
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.LocalFunctionOrLambda, null));
            return violations;
        }

        if (attributes.Blocking is not null && attributes.CpuBound is not null)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.BothAttributes, null));
        }

        if (method.IsAbstract || method.IsExtern)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.AbstractOrExtern, null));
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type, cancellationToken))
            {
                violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.TypeNotPartial, type));
                break;
            }
        }

        if (!method.IsStatic && method.ContainingType?.TypeKind == TypeKind.Struct)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.StructInstanceMethod, method.ContainingType));
        }

        if (method.IsAsync || IsTaskLike(method.ReturnType, symbols))
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.AsyncTarget, null));
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.RefReturn, null));
        }

        CheckType(method.ReturnType, method, violations);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.ByRefParameter, parameter));
            }

            CheckType(parameter.Type, parameter, violations);
        }

        var attribute = attributes.First;
        if (attribute is not null && CollidesWithMember(method, GetWrapperName(method, attribute), symbols))
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.WrapperNameCollision, null));
        }

        return violations;
    }

    private static void CheckType(ITypeSymbol type, ISymbol subject, List<OffloadTargetViolation> violations)
    {
        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.PointerSignature, subject));
        }
        else if (type.IsRefLikeType)
        {
            violations.Add(new OffloadTargetViolation(OffloadTargetViolationKind.RefStructSignature, subject));
        }
    }

    private static bool IsTaskLike(ITypeSymbol type, Symbols symbols)
    {
        var definition = type.OriginalDefinition;
        foreach (var task in symbols.TaskTypes)
        {
            if (SymbolEqualityComparer.Default.Equals(definition, task))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A type declared in source is partial when its declarations say so; metadata types cannot be extended.</summary>
    internal static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The wrapper takes the method's parameters plus a <see cref="System.Threading.CancellationToken"/>; it collides with
    /// the type's own name, with any non-method member of that name, or with a method of the same parameter types.
    /// The generated wrapper itself is not a collision.
    /// </summary>
    private static bool CollidesWithMember(IMethodSymbol method, string wrapperName, Symbols symbols)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.Name == wrapperName)
        {
            return true;
        }

        foreach (var member in type.GetMembers(wrapperName))
        {
            if (IsGeneratedByBlitz(member))
            {
                continue;
            }

            if (member is not IMethodSymbol other)
            {
                return true;
            }

            if (HasWrapperParameters(other, method, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasWrapperParameters(IMethodSymbol candidate, IMethodSymbol target, Symbols symbols)
    {
        var expected = target.Parameters.Length + (TakesCancellationToken(target, symbols) ? 0 : 1);
        if (candidate.Parameters.Length != expected)
        {
            return false;
        }

        for (var i = 0; i < target.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, target.Parameters[i].Type))
            {
                return false;
            }
        }

        return expected == target.Parameters.Length
            || SymbolEqualityComparer.Default.Equals(candidate.Parameters[expected - 1].Type, symbols.CancellationToken);
    }

    private static bool TakesCancellationToken(IMethodSymbol method, Symbols symbols) =>
        symbols.CancellationToken is not null
        && method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, symbols.CancellationToken));

    private static bool IsGeneratedByBlitz(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "GeneratedCodeAttribute"
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is string tool
                && tool.StartsWith("Blitz.Generators", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.Contains("Blitz.Generators"))
            {
                return true;
            }
        }

        return false;
    }
}
