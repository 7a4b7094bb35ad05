using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Code with a sync and an async path where the caller picks one (a <c>bool async</c> parameter, an
/// <c>IsSynchronous</c> flag, an <c>IOBehavior.Synchronous</c> mode): libraries write one body for both their sync and
/// async APIs. A blocking call on the sync path is what a sync caller asked for, not work misplaced in async code.
/// </summary>
internal static class CallerChosenSyncPath
{
    /// <summary>
    /// True when <paramref name="operation"/> sits in a branch chosen by a sync/async mode (an <c>if</c>, <c>?:</c> or
    /// <c>switch</c> whose condition or case names one), or follows such an <c>if</c> in the same block (the async path
    /// returned early).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool Contains(IOperation operation)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child && NamesMode(conditional.Condition):
                case ISwitchCaseOperation switchCase when switchCase.Clauses.Any(c => c is ISingleValueCaseClauseOperation { Value: { } value } && NamesMode(value)):
                case ISwitchExpressionArmOperation arm when arm.Value == child && NamesMode(arm.Pattern):
                case IBlockOperation block when FollowsModeBranch(block, child):
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    private static bool FollowsModeBranch(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation conditional && NamesMode(conditional.Condition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The condition reads a flag, parameter or enum member whose name is a sync/async mode (<c>isAsync</c>,
    /// <c>useAsync</c>, <c>IsSynchronous</c>, <c>Asynchronous</c>), possibly naming what it applies to after a prefix
    /// (<c>PreferSyncSerialization</c>, <c>UseAsyncIo</c>), or a bool named for one operation's mode (<c>writeSync</c>,
    /// <c>readAsync</c>); a name that only contains the word
    /// (<c>_recoveryErrorAsyncWrapper</c>, <c>IsSynchronized</c>) says nothing about the path.
    /// </summary>
    private static bool NamesMode(IOperation condition)
    {
        foreach (var node in condition.DescendantsAndSelf())
        {
            var name = node switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => null,
            };
            if (name is not null && (IsModeName(name, ModePrefixes)
                || (node.Type?.SpecialType == SpecialType.System_Boolean && IsModeName(name, OperationPrefixes))))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ModePrefixes = { "", "is", "use", "run", "do", "force", "allow", "prefer" };

    // A bool named for the mode of one operation (writeSync = destination is FileStream, readAsync): only a bool, since
    // a task local may carry the same name (var readAsync = stream.ReadAsync(...)).
    private static readonly string[] OperationPrefixes = { "read", "write", "send", "receive", "flush", "copy", "load", "save" };
    private static readonly string[] ModeWords = { "async", "sync", "asynchronous", "synchronous" };

    private static bool IsModeName(string name, string[] prefixes)
    {
        name = name.TrimStart('_');
        foreach (var prefix in prefixes)
        {
            foreach (var word in ModeWords)
            {
                var end = prefix.Length + word.Length;
                if (name.Length >= end
                    && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && string.Compare(name, prefix.Length, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (name.Length == end || (prefix.Length > 0 && char.IsUpper(name[end]))))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
