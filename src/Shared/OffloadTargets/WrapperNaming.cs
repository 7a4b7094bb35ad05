using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Blitz.CodeAnalysis;

/// <summary>The names an offload target's generated wrapper and work item take.</summary>
internal static class WrapperNaming
{
    /// <summary>The default wrapper name is the method's name followed by this suffix.</summary>
    private const string WrapperSuffix = "Async";

    /// <summary>The generated work item struct is named after the method followed by this suffix.</summary>
    private const string WorkItemSuffix = "WorkItem";

    /// <summary>The name of the named argument that overrides the wrapper's name.</summary>
    private const string MethodNameArgument = "MethodName";

    /// <summary>The <c>MethodName</c> given to the method's offload attribute, or <see langword="null"/> when unset or empty.</summary>
    public static string? GetNameOverride(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (OffloadAttributes.GetKind(attribute.AttributeClass) == OffloadAttributeKind.None)
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
    public static string GetWrapperName(IMethodSymbol method) => GetNameOverride(method) ?? method.Name + WrapperSuffix;

    /// <summary>The name of the generated work item struct: <c>HashWorkItem</c>, or <c>HashWorkItem2</c> for the second overload.</summary>
    public static string GetWorkItemName(IMethodSymbol method)
    {
        int ordinal = GetOverloadOrdinal(method);
        return method.Name + WorkItemSuffix + (ordinal == 0 ? string.Empty : ordinal.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The 1-based position of <paramref name="method"/> among the type's methods whose names are equal ignoring case
    /// (generated hint names are compared ignoring case), or 0 when no other method shares its name.
    /// </summary>
    public static int GetOverloadOrdinal(IMethodSymbol method) => TypeMethodIndex.GetNamesakeOrdinal(method);
}
