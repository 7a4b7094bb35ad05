using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Code that runs only while a debugger is attached: the true branch of <c>if (Debugger.IsAttached)</c> (alone or as an
/// operand of <c>&amp;&amp;</c>), such as a <c>Console.ReadKey()</c> that keeps a console job's window open for its
/// developer. Like code under <c>#if DEBUG</c>, it is a developer's aid, not work a user's program does.
/// </summary>
internal static class DebugOnlyPaths
{
    public static bool Contains(IOperation operation) => OperationHelpers.IsGuardedBy(operation, static c =>
        c is IPropertyReferenceOperation { Property: { Name: "IsAttached", ContainingType: { Name: "Debugger", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace.Name: "System" } } } });
}
