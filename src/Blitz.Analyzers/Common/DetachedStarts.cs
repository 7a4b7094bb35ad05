using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ108's detached starts that the caller could not have awaited: <c>Task.Run(() => LoadAsync());</c> as a statement
/// of a constructor or of a non-async <c>static Main</c>, which have no task to hand back to anyone, and, for an async
/// delegate, of a void method whose signature is not its own to change (an override such as a page's
/// <c>OnAppearing</c>, an interface implementation, an event handler). A start that any other method leaves unawaited (it could have returned or awaited the task), stores, or discards with <c>_ =</c> is a
/// deliberate fire-and-forget and is not one of these. The pool hop only runs
/// the call's synchronous start (up to its first await) on another thread; calling it directly (<c>_ = LoadAsync()</c>)
/// detaches it just the same, so the hop is overhead when that start does not block.
/// </summary>
internal static class DetachedStarts
{
    /// <summary>
    /// True when <paramref name="start"/> is a plain statement in the body of a constructor, or a plain or discarded
    /// (<c>_ = Task.Run(...)</c>) statement of a non-async <c>static Main</c> of any return type (an entry point hands
    /// its task to no caller of the program's own, so what it leaves running it detaches by design), or of a non-async
    /// void method that overrides, implements an interface member or handles an event (<c>(object sender, EventArgs e)</c>):
    /// its signature is fixed by its base, so it cannot hand the task back either.
    /// </summary>
    /// <remarks>
    /// The void methods with a fixed signature count only for an async delegate (<paramref name="fixedSignatures"/>):
    /// a pass-through there is often teardown or dispatch that a library's event or <c>Dispose</c> hands to the pool on
    /// purpose (<c>Task.Run(() => connection.CloseAsync())</c>), and its synchronous start is the library's, unread.
    /// </remarks>
    public static bool IsForced(IInvocationOperation start, ISymbol containingSymbol, bool fixedSignatures = false) =>
        start.Arguments.Length == 1
        && AsyncContext.EnclosingFunction(start) is null
        && containingSymbol is IMethodSymbol { IsAsync: false } method
        && ((method.MethodKind == MethodKind.Constructor && start.Parent is IExpressionStatementOperation)
            || (method is { MethodKind: MethodKind.Ordinary, IsStatic: true, Name: "Main" } && IsStatementOrDiscard(start))
            || (fixedSignatures && method is { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation, ReturnsVoid: true }
                && HasFixedSignature(method) && IsStatementOrDiscard(start)));

