// This file is compiled into Blitz.Generators and linked into Blitz.Analyzers, so the generator (which emits nothing
// for an invalid target) and the usage analyzers (which say why) always agree. Keep it free of generator-only and
// analyzer-only types: Roslyn symbols and the BCL only.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.CodeAnalysis;

/// <summary>
/// Why a method marked <c>[Blocking]</c> or <c>[CpuBound]</c> gets no generated wrapper. Values 1 to 11 follow the
/// order of the usage rules BLZ001 to BLZ011; <see cref="ErroneousDeclaration"/> is never reported (the compiler
/// already reports an error there).
/// </summary>
internal enum OffloadTargetIssue
{
    /// <summary>A valid target: the generator emits a wrapper.</summary>
    None = 0,

    /// <summary>The containing type, or a type enclosing it, is not declared <c>partial</c> in every declaration.</summary>
    TypeNotPartial = 1,

    /// <summary>A parameter is <c>ref</c>, <c>out</c>, <c>in</c> or <c>ref readonly</c>: a work item cannot hold a reference.</summary>
    ByRefParameter = 2,

    /// <summary>A parameter, the return type or a type parameter (<c>allows ref struct</c>) is a ref struct: it cannot live on the heap or cross threads.</summary>
    RefStructSignature = 3,

    /// <summary>A parameter or the return type is or contains a pointer or function pointer.</summary>
    PointerSignature = 4,

    /// <summary>The method returns by reference (<c>ref</c> / <c>ref readonly</c>).</summary>
    RefReturn = 5,

    /// <summary>The method is <c>async</c> or returns <c>Task</c>/<c>ValueTask</c>: async I/O stays in the async method (bucket 1).</summary>
    AsyncMethod = 6,

    /// <summary>The method has both <c>[Blocking]</c> and <c>[CpuBound]</c>.</summary>
    BothAttributes = 7,

    /// <summary>The wrapper's name (or its work item's name) is already taken by a member of the type or an inherited member with the same signature, or by another wrapper.</summary>
    WrapperNameCollision = 8,

    /// <summary>An instance method of a struct: the wrapper would run on a copy of <c>this</c>.</summary>
    StructInstanceMethod = 9,

    /// <summary>A local function or a lambda: there is no member to put a wrapper beside.</summary>
    LocalFunctionOrLambda = 10,

    /// <summary>An <c>abstract</c> or <c>extern</c> method.</summary>
    AbstractOrExtern = 11,

    /// <summary>The method is not in a class, struct or record (an interface, a <c>file</c> type, an extension block).</summary>
    UnsupportedContainingType = 12,

    /// <summary>Not an ordinary method: an accessor, operator, explicit interface implementation, partial method or <c>__arglist</c> method.</summary>
    UnsupportedMethodKind = 13,

    /// <summary><c>MethodName</c> is not a valid C# identifier.</summary>
    InvalidWrapperName = 14,

    /// <summary>The signature does not bind (an unknown type): the compiler reports it; no usage rule should.</summary>
    ErroneousDeclaration = 15,
}

/// <summary>Which offload attributes a method carries.</summary>
[Flags]
internal enum OffloadAttributeKind
{
    /// <summary>Neither attribute.</summary>
    None = 0,

    /// <summary><c>[Blocking]</c>: the blocking pool.</summary>
    Blocking = 1,

    /// <summary><c>[CpuBound]</c>: the CPU pool.</summary>
    CpuBound = 2,

    /// <summary>Both attributes (<see cref="OffloadTargetIssue.BothAttributes"/>).</summary>
    Both = Blocking | CpuBound,
}

/// <summary>
/// The single decision of whether a method marked <c>[Blocking]</c> or <c>[CpuBound]</c> gets a generated wrapper,
/// and the names that wrapper and its work item take.
/// </summary>
internal static class OffloadTargetRules
{
    /// <summary>Metadata name of <c>[Blocking]</c>.</summary>
    public const string BlockingAttributeMetadataName = "Blitz.BlockingAttribute";

    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name: a compiler process keeps an
    /// analyzer's code at tier 0 (unoptimized) for most of a build, so the lookups run on every method are compiled
    /// optimized on first call instead. Older runtimes ignore it.
    /// </summary>
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    /// <summary>Metadata name of <c>[CpuBound]</c>.</summary>
    public const string CpuBoundAttributeMetadataName = "Blitz.CpuBoundAttribute";

