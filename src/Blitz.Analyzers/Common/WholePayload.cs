using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Whether a buffer holds a whole payload: data the same function read in full (an awaited read such as
/// <c>await blobs.GetAsync(key)</c> or <c>await File.ReadAllBytesAsync(path)</c>, <c>File.ReadAllBytes</c>,
/// <c>stream.ToArray()</c>, or the text of one: <c>Encoding.UTF8.GetString(await ...)</c>, <c>reader.ReadToEnd()</c>). A parameter or field may be a 16-byte header as well as an upload, so its size is
/// unknown and, precision first, it is not a whole payload.
/// </summary>
internal static class WholePayload
{
    /// <summary>True when <paramref name="buffer"/> is a local assigned a whole payload in the function around <paramref name="use"/>.</summary>
    public static bool IsReadWhole(ISymbol buffer, IOperation use)
    {
        if (buffer is not ILocalSymbol local)
        {
            return false;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(use)))
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.Initializer?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };
            if (value is not null && ReadsWhole(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="value"/> is the bytes of a whole file: <c>File.ReadAllBytes[Async]</c> in place
    /// (<c>SHA256.HashData(await File.ReadAllBytesAsync(path))</c>) or through a local of the same function. Bytes
    /// from elsewhere (a blob store, a parameter) may be a 32-byte key as well as an upload, so are not counted.
    /// </summary>
    public static bool IsWholeFile(IOperation value, IOperation use)
    {
        var buffer = OperationHelpers.WithoutConversions(value);
        if (ReadsWholeFile(buffer))
        {
            return true;
        }

        if (OperationHelpers.ReferencedSymbol(buffer) is not ILocalSymbol local)
        {
            return false;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(AsyncContext.EnclosingBody(use)))
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && ReadsWholeFile(OperationHelpers.WithoutConversions(initial)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>File.ReadAllBytes(path)</c>, or <c>await File.ReadAllBytesAsync(path)</c> with or without ConfigureAwait.</summary>
    private static bool ReadsWholeFile(IOperation value)
    {
        if (value is IAwaitOperation { Operation: var awaited })
        {
            value = awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? task : awaited;
        }

        return value is IInvocationOperation { TargetMethod: { Name: "ReadAllBytes" or "ReadAllBytesAsync", ContainingType: { Name: "File", ContainingNamespace.Name: "IO" } } };
    }

    private static bool ReadsWhole(IOperation value) => OperationHelpers.WithoutConversions(value) switch
    {
        IAwaitOperation => true,
        IInvocationOperation { TargetMethod.Name: "ReadAllBytes" or "ReadAllText" or "ReadToEnd" or "ToArray" } => true,
        // Encoding.UTF8.GetString(await blobs.GetAsync(key)): the text of a whole payload.
        IInvocationOperation { TargetMethod.Name: "GetString" } decode => decode.Arguments.Any(a => ReadsWhole(a.Value)),
        _ => false,
    };
}
