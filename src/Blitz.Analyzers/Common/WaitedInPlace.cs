using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A task waited for synchronously where it stands: <c>task.Wait(...)</c>, <c>task.Result</c>,
/// <c>task.GetAwaiter().GetResult()</c>, through conversions. The sync counterpart of <see cref="AwaitedInPlace"/>.
/// </summary>
internal static class WaitedInPlace
{
    /// <summary>
    /// The wait on <paramref name="task"/>, or null. <paramref name="throughCasts"/>: also through conversions written in
    /// the source (a cast), not only the implicit ones.
    /// </summary>
    public static IOperation? Find(IOperation task, bool throughCasts)
    {
        while (task.Parent is IConversionOperation conversion && (throughCasts || conversion.IsImplicit))
        {
            task = conversion;
        }

        return task.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Wait" } wait when wait.Instance == task => wait,
            IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == task => result,
            IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult } awaiter
                when awaiter.Instance == task => getResult,
            _ => null,
        };
    }
}
