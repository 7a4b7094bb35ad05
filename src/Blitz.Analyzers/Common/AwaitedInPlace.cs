using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Whether a task is awaited right where it is made (<c>await Task.Run(...)</c>): the caller then waits for it anyway,
/// so the start neither runs alongside the caller (BLZ107) nor could be dropped without changing timing (BLZ108,
/// BLZ113). A task stored, passed on, discarded or awaited later is not.
/// </summary>
internal static class AwaitedInPlace
{
    /// <summary>True when <paramref name="task"/> is the operand of an await, through conversions and <c>ConfigureAwait(...)</c>.</summary>
    public static bool Is(IOperation task) => Find(task, out _) is not null;

    /// <summary>
    /// The await whose operand is <paramref name="task"/>, through conversions and <c>ConfigureAwait(...)</c>; null
    /// when there is none. <paramref name="plain"/> is true when nothing but <c>ConfigureAwait(true)</c> (the plain
    /// await) stands between them: no conversion, and no <c>ConfigureAwait(false)</c>, which moves the rest of the
    /// method off the caller's synchronization context.
    /// </summary>
    public static IAwaitOperation? Find(IOperation task, out bool plain)
    {
        plain = true;
        for (var current = task; ;)
        {
            switch (current.Parent)
            {
                case IConversionOperation conversion:
                    plain = false;
                    current = conversion;
                    break;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure:
                    plain &= configure.TargetMethod.Parameters.Length == 1 && configure.Arguments.Length == 1
                        && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: true };
                    current = configure;
                    break;
                case IAwaitOperation awaited:
                    return awaited;
                default:
                    return null;
            }
        }
    }
}