    /// <summary>The tool name in the <c>[GeneratedCode]</c> attribute of every generated member.</summary>
    public const string GeneratorName = "Blitz.Generators";

    /// <summary>The default wrapper name is the method's name followed by this suffix.</summary>
    public const string WrapperSuffix = "Async";

    /// <summary>The generated work item struct is named after the method followed by this suffix.</summary>
    public const string WorkItemSuffix = "WorkItem";

    /// <summary>The name of the named argument that overrides the wrapper's name.</summary>
    public const string MethodNameArgument = "MethodName";

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
        if (GetAttributeKind(method) == OffloadAttributeKind.Both)
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

        string? nameOverride = GetWrapperNameOverride(method);
        if (nameOverride is not null && !SyntaxFacts.IsValidIdentifier(nameOverride))
        {
            return OffloadTargetIssue.InvalidWrapperName;
        }

        if (HasNameCollision(method, ref subject))
        {
            return OffloadTargetIssue.WrapperNameCollision;
        }

        subject = null;
        return OffloadTargetIssue.None;
    }

    /// <summary>Which of the two offload attributes <paramref name="method"/> carries.</summary>
    /// <remarks>Asked of every method the analyzers meet, so compiled optimized on first call (see <see cref="AggressiveOptimization"/>).</remarks>
    [MethodImpl(AggressiveOptimization)]
    public static OffloadAttributeKind GetAttributeKind(IMethodSymbol method)
    {
        OffloadAttributeKind kind = OffloadAttributeKind.None;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            kind |= GetAttributeKind(attribute.AttributeClass);
        }

        return kind;
    }

    /// <summary>Whether <paramref name="attributeClass"/> is <c>Blitz.BlockingAttribute</c> or <c>Blitz.CpuBoundAttribute</c>.</summary>
    [MethodImpl(AggressiveOptimization)]
    public static OffloadAttributeKind GetAttributeKind(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || !IsInBlitzNamespace(attributeClass))
        {
            return OffloadAttributeKind.None;
        }

        return attributeClass.Name switch
        {
            "BlockingAttribute" => OffloadAttributeKind.Blocking,
            "CpuBoundAttribute" => OffloadAttributeKind.CpuBound,
            _ => OffloadAttributeKind.None,
        };
    }

    /// <summary>The <c>MethodName</c> given to the method's offload attribute, or <see langword="null"/> when unset or empty.</summary>
    public static string? GetWrapperNameOverride(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (GetAttributeKind(attribute.AttributeClass) == OffloadAttributeKind.None)
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == MethodNameArgument && argument.Value.Kind == TypedConstantKind.Primitive
                    && argument.Value.Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>The wrapper's name, unescaped: <c>MethodName</c> if given, else the method's name followed by <c>Async</c>.</summary>
    public static string GetWrapperName(IMethodSymbol method) => GetWrapperNameOverride(method) ?? method.Name + WrapperSuffix;

    /// <summary>
    /// The 1-based position of <paramref name="method"/> among the type's methods whose names are equal ignoring case
    /// (generated hint names are compared ignoring case), or 0 when no other method shares its name.
    /// </summary>
    public static int GetOverloadOrdinal(IMethodSymbol method)
        => MayHaveNamesakes(method) && TypeIndex.For(method.ContainingType).Ordinals.TryGetValue(method, out int ordinal) ? ordinal : 0;

    /// <summary>
    /// The ordinary methods of <paramref name="type"/> marked <c>[Blocking]</c> or <c>[CpuBound]</c> whose wrapper would
    /// be named <paramref name="wrapperName"/>, valid targets or not; empty when there are none.
    /// </summary>
    public static IReadOnlyList<IMethodSymbol> GetAnnotatedMethods(INamedTypeSymbol type, string wrapperName)
        => TypeIndex.For(type).AnnotatedByWrapperName.TryGetValue(wrapperName, out List<IMethodSymbol>? methods) ? methods : Array.Empty<IMethodSymbol>();

    /// <summary>The name of the generated work item struct: <c>HashWorkItem</c>, or <c>HashWorkItem2</c> for the second overload.</summary>
    public static string GetWorkItemName(IMethodSymbol method)
    {
        int ordinal = GetOverloadOrdinal(method);
        return method.Name + WorkItemSuffix + (ordinal == 0 ? string.Empty : ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The index of the parameter that receives the wrapper's cancellation token (the last <see cref="CancellationToken"/>
    /// parameter), or -1 when the wrapper adds its own.
    /// </summary>
    public static int GetCancellationTokenParameterIndex(IMethodSymbol method)
    {
        for (int i = method.Parameters.Length - 1; i >= 0; i--)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (parameter.RefKind == RefKind.None && !parameter.IsParams && IsCancellationToken(parameter.Type))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.Threading.CancellationToken</c>.</summary>
    public static bool IsCancellationToken(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0, ContainingType: null } named
            && IsNamespace(named.ContainingNamespace, "Threading", "System");

    /// <summary>Whether <paramref name="symbol"/> was emitted by this generator (its <c>[GeneratedCode]</c> names Blitz.Generators).</summary>
    public static bool IsBlitzGenerated(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } attributeClass
                && IsNamespace(attributeClass.ContainingNamespace, "Compiler", "CodeDom", "System")
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value as string == GeneratorName)
            {
                return true;
            }
        }

        return false;
    }

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
            && IsNamespace(named.ContainingNamespace, "Tasks", "Threading", "System");

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

    // The wrapper (and its work item) must not clash with a member the user wrote, with a member it would hide
    // (CS0108 is an error under warnings-as-errors), or with another wrapper. Annotated methods of the type and of
    // its source base types count through the wrappers they would get, so the answer is the same before generation
    // (the generator) and after it (the analyzers). Wrappers compiled into a referenced base type are plain members.
    private static bool HasNameCollision(IMethodSymbol method, ref ISymbol? subject)
    {
        string wrapperName = GetWrapperName(method);
        string workItemName = GetWorkItemName(method);
        List<WrapperSignature> signatures = GetWrapperSignatures(method);
        INamedTypeSymbol containingType = method.ContainingType;
        if (containingType.Name == wrapperName || containingType.Name == workItemName)
        {
            subject = containingType;
            return true;
        }

        foreach (ISymbol member in containingType.GetMembers(workItemName))
        {
            if (!IsBlitzGenerated(member))
            {
                subject = member;
                return true;
            }
        }

        for (INamedTypeSymbol? type = containingType; type is not null; type = type.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(type, containingType);
            bool inSource = type.DeclaringSyntaxReferences.Length > 0;
            foreach (ISymbol member in type.GetMembers(wrapperName))
            {
                if ((inherited && member.DeclaredAccessibility == Accessibility.Private) || (inSource && IsBlitzGenerated(member)))
                {
                    continue;
                }

                if (member is not IMethodSymbol existing
                    || (existing.MethodKind == MethodKind.Ordinary && Overlaps(signatures, WrapperSignature.Of(existing))))
                {
                    subject = member;
                    return true;
                }
            }

            if (inSource && CollidesWithOtherWrapper(method, type, inherited, wrapperName, signatures, ref subject))
            {
                return true;
            }

            // The work item is a nested type: it would hide any inherited member of its name (CS0108).
            if (inherited)
            {
                foreach (ISymbol member in type.GetMembers(workItemName))
                {
                    if (member.DeclaredAccessibility != Accessibility.Private)
                    {
                        subject = member;
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool CollidesWithOtherWrapper(IMethodSymbol method, INamedTypeSymbol type, bool inherited, string wrapperName, List<WrapperSignature> signatures, ref ISymbol? subject)
    {
        foreach (IMethodSymbol other in GetAnnotatedMethods(type, wrapperName))
        {
            if ((inherited && other.DeclaredAccessibility == Accessibility.Private)
                || SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            foreach (WrapperSignature signature in GetWrapperSignatures(other))
            {
                if (Overlaps(signatures, signature))
                {
                    subject = other;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Overlaps(List<WrapperSignature> signatures, WrapperSignature other)
    {
        foreach (WrapperSignature signature in signatures)
        {
            if (signature.SameAs(other))
            {
                return true;
            }
        }

        return false;
    }

    // A params method without its own token gets two wrappers: (params T[] items) and (T[] items, CancellationToken),
    // because the token cannot follow a params parameter.
    private static List<WrapperSignature> GetWrapperSignatures(IMethodSymbol method)
    {
        var parameterTypes = new List<ITypeSymbol?>(method.Parameters.Length + 1);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            parameterTypes.Add(parameter.Type);
        }

        var signatures = new List<WrapperSignature>(2);
        if (GetCancellationTokenParameterIndex(method) >= 0)
        {
            signatures.Add(new WrapperSignature(method.TypeParameters.Length, parameterTypes));
            return signatures;
        }

        if (method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams)
        {
            signatures.Add(new WrapperSignature(method.TypeParameters.Length, new List<ITypeSymbol?>(parameterTypes)));
        }

        parameterTypes.Add(null);
        signatures.Add(new WrapperSignature(method.TypeParameters.Length, parameterTypes));
        return signatures;
    }

    /// <summary>
    /// False when no other method of the type can share the method's name ignoring case; true when one might. Most
    /// methods have no namesake, and the type's declared member names say so without indexing all its methods.
    /// </summary>
    private static bool MayHaveNamesakes(IMethodSymbol method)
    {
        string name = method.Name;
        if (MayBeSynthesizedName(name))
        {
            return true; // accessors and record members are methods that the declared member names do not list
        }

        INamedTypeSymbol type = method.ContainingType;
        foreach (string memberName in type.MemberNames)
        {
            if (!string.Equals(memberName, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (ISymbol member in type.GetMembers(memberName))
            {
                if (member is IMethodSymbol && !SymbolEqualityComparer.Default.Equals(member, method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Names of methods the compiler declares without a member declaration of that name, compared ignoring case.
    private static readonly string[] SynthesizedPrefixes = { "get_", "set_", "add_", "remove_", "op_" };
    private static readonly string[] SynthesizedNames = { "ToString", "Equals", "GetHashCode", "PrintMembers", "Deconstruct", "Finalize", "Invoke", "BeginInvoke", "EndInvoke" };

    private static bool MayBeSynthesizedName(string name)
    {
        foreach (string prefix in SynthesizedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (string synthesized in SynthesizedNames)
        {
            if (string.Equals(name, synthesized, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInBlitzNamespace(INamedTypeSymbol type)
        => type.ContainingType is null && IsNamespace(type.ContainingNamespace, "Blitz");

    // Compares a namespace with a dotted name given innermost first ("Threading", "System").
    private static bool IsNamespace(INamespaceSymbol? ns, params string[] namesInnermostFirst)
    {
        foreach (string name in namesInnermostFirst)
        {
            if (ns is null || ns.Name != name)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>
    /// What the rules need to know about a type's methods, each part built once per type symbol on first use: without
    /// it every annotated method would scan all its siblings, which is quadratic in a type with many annotated methods.
    /// Held weakly, so it lives as long as the compilation's symbols do.
    /// </summary>
    private sealed class TypeIndex
    {
        private static readonly ConditionalWeakTable<INamedTypeSymbol, TypeIndex> Cache = new();

        private readonly INamedTypeSymbol _type;
        private Dictionary<IMethodSymbol, int>? _ordinals;
        private Dictionary<string, List<IMethodSymbol>>? _annotatedByWrapperName;

        private TypeIndex(INamedTypeSymbol type) => _type = type;

        /// <summary>The 1-based position of each method among the type's methods named alike ignoring case, for groups of two or more.</summary>
        public Dictionary<IMethodSymbol, int> Ordinals => _ordinals ?? Interlocked.CompareExchange(ref _ordinals, BuildOrdinals(_type), null) ?? _ordinals!;

        /// <summary>The type's annotated ordinary methods, by the (unescaped) name of the wrapper each would get.</summary>
        /// <remarks>Built apart from <see cref="Ordinals"/>: a collision check needs only this, and it reads the attributes of annotated methods only.</remarks>
        public Dictionary<string, List<IMethodSymbol>> AnnotatedByWrapperName =>
            _annotatedByWrapperName ?? Interlocked.CompareExchange(ref _annotatedByWrapperName, BuildAnnotatedByWrapperName(_type), null) ?? _annotatedByWrapperName!;

        public static TypeIndex For(INamedTypeSymbol type) => Cache.GetValue(type, static t => new TypeIndex(t));

        private static Dictionary<IMethodSymbol, int> BuildOrdinals(INamedTypeSymbol type)
        {
            var groups = new Dictionary<string, List<IMethodSymbol>>(StringComparer.OrdinalIgnoreCase);
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IMethodSymbol method && !IsBlitzGenerated(method))
                {
                    Add(groups, method.Name, method);
                }
            }

            var ordinals = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            foreach (List<IMethodSymbol> group in groups.Values)
            {
                for (int i = 0; group.Count > 1 && i < group.Count; i++)
                {
                    ordinals[group[i]] = i + 1;
                }
            }

            return ordinals;
        }

        private static Dictionary<string, List<IMethodSymbol>> BuildAnnotatedByWrapperName(INamedTypeSymbol type)
        {
            var annotated = new Dictionary<string, List<IMethodSymbol>>(StringComparer.Ordinal);
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && GetAttributeKind(method) != OffloadAttributeKind.None
                    && !IsBlitzGenerated(method))
                {
                    Add(annotated, GetWrapperName(method), method);
                }
            }

            return annotated;
        }

        private static void Add(Dictionary<string, List<IMethodSymbol>> map, string key, IMethodSymbol method)
        {
            if (!map.TryGetValue(key, out List<IMethodSymbol>? list))
            {
                map.Add(key, list = new List<IMethodSymbol>(1));
            }

            list.Add(method);
        }
    }

    /// <summary>A wrapper's overload identity: arity and parameter types; a <see langword="null"/> type is the added cancellation token.</summary>
    private readonly struct WrapperSignature
    {
        private readonly int arity;
        private readonly List<ITypeSymbol?> parameterTypes;

        public WrapperSignature(int arity, List<ITypeSymbol?> parameterTypes)
        {
            this.arity = arity;
            this.parameterTypes = parameterTypes;
        }

        public static WrapperSignature Of(IMethodSymbol method)
        {
            var types = new List<ITypeSymbol?>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                // A by-ref parameter never matches a wrapper's by-value one: arity -1 marks "matches nothing".
                if (parameter.RefKind != RefKind.None)
                {
                    return new WrapperSignature(-1, types);
                }

                types.Add(parameter.Type);
            }

            return new WrapperSignature(method.TypeParameters.Length, types);
        }

        public bool SameAs(WrapperSignature other)
        {
            if (arity < 0 || arity != other.arity || parameterTypes.Count != other.parameterTypes.Count)
            {
                return false;
            }

            for (int i = 0; i < parameterTypes.Count; i++)
            {
                if (!SameParameterType(parameterTypes[i], other.parameterTypes[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameParameterType(ITypeSymbol? left, ITypeSymbol? right)
        {
            if (left is null || right is null)
            {
                return (left ?? right) is null || IsCancellationToken(left ?? right);
            }

            return SameType(left, right);
        }

        // Method type parameters match by position (M<T>(T) and M<U>(U) are the same signature); names of tuple
        // elements and nullability do not count, as in C# overloading.
        private static bool SameType(ITypeSymbol left, ITypeSymbol right)
        {
            switch (left)
            {
                case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } leftParameter:
                    return right is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } rightParameter
                        && leftParameter.Ordinal == rightParameter.Ordinal;
                case IArrayTypeSymbol leftArray:
                    return right is IArrayTypeSymbol rightArray && leftArray.Rank == rightArray.Rank
                        && SameType(leftArray.ElementType, rightArray.ElementType);
                case INamedTypeSymbol { IsGenericType: true } leftNamed:
                    if (right is not INamedTypeSymbol { IsGenericType: true } rightNamed
                        || !SymbolEqualityComparer.Default.Equals(leftNamed.OriginalDefinition, rightNamed.OriginalDefinition))
                    {
                        return false;
                    }

                    for (int i = 0; i < leftNamed.TypeArguments.Length; i++)
                    {
                        if (!SameType(leftNamed.TypeArguments[i], rightNamed.TypeArguments[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return SymbolEqualityComparer.Default.Equals(left, right);
            }
        }
    }
}
