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

    private static bool ReadsWhole(IOperation value) => OperationHelpers.WithoutConversions(value) switch
    {
        IAwaitOperation => true,
        IInvocationOperation { TargetMethod.Name: "ReadAllBytes" or "ReadAllText" or "ReadToEnd" or "ToArray" } => true,
        // Encoding.UTF8.GetString(await blobs.GetAsync(key)): the text of a whole payload.
        IInvocationOperation { TargetMethod.Name: "GetString" } decode => decode.Arguments.Any(a => ReadsWhole(a.Value)),
        _ => false,
    };
}
