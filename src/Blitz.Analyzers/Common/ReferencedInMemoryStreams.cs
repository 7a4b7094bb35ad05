using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Stream types of a referenced library (metadata, whose bodies the analyzers cannot read) known to be in memory by
/// their name: a class derived from <c>System.IO.Stream</c> named <c>...MemoryStream</c> or <c>...MemoryBlockStream</c>
/// (MimeKit's <c>MemoryBlockStream</c>, a pooled or chunked <c>...MemoryStream</c>) that takes no sink when built: no
/// constructor parameter is a stream, reader, writer, socket, OS handle or a path. Subclasses of <c>MemoryStream</c>
/// and <c>UnmanagedMemoryStream</c> are known already (<see cref="KnownApis.NonBlockingIoTypes"/>); types declared in
/// source are decided from their bodies (<see cref="SourceInMemoryIoTypes"/>).
/// </summary>
internal static class ReferencedInMemoryStreams
{
    public static bool IsOne(ITypeSymbol type, BlitzSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, DeclaringSyntaxReferences.IsEmpty: true } named
        && (named.Name.EndsWith("MemoryStream", System.StringComparison.Ordinal) || named.Name.EndsWith("MemoryBlockStream", System.StringComparison.Ordinal))
        && BlitzSymbols.InheritsFrom(named, symbols.Stream) && !TakesASink(named, symbols);

    private static bool TakesASink(INamedTypeSymbol type, BlitzSymbols symbols)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (symbols.IsIoType(parameter.Type) || IsHandleOrSocket(parameter.Type)
                    || (parameter.Type.SpecialType == SpecialType.System_String && IsPathName(parameter.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsHandleOrSocket(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "SafeHandle" or "Socket" && current.ContainingNamespace?.ToDisplayString() is "System.Runtime.InteropServices" or "System.Net.Sockets")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPathName(string name) =>
        name.IndexOf("path", System.StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("file", System.StringComparison.OrdinalIgnoreCase) >= 0;
}
