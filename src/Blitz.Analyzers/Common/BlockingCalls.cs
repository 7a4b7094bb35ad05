using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The conditions under which a table entry really is blocking or heavy, shared by the rules that report it in place
/// (BLZ102, BLZ104) and the rule that reports it inside <c>Task.Run</c> (BLZ109).
/// </summary>
internal static class BlockingCalls
{
    private const int AllDirectories = 1; // SearchOption.AllDirectories

    /// <summary>Memory-backed receivers never block: by static type, by a local's initializer, or Console.Out/Error.</summary>
    public static bool IsNonBlockingReceiver(IOperation? instance, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (instance is null)
        {
            return false;
        }

        instance = OperationHelpers.WithoutConversions(instance);
        if (symbols.IsNonBlockingIoType(instance.Type))
        {
            return true;
        }

        switch (instance)
        {
            case IPropertyReferenceOperation property:
                return symbols.IsNonBlockingIoProperty(property.Property);
            case ILocalReferenceOperation local when instance.SemanticModel is { } model:
                foreach (var reference in local.Local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree
                        && reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                        && symbols.IsNonBlockingIoType(model.GetTypeInfo(value, cancellationToken).Type))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the call's I/O target never blocks: the receiver of an instance call, or for a static call
    /// (<c>JsonSerializer.Serialize(stream, value)</c>) every stream, reader or writer argument.
    /// </summary>
    public static bool HasNonBlockingTarget(IInvocationOperation invocation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (invocation.Instance is not null)
        {
            return IsNonBlockingReceiver(invocation.Instance, symbols, cancellationToken);
        }

        var streams = invocation.Arguments.Where(a => symbols.IsIoType(a.Value.Type)).ToList();
        return streams.Count > 0 && streams.All(a => IsNonBlockingReceiver(a.Value, symbols, cancellationToken));
    }

    /// <summary>A stream call whose receiver or an argument is a compression stream: CPU work, not I/O to await.</summary>
    public static bool IsCompressionStreamCall(IInvocationOperation invocation, BlitzSymbols symbols) =>
        (invocation.Instance is { } instance && symbols.IsCompressionStream(OperationHelpers.WithoutConversions(instance).Type))
        || invocation.Arguments.Any(a => symbols.IsCompressionStream(OperationHelpers.WithoutConversions(a.Value).Type));

    /// <summary>True when a CPU-heavy table entry's condition holds for this call.</summary>
    public static bool HeavyApplies(HeavyWhen when, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols) => when switch
    {
        HeavyWhen.Always => true,
        HeavyWhen.StreamArgument => arguments.Any(a => BlitzSymbols.InheritsFrom(a.Value.Type, symbols.Stream)),
        HeavyWhen.AllDirectories => arguments.Any(a => IsRecursive(a.Value, symbols)),
        HeavyWhen.KeySizeArgument => method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Int32),
        HeavyWhen.WholePayloadArgument => arguments.Any(a => a.Value.Type?.SpecialType == SpecialType.System_String
            && OperationHelpers.ReferencedSymbol(a.Value) is { } text && WholePayload.IsReadWhole(text, a)),
        _ => false,
    };

    /// <summary>
    /// A short description of the blocking or heavy work <paramref name="operation"/> does (sleep, sync I/O, a blocking
    /// wait, a CPU-heavy API, a [Blocking]/[CpuBound] method), or null.
    /// </summary>
    public static string? Describe(IOperation operation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (operation is IPropertyReferenceOperation property)
        {
            return symbols.TryGetBlockingWait(property.Property, out _) ? "'" + property.Property.ContainingType.Name + "." + property.Property.Name + "'" : null;
        }

        var (method, arguments, instance) = operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments, invocation.Instance),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments, null),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty, null),
        };
        if (method is null)
        {
            return null;
        }

        var name = "'" + method.ContainingType.Name + "." + method.Name + "'";
        if (symbols.ThreadSleep.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            return name;
        }

        if (symbols.TryGetSyncIoCounterpart(method, out _)
            && !(operation is IInvocationOperation io && HasNonBlockingTarget(io, symbols, cancellationToken)))
        {
            return name;
        }

        if (symbols.TryGetBlockingWait(method, out _) && !arguments.Any(a => OperationHelpers.IsConstantZero(a.Value)))
        {
            return name;
        }

        if (symbols.TryGetCpuHeavy(method, out var entry) && HeavyApplies(entry.When, method, arguments, symbols))
        {
            return entry.What;
        }

        return null;
    }

    private static bool IsRecursive(IOperation value, BlitzSymbols symbols)
    {
        value = OperationHelpers.WithoutConversions(value);
        if (BlitzSymbols.Is(value.Type, symbols.SearchOption))
        {
            return value.ConstantValue is { HasValue: true, Value: int option } && option == AllDirectories;
        }

        // new EnumerationOptions { RecurseSubdirectories = true }
        return value is IObjectCreationOperation { Initializer: { } initializer }
            && initializer.Initializers.OfType<ISimpleAssignmentOperation>().Any(a =>
                a.Target is IPropertyReferenceOperation { Property.Name: "RecurseSubdirectories" } && a.Value.ConstantValue is { HasValue: true, Value: true });
    }
}