    private static bool HasFixedSignature(IMethodSymbol method) =>
        method.IsOverride
        || method.MethodKind == MethodKind.ExplicitInterfaceImplementation
        || (method.Parameters.Length == 2 && method.Parameters[0].Type.SpecialType == SpecialType.System_Object && BlitzSymbols.DerivesFromSystemType(method.Parameters[1].Type, "EventArgs"))
        || method.ContainingType.AllInterfaces.Any(i => i.GetMembers(method.Name).Any(m => SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method)));

    /// <summary>True when <paramref name="start"/> is dropped where it is made: a plain statement or <c>_ = Task.Run(...)</c>.</summary>
    public static bool IsStatementOrDiscard(IOperation start) =>
        start.Parent is IExpressionStatementOperation
        || start.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation };

    /// <summary>
    /// True when an async lambda detached there (<c>Task.Run(async () => { var s = new Service(); People = await
    /// s.GetPeopleAsync(); })</c>) only awaits around cheap work (<see cref="CheapWork.IsCheapAroundAwaits"/>), has no
    /// loop (a detached loop is a background service its author chose to host on the pool), and every call it awaits
    /// starts without blocking.
    /// </summary>
    public static bool IsCheapAsyncBody(IAnonymousFunctionOperation lambda, CheapWork cheap, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        if (!cheap.IsCheapAroundAwaits(lambda.Body, symbols, cancellationToken))
        {
            return false;
        }

        foreach (var operation in OperationHelpers.DescendantsInSameFunction(lambda.Body))
        {
            if (operation is ILoopOperation
                || (operation is IAwaitOperation awaited && OperationHelpers.AwaitedTask(awaited.Operation) is IInvocationOperation call
                    && !StartsWithoutBlocking(call, compilation, symbols, cancellationToken)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the passed-through call returns without blocking: a library method (its synchronous start is the
    /// library's), or a method declared in source that reaches its first await (or its end) with no loop and no
    /// blocking call (<see cref="BlockingCalls.Classify"/>) before it, and whose first await, if inside a loop, awaits a
    /// library call. A method that is not async runs wholly on the
    /// caller, so it must also call nothing else declared in source, nor a source constructor with a body (work this does
    /// not read):
    /// <c>Task&lt;string&gt; GetAsync(string url) => Task.FromResult(url)</c> starts without blocking.
    /// </summary>
    public static bool StartsWithoutBlocking(IOperation passThrough, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var method = passThrough switch
        {
            IInvocationOperation call => call.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (method is null)
        {
            return false;
        }

        var declaration = method.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        if (declaration is null)
        {
            return true;
        }

        if (declaration is not MethodDeclarationSyntax { } source || (source.Body is null && source.ExpressionBody is null)
            || SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return false;
        }

        // Up to the first await the call runs on its caller; an async method that never awaits runs wholly there.
        var firstAwait = !method.IsAsync ? null : declaration.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<AwaitExpressionSyntax>().FirstOrDefault();
        if (firstAwait is not null && IsInLoop(firstAwait, declaration) && !AwaitsLibraryCall(firstAwait, body))
        {
            // A worker loop (while (true) { await ProcessNextAsync(); }) goes round on its caller for as long as its own
            // helpers complete synchronously: the hop keeps that off the constructor or Main. A loop whose first await is
            // a library's I/O (AcceptTcpClientAsync) yields there.
            return false;
        }

        var returnsAt = firstAwait?.SpanStart ?? declaration.Span.End;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
        {
            var loopEndsBefore = operation is ILoopOperation && operation.Syntax.Span.End <= returnsAt;
            if (loopEndsBefore || (operation.Syntax.SpanStart < returnsAt && BlockingCalls.Classify(operation, symbols, cancellationToken) is not null)
                || (!method.IsAsync && CallsSource(operation)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the passed-through call (or method group) is an async method declared in source whose whole body is short, bounded
    /// library work: no loop, no lock, no blocking or heavy call (<see cref="BlockingCalls.Classify"/>) and no call of
    /// other source code (<c>async Task Answer(Socket peer) { await peer.ReceiveAsync(buffer); Console.WriteLine(...);
    /// await peer.SendAsync(reply); }</c>). Even if every await in it completes at once, it runs a few library calls
    /// and returns, so starting it directly (<c>_ = Answer(peer)</c>) detaches it just as the pool hop does, in any
    /// method: a handler per accepted connection is the usual case. A handler that loops (a read loop per connection)
    /// could go round on its caller while its reads complete synchronously, and is left alone.
    /// </summary>
    public static bool RunsShortWithoutBlocking(IOperation passThrough, Compilation compilation, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var method = passThrough switch
        {
            IInvocationOperation call => call.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (method is not { IsAsync: true }
            || method.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || SourceModels.Of(compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is ILoopOperation or ILockOperation or IAnonymousFunctionOperation or ILocalFunctionOperation
                || CallsSource(operation) || IsOpaqueTeardown(operation) || BlockingCalls.Classify(operation, symbols, cancellationToken) is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A passed-through call of a library's method (no source here): its synchronous start is the library's, and short.</summary>
    public static bool IsLibraryCall(IOperation passThrough) => passThrough switch
    {
        IInvocationOperation call => call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty,
        IMethodReferenceOperation reference => reference.Method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty,
        _ => false,
    };

    private static bool AwaitsLibraryCall(AwaitExpressionSyntax await, IOperation body) =>
        body.SemanticModel?.GetOperation(await) is IAwaitOperation awaited
        && OperationHelpers.AwaitedTask(awaited.Operation) is IInvocationOperation call
        && call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty;

    private static bool IsInLoop(SyntaxNode node, SyntaxNode declaration)
    {
        for (var current = node.Parent; current is not null && current != declaration; current = current.Parent)
        {
            if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Teardown through an interface or an abstract member (<c>await component.DisposeAsync()</c> on an
    /// <c>IAsyncDisposable</c>): which implementation runs is not known here, and a socket's or stream's synchronous
    /// part of closing may block, so a hop to the pool before it is deliberate.
    /// </summary>
    private static bool IsOpaqueTeardown(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "DisposeAsync" or "Dispose" or "CloseAsync" or "Close" } target }
        && (target.ContainingType.TypeKind == TypeKind.Interface || target.IsAbstract);

    /// <summary>A call of a method, or a constructor with a body, declared in source: work whose cost is not read here.</summary>
    private static bool CallsSource(IOperation operation) => operation switch
    {
        IInvocationOperation call => !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty,
        IObjectCreationOperation { Constructor: { IsImplicitlyDeclared: false } constructor } => !constructor.DeclaringSyntaxReferences.IsEmpty,
        _ => false,
    };

    /// <summary>The call as the advice shows it: <c>LoadAsync(id)</c>, or <c>Load()</c> for a method group.</summary>
    public static string CallText(IOperation passThrough) => passThrough switch
    {
        IMethodReferenceOperation reference => reference.Syntax + "()",
        _ => passThrough.Syntax.ToString(),
    };
}
