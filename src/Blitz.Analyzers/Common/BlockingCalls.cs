using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Runtime.CompilerServices;
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
    private const int RegexCompiled = 8; // RegexOptions.Compiled

    /// <summary>
    /// Memory-backed receivers never block: by static type, by a local's initializer (never assigned again), or
    /// Console.Out/Error.
    /// </summary>
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
            case IFieldReferenceOperation { Field: { Name: "Null", IsStatic: true } field } when IsFrameworkType(field.ContainingType):
                return true; // Stream.Null, TextWriter.Null, StreamReader.Null: a sink or an empty source, no device
            case IPropertyReferenceOperation property:
                return symbols.IsNonBlockingIoProperty(property.Property);
            case ILocalReferenceOperation local when instance.SemanticModel is { } model:
                foreach (var reference in local.Local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree
                        && reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
                        && (symbols.IsNonBlockingIoType(model.GetTypeInfo(value, cancellationToken).Type)
                            || (model.GetOperation(value, cancellationToken) is { } created
                                && (symbols.IsCreatedOverABuffer(OperationHelpers.WithoutConversions(created))
                                    || WrapsNonBlockingStream(OperationHelpers.WithoutConversions(created), symbols, cancellationToken)
                                    || IsMadeOverNonBlocking(OperationHelpers.WithoutConversions(created), symbols, cancellationToken))))
                        && !IsAssignedAfterDeclaration(local.Local, declarator, model, cancellationToken))
                    {
                        return true;
                    }
                }

                // Stream stream; ... stream = CreateStream(); stream.Write(...): the value it was last given.
                return InMemoryLocals.HoldsInMemoryValue(local, symbols, cancellationToken);
            case IParameterReferenceOperation parameter:
                // out Stream stream: the method fills it, and may fill it with memory.
                return InMemoryLocals.HoldsInMemoryValue(parameter, symbols, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>
    /// A framework stream, reader or writer created over an in-memory one (<c>new CryptoStream(memory, ...)</c>,
    /// <c>new StreamWriter(memory)</c>, <c>new BufferedStream(memory)</c>): it reads and writes only what it wraps, so
    /// it never waits on a device either; the CPU its own transform costs is BLZ104's to judge.
    /// </summary>
    private static bool WrapsNonBlockingStream(IOperation created, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        created is IObjectCreationOperation { Constructor.ContainingType: { } type, Arguments: { IsEmpty: false } arguments }
        && ((symbols.IsIoType(type) && IsFrameworkType(type)) || OnlyPlainValuesBeside(arguments, symbols))
        && arguments.FirstOrDefault(a => symbols.IsIoType(a.Parameter?.Type)) is { } wrapped
        && IsNonBlockingReceiver(wrapped.Value, symbols, cancellationToken);

    /// <summary>
    /// Besides one stream, only values (a flag, a size, an enum): <c>new ExcelPackage(memory)</c> has nothing else to
    /// read or write than that stream, while a string or another object beside it may name a file or a connection.
    /// </summary>
    private static bool OnlyPlainValuesBeside(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols) =>
        arguments.Count(a => symbols.IsIoType(a.Parameter?.Type)) == 1
        && arguments.All(a => symbols.IsIoType(a.Parameter?.Type) || a.Parameter?.Type is { IsValueType: true });

    /// <summary>
    /// A framework reader or writer made by a static factory over an in-memory one (<c>XmlReader.Create(new
    /// StringReader(xml))</c>, <c>XmlWriter.Create(memory)</c>): it reads and writes only what it was given.
    /// </summary>
    private static bool IsMadeOverNonBlocking(IOperation created, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        created is IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true, ContainingType: { } type }, Arguments: { IsEmpty: false } arguments }
        && IsFrameworkType(type) && IsIoArgumentType(type, symbols)
        && arguments.FirstOrDefault(a => IsIoArgumentType(a.Value.Type, symbols)) is { } source
        && IsNonBlockingReceiver(source.Value, symbols, cancellationToken);

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns?.Name == "System";
    }

    /// <summary>
    /// Whether <paramref name="local"/> may hold another value than its initializer's: assigned, or passed by
    /// <c>ref</c>/<c>out</c>, anywhere in the block that declares it. Only then is <c>Stream s = new MemoryStream()</c>
    /// provably a memory stream at every use.
    /// </summary>
    private static bool IsAssignedAfterDeclaration(ILocalSymbol local, VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken)
    {
        var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return true;
        }

        return LocalWrites.IsWrittenIn(scope, local, model, cancellationToken);
    }

    /// <summary>
    /// True when the call's I/O target never blocks: the receiver of an instance call (or a read it only makes once
    /// that receiver has data waiting, <see cref="ReadyReads"/>), or for a static call
    /// (<c>JsonSerializer.Serialize(stream, value)</c>) every stream, reader or writer argument.
    /// </summary>
    public static bool HasNonBlockingTarget(IInvocationOperation invocation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (invocation.Instance is not null)
        {
            return IsNonBlockingReceiver(invocation.Instance, symbols, cancellationToken) || ReadyReads.IsGuardedRead(invocation);
        }

        var streams = invocation.Arguments.Where(a => symbols.IsIoType(a.Value.Type)).ToList();
        return streams.Count > 0 && streams.All(a => IsNonBlockingReceiver(a.Value, symbols, cancellationToken));
    }

    /// <summary>
    /// A compression stream call with evidence of size: a copy of a whole stream through it (<c>CopyTo</c>), a read
    /// or write in a loop (chunk by chunk through a whole input), or a write of a whole payload (<see cref="WholePayload"/>:
    /// bytes read whole from a file, a stream or an awaited read). One write of bytes from a parameter or a short
    /// string (<c>gzip.Write(Encoding.UTF8.GetBytes(text))</c>) may compress twenty bytes, so it is not heavy.
    /// </summary>
    public static bool IsHeavyCompressionCall(IInvocationOperation invocation, BlitzSymbols symbols) =>
        IsCompressionStreamCall(invocation, symbols)
        && (invocation.TargetMethod.Name.StartsWith("CopyTo", StringComparison.Ordinal)
            || OperationHelpers.InnermostLoopInSameFunction(invocation) is not null
            || invocation.Arguments.Any(a => OperationHelpers.ReferencedSymbol(a.Value) is ILocalSymbol buffer && WholePayload.IsReadWhole(buffer, invocation)));

    /// <summary>A stream call whose receiver or an argument is a compression stream: CPU work, not I/O to await.</summary>
    public static bool IsCompressionStreamCall(IInvocationOperation invocation, BlitzSymbols symbols) =>
        (invocation.Instance is { } instance && symbols.IsCompressionStream(OperationHelpers.WithoutConversions(instance).Type))
        || invocation.Arguments.Any(a => symbols.IsCompressionStream(OperationHelpers.WithoutConversions(a.Value).Type));

    /// <summary>True when a CPU-heavy table entry's condition holds for this call.</summary>
    public static bool HeavyApplies(HeavyWhen when, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols, CancellationToken cancellationToken) => when switch
    {
        HeavyWhen.IoArgument => arguments.Any(a => IsIoArgumentType(a.Value.Type, symbols) && !IsNonBlockingReceiver(a.Value, symbols, cancellationToken)),
        HeavyWhen.CompiledRegex => arguments.Any(a => a.Value.Type is { Name: "RegexOptions" } && a.Value.ConstantValue is { HasValue: true, Value: int options } && (options & RegexCompiled) != 0),
        HeavyWhen.Always => true,
        HeavyWhen.WholeInputArgument => arguments.Any(a => BlitzSymbols.InheritsFrom(a.Value.Type, symbols.Stream) || WholePayload.IsWholeFile(a.Value, a)),
        HeavyWhen.FileArgument or HeavyWhen.BlockingIo => true,
        HeavyWhen.AllDirectories => arguments.Any(a => IsRecursive(a.Value, symbols)),
        HeavyWhen.KeySizeArgument => method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Int32),
        HeavyWhen.WholePayloadArgument => arguments.Any(a => a.Value.Type?.SpecialType == SpecialType.System_String
            && OperationHelpers.ReferencedSymbol(a.Value) is { } text && WholePayload.IsReadWhole(text, a)),
        _ => false,
    };

    /// <summary>A stream, text reader or writer, or an XML reader or writer: what a serializer reads from or writes to.</summary>
    public static bool IsIoArgumentType(ITypeSymbol? type, BlitzSymbols symbols)
    {
        if (symbols.IsIoType(type))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "XmlReader" or "XmlWriter", ContainingNamespace: { Name: "Xml", ContainingNamespace.Name: "System" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The blocking or heavy work <paramref name="operation"/> does, by the tables of BLZ101-104 and their conditions
    /// (a memory stream does not block, a zero timeout is a poll, a provably complete task does not wait), or null.
    /// The one classification behind the in-place rules, BLZ109, and the summaries of sync helpers (BLZ111).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static BlockingWork? Classify(IOperation operation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (operation is IPropertyReferenceOperation property)
        {
            return symbols.TryGetBlockingWait(property.Property, out _)
                && !IsNonBlockingWait(property.Property, property.Instance, property.Arguments, operation, symbols)
                ? new BlockingWork(property.Property, Name(property.Property, property.Instance), "a blocking wait", BlockingKind.Wait)
                : null;
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

        if (symbols.ThreadSleep.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            return new BlockingWork(method, Name(method, instance), "a sleep", BlockingKind.Sleep);
        }

        if (operation is IInvocationOperation query && SyncQueries.AsyncTwinName(query) is not null)
        {
            return new BlockingWork(method, Name(method, OperationHelpers.Receiver(query)), "a query executed synchronously", BlockingKind.SyncIo);
        }

        if (symbols.TryGetSyncIoCounterpart(method, out _) && operation is IInvocationOperation io)
        {
            if (IsCompressionStreamCall(io, symbols))
            {
                return IsHeavyCompressionCall(io, symbols)
                    ? new BlockingWork(method, Name(method, instance), "compression through a compression stream", BlockingKind.HeavyCpu)
                    : null;
            }

            return HasNonBlockingTarget(io, symbols, cancellationToken) ? null : new BlockingWork(method, Name(method, instance), "sync I/O", BlockingKind.SyncIo);
        }

        if (symbols.TryGetBlockingWait(method, out _))
        {
            return IsNonBlockingWait(method, instance, arguments, operation, symbols)
                ? null
                : new BlockingWork(method, Name(method, instance), "a blocking wait", BlockingKind.Wait);
        }

        if (symbols.TryGetCpuHeavy(method, out var entry) && HeavyApplies(entry.When, method, arguments, symbols, cancellationToken))
        {
            // A serializer over a file or socket reads or writes it synchronously: blocking I/O as much as CPU work.
            return new BlockingWork(method, Name(method, instance), entry.What, DoesSyncIo(entry.When, arguments, symbols, cancellationToken) ? BlockingKind.SyncIo : BlockingKind.HeavyCpu);
        }

        return null;
    }

    /// <summary>
    /// Whether a CPU-heavy table entry's call also reads or writes a device: a serializer over a stream, an image,
    /// archive or document given a path or a stream not over memory, or I/O that has no async counterpart.
    /// </summary>
    private static bool DoesSyncIo(HeavyWhen when, ImmutableArray<IArgumentOperation> arguments, BlitzSymbols symbols, CancellationToken cancellationToken) => when switch
    {
        HeavyWhen.IoArgument or HeavyWhen.BlockingIo => true,
        HeavyWhen.FileArgument => arguments.Any(a => a.Value.Type?.SpecialType == SpecialType.System_String
            || (IsIoArgumentType(a.Value.Type, symbols) && !IsNonBlockingReceiver(a.Value, symbols, cancellationToken))),
        _ => false,
    };

    /// <summary>
    /// A wait from the table that does not block here: a zero timeout (a poll), or a task that is provably complete
    /// where its result is read (<see cref="TaskCompletion"/>).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsNonBlockingWait(ISymbol member, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IOperation use, BlitzSymbols symbols) =>
        KnownWaits.HasZeroTimeout(arguments)
        || (WaitedTask(member, instance) is { } task && (symbols.IsTaskLike(task.Type) || IsAwaiter(member, task.Type)) && TaskCompletion.IsProvablyComplete(task, use, symbols))
        || (member.Name == "ReadKey" && IsBehindKeyAvailable(use))
        || (member.Name == "Wait" && BlitzSymbols.Is(member.ContainingType, symbols.SemaphoreSlim) && IsBehindFreeCount(instance, use));

    /// <summary>
    /// <c>SemaphoreSlim.Wait</c> in the true branch of <c>if (gate.CurrentCount &gt; 0)</c> (or <c>== 1</c>, <c>!= 0</c>,
    /// <c>&gt;= 1</c>, alone or as an operand of <c>&amp;&amp;</c>) on the same semaphore: a slot is free, so the wait
    /// takes it at once. Libraries write it under their own lock as the fast path of an async lock.
    /// </summary>
    private static bool IsBehindFreeCount(IOperation? instance, IOperation use) =>
        OperationHelpers.ReferencedSymbol(instance) is { } semaphore && OperationHelpers.IsGuardedBy(use, c => TestsFreeCount(c, semaphore));

    private static bool TestsFreeCount(IOperation condition, ISymbol semaphore) => condition switch
    {
        IBinaryOperation { LeftOperand: var left, RightOperand: var right } comparison
            when OperationHelpers.WithoutConversions(left) is IPropertyReferenceOperation { Property.Name: "CurrentCount" } count
                && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(count.Instance), semaphore)
                && right.ConstantValue is { HasValue: true, Value: int value } =>
            comparison.OperatorKind switch
            {
                BinaryOperatorKind.GreaterThan => value >= 0,
                BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals => value >= 1,
                BinaryOperatorKind.NotEquals => value == 0,
                _ => false,
            },
        _ => false,
    };

    /// <summary>
    /// <c>Console.ReadKey</c> in the true branch of <c>if (Console.KeyAvailable)</c> or the body of
    /// <c>while (Console.KeyAvailable)</c> (alone or as an operand of <c>&amp;&amp;</c>): a key is waiting, so the read returns at once.
    /// </summary>
    private static bool IsBehindKeyAvailable(IOperation use) =>
        OperationHelpers.IsGuardedBy(use, static c => c is IPropertyReferenceOperation { Property: { Name: "KeyAvailable", ContainingType.Name: "Console" } });

    /// <summary>
    /// A wait for a task (<c>Wait</c>, <c>WaitAll</c>, <c>WaitAny</c>, <c>.Result</c>, <c>GetAwaiter().GetResult()</c>):
    /// sync over async, whose remedy is always to await the task, wherever the wait runs. Asked of members of the wait
    /// table only, whose every <c>GetResult</c> is a task awaiter's.
    /// </summary>
    public static bool IsTaskWait(ISymbol member, BlitzSymbols symbols)
    {
        var type = member.ContainingType?.OriginalDefinition;
        return member.Name == "GetResult"
            || BlitzSymbols.Is(type, symbols.Task) || BlitzSymbols.Is(type, symbols.TaskOfT) || BlitzSymbols.Is(type, symbols.ValueTaskOfT);
    }

    /// <summary>The task a wait is on: the receiver, or for <c>GetResult</c> the receiver of <c>GetAwaiter()</c> (after ConfigureAwait).</summary>
    public static IOperation? WaitedTask(ISymbol member, IOperation? instance)
    {
        if (member.Name == "GetResult" && instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
        {
            return awaitable is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner } ? inner : awaitable;
        }

        return instance;
    }

    /// <summary>
    /// <c>GetResult</c> on an awaiter held in a variable (<c>var awaiter = task.GetAwaiter(); if (awaiter.IsCompleted)
    /// awaiter.GetResult();</c>): the awaiter's own <c>IsCompleted</c> guards it like the task's, the fast path that
    /// libraries write before registering a continuation with <c>OnCompleted</c>.
    /// </summary>
    private static bool IsAwaiter(ISymbol member, ITypeSymbol? type) =>
        member.Name == "GetResult" && type is { IsValueType: true } && type.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
        && type.GetMembers("IsCompleted").Any(m => m is IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean });

    /// <summary><c>Type.Member</c>, named after the receiver's static type when there is one (<c>ManualResetEvent.WaitOne</c>).</summary>
    private static string Name(ISymbol member, IOperation? instance)
    {
        var type = instance is null ? null : OperationHelpers.WithoutConversions(instance).Type as INamedTypeSymbol;
        return (type ?? member.ContainingType).Name + "." + member.Name;
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
