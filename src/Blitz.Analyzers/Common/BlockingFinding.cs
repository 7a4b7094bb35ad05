using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// One finding of a summary: the work, the chain from the summarized method down to it, and the conditions under
/// which it runs, as far as they matter to a caller: behind a first-use guard (it blocks once per object, not on
/// every call), on a reader or stream the caller passes in (an in-memory one does not block), or only when a bool
/// parameter has one value (<c>Dispose(bool disposing)</c>).
/// </summary>
internal sealed class BlockingFinding
{
    private const string Arrow = " → ";

    public BlockingFinding(ImmutableArray<string> chain, BlockingWork work, IMethodSymbol? firstUseIn = null, int receiverParameter = -1, int switchParameter = -1, bool switchValue = false)
    {
        Chain = chain;
        Work = work;
        FirstUseIn = firstUseIn;
        ReceiverParameter = receiverParameter;
        SwitchParameter = switchParameter;
        SwitchValue = switchValue;
    }

    /// <summary>The summarized method first, the blocking API (or loop) last: <c>IsConnected.get</c>, <c>Thread.Sleep</c>.</summary>
    public ImmutableArray<string> Chain { get; }

    public BlockingWork Work { get; }

    /// <summary>The method whose first-use guard (<c>if (_connection == null)</c>, <c>_x ??= ...</c>) the work sits behind, or null.</summary>
    public IMethodSymbol? FirstUseIn { get; }

    /// <summary>The ordinal of the parameter whose value the sync I/O reads or writes, or -1.</summary>
    public int ReceiverParameter { get; }

    /// <summary>The ordinal of the bool parameter the work runs under (<c>if (disposing)</c>), or -1.</summary>
    public int SwitchParameter { get; }

    /// <summary>The value of <see cref="SwitchParameter"/> under which the work runs.</summary>
    public bool SwitchValue { get; }

    /// <summary>Runs only under a condition the call site may decide: preferred last when a method has several findings.</summary>
    public bool IsConditional => FirstUseIn is not null || ReceiverParameter >= 0 || SwitchParameter >= 0;

    /// <summary>Sync teardown (<see cref="FailurePathTeardown"/>): not reported where the call is made in a catch clause.</summary>
    public bool IsTeardown => FailurePathTeardown.IsTeardown(Work);

    /// <summary>
    /// How weakly the finding stands for its method, when a method has several (0-3): other work before teardown, and
    /// within each, work on every call before work under a condition. So a method whose finding is teardown does
    /// nothing else that blocks, as far as the search sees.
    /// </summary>
    public int Rank => (IsTeardown ? 2 : 0) + (IsConditional ? 1 : 0);

    /// <summary>The same finding reached through <paramref name="caller"/>, under the caller's own conditions.</summary>
    public BlockingFinding Through(string caller, IMethodSymbol? firstUseIn, int receiverParameter, int switchParameter, bool switchValue) =>
        new(Chain.Insert(0, caller), Work, firstUseIn, receiverParameter, switchParameter, switchValue);

    /// <summary>The chain as the messages show it, from <paramref name="origin"/>: <c>Connect → IsConnected.get → Thread.Sleep</c>.</summary>
    public string ChainFrom(string origin) => origin + Arrow + string.Join(Arrow, Chain);

    /// <summary>
    /// Whether the arguments of <paramref name="call"/> rule the work out: an in-memory reader or stream for the I/O's
    /// parameter, or a constant that switches the guarded branch off (<c>Dispose(false)</c>).
    /// </summary>
    public bool IsRuledOutBy(IOperation call, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (ReceiverParameter >= 0 && Argument(call, ReceiverParameter) is { } receiver
            && BlockingCalls.IsNonBlockingReceiver(receiver, symbols, cancellationToken))
        {
            return true;
        }

        return SwitchParameter >= 0 && Argument(call, SwitchParameter) is { ConstantValue: { HasValue: true, Value: var constant } }
            && constant switch
            {
                bool value => value != SwitchValue,
                int value => value > 0 != SwitchValue, // an int switch is a positivity test (ParameterSwitches)
                long value => value > 0 != SwitchValue,
                _ => false,
            };
    }

    /// <summary>The ordinal of the caller's own parameter that <paramref name="call"/> passes for <paramref name="ordinal"/>, or -1.</summary>
    public static int CallerParameter(IOperation call, int ordinal) =>
        ordinal >= 0 && Argument(call, ordinal) is { } value && OperationHelpers.WithoutConversions(value) is IParameterReferenceOperation parameter
            ? parameter.Parameter.Ordinal
            : -1;

    private static IOperation? Argument(IOperation call, int ordinal)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            IPropertyReferenceOperation property => property.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
