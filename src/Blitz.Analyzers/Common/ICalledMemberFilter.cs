using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Implemented by the target of a rule's operation action when the rule looks only at calls to some members (a table
/// of APIs, the starters, members declared in source): <see cref="MergedOperationActions"/> asks it once per called
/// member and runs the rule only on calls to members it may report. The rule still checks everything itself.
/// </summary>
internal interface ICalledMemberFilter
{
    /// <summary>
    /// False when the rule can never report a call to, a read of, or a construction through <paramref name="member"/>
    /// (a method, property or constructor definition), whatever the call site; answered from the member alone.
    /// </summary>
    bool MayReportOn(ISymbol member);
}
