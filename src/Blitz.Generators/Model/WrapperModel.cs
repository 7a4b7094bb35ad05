namespace Blitz.Generators.Model;

/// <summary>
/// The generator's model of what to emit for one valid offload target: its wrapper (two overloads for a
/// <c>params</c> method) and its work item. Everything the emitter needs, as plain values: no symbol, syntax node or
/// compilation, so that an unchanged method compares equal across compilations and its output stays cached.
/// </summary>
/// <param name="Pool">The pool the work item goes to.</param>
/// <param name="HintName">The generated file's name, unique ignoring case.</param>
/// <param name="Namespace">The containing namespace with keywords escaped, or empty for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first; the last one declares the method.</param>
/// <param name="ContainingTypeFullName">The declaring type, fully qualified (<c>global::Demo.Cache&lt;TKey&gt;</c>).</param>
/// <param name="MethodName">The annotated method's name, escaped.</param>
/// <param name="WrapperName">The wrapper's name, escaped.</param>
/// <param name="WorkItemName">The work item struct's name.</param>
/// <param name="Accessibility">The method's accessibility as C# modifiers, repeated on the wrapper.</param>
/// <param name="IsStatic">The method is static (the work item then holds no target instance).</param>
/// <param name="ReturnType">The method's return type, or <see langword="null"/> for <c>void</c>.</param>
/// <param name="TypeParameters">The method's type parameters.</param>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="CancellationTokenName">The name of the wrapper's token parameter (the method's own, or an added one).</param>
/// <param name="AddsCancellationToken">The wrapper adds a token parameter (the method takes none).</param>
/// <param name="DocumentationCref">The method as a <c>cref</c>, for <c>&lt;inheritdoc cref="…"/&gt;</c>; empty if it has none.</param>
/// <param name="NullableAnnotations">The method was declared where nullable annotations are enabled.</param>
/// <param name="ObsoleteAttribute">The method's <c>[Obsolete(...)]</c> as C# source, copied onto the wrapper and work item, or <see langword="null"/>.</param>
internal sealed record WrapperModel(
    OffloadPool Pool,
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string ContainingTypeFullName,
    string MethodName,
    string WrapperName,
    string WorkItemName,
    string Accessibility,
    bool IsStatic,
    string? ReturnType,
    EquatableArray<TypeParameterModel> TypeParameters,
    EquatableArray<ParameterModel> Parameters,
    string CancellationTokenName,
    bool AddsCancellationToken,
    string DocumentationCref,
    bool NullableAnnotations,
    string? ObsoleteAttribute);
