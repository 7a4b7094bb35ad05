using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// One call kind's rule actions (invocations, property reads, object creations) behind one driver callback, each run
/// only on calls to the members its filter admits (<see cref="RuleRegistry.RegisterCall"/>). Every filter is asked
/// once per called member, and the answers are kept per compilation as one bit per action: most calls go to members
/// no rule looks at (a <c>StringBuilder.Append</c>, a record's property), and those cost one lookup instead of a pass
/// through every rule's gates. Generated code runs no rule. The masks are kept as objects: the runtime ships precompiled
/// code for a dictionary of reference values, while the one of a <c>ulong</c> value was perf-sampled running unoptimized
/// (tier 0) for the whole build.
/// </summary>
internal sealed class CallFanout(RuleAction<OperationAnalysisContext>[] actions, Lazy<BlitzSymbols> symbols)
{
    /// <summary>The most actions one fan-out filters: one bit each.</summary>
    public const int MaxActions = 64;

    // Per called member definition: bit i set when actions[i] may report on it.
    private readonly ConcurrentDictionary<ISymbol, ActionMask> _masks = new(ReferenceComparer.Instance);

    /// <summary>True for the operation kinds that name a called member.</summary>
    public static bool Handles(OperationKind kind) => kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation;

    /// <summary>The driver's callback: the measured hot entry, one call per invocation in the compilation.</summary>
    [MethodImpl(Jit.Optimized)]
    public void Run(OperationAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        var resolved = symbols.Value;
        var member = CalledMember(context.Operation);
        var mask = member is null ? Mask(null, resolved)
            : _masks.TryGetValue(member, out var known) ? known.Bits
            : _masks.GetOrAdd(member, new ActionMask(Mask(member, resolved))).Bits;
        for (var i = 0; mask != 0 && i < actions.Length; i++, mask >>= 1)
        {
            if ((mask & 1) != 0)
            {
                actions[i].Run(context, resolved);
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private ulong Mask(ISymbol? member, BlitzSymbols resolved)
    {
        ulong mask = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i].MayRunOn(member, resolved))
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }

    /// <summary>The definition of the method, property or constructor a call names; null when there is none (an erroneous <c>new</c>).</summary>
    private static ISymbol? CalledMember(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.OriginalDefinition,
        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
        IObjectCreationOperation creation => creation.Constructor?.OriginalDefinition,
        _ => null,
    };

    /// <summary>One member's mask, boxed once per member so that the dictionary holds reference values.</summary>
    private sealed class ActionMask(ulong bits)
    {
        public ulong Bits { get; } = bits;
    }
}
