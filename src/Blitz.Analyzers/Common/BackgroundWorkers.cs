using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// <c>System.ComponentModel.BackgroundWorker</c> as a ThreadPool starter: <c>RunWorkerAsync</c> raises the worker's
/// <c>DoWork</c> event on a ThreadPool thread, so every handler subscribed to it (<c>worker.DoWork += (s, e) =&gt; ...</c>,
/// <c>worker.DoWork += OnDoWork</c>, <c>new DoWorkEventHandler(OnDoWork)</c>) runs there, as a delegate handed to
/// <c>Task.Run</c> does. Read from the start, <c>RunWorkerAsync</c>: the handlers are the subscriptions to the same
/// worker (a local, field or property) in the method that starts it, or, for a field or property, anywhere in its type
/// (a designer file's <c>InitializeComponent</c>).
/// </summary>
internal static class BackgroundWorkers
{
    private const string DoWork = "DoWork";

    /// <summary><paramref name="member"/> is <c>BackgroundWorker.RunWorkerAsync</c> (either overload): a name check first, it runs per called member.</summary>
    public static bool IsRunWorkerAsync(ISymbol member) =>
        member is IMethodSymbol { Name: "RunWorkerAsync", ContainingType: { } type } && IsBackgroundWorker(type);

    /// <summary>
    /// A method with DoWork's signature, <c>(object sender, DoWorkEventArgs e)</c>, returning nothing: cheap checks first,
    /// it runs per method symbol.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsDoWorkHandler(IMethodSymbol method, INamedTypeSymbol? doWorkEventArgs) =>
        doWorkEventArgs is not null && method.MethodKind == MethodKind.Ordinary && method.ReturnsVoid && !method.IsAsync
        && method.Parameters.Length == 2 && SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, doWorkEventArgs);

    /// <summary>The DoWork handlers that <paramref name="run"/> (a <c>RunWorkerAsync</c> call) starts on the ThreadPool.</summary>
    public static IReadOnlyList<IDelegateCreationOperation> HandlersStartedBy(IInvocationOperation run, Compilation compilation, CancellationToken cancellationToken)
    {
        var worker = WorkerOf(run.Instance);
        if (worker is null)
        {
            return System.Array.Empty<IDelegateCreationOperation>();
        }

        var handlers = new List<IDelegateCreationOperation>();
        AddSubscriptions(Root(run), worker, handlers);
        if (handlers.Count == 0 && worker is IFieldSymbol or IPropertySymbol)
        {
            foreach (var reference in worker.ContainingType.DeclaringSyntaxReferences)
            {
                AddSubscriptionsInType(reference.GetSyntax(cancellationToken), worker, compilation, handlers, cancellationToken);
            }
        }

        return handlers;
    }

    /// <summary>How a handler reads in a message: the method's name, or "a lambda".</summary>
    public static string Describe(IDelegateCreationOperation handler) =>
        handler.Target is IMethodReferenceOperation reference ? "'" + reference.Method.Name + "'" : "a lambda";

    private static bool IsBackgroundWorker(INamedTypeSymbol type) =>
        type is { Name: "BackgroundWorker", ContainingNamespace: { Name: "ComponentModel", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The variable, field or property that holds the worker, or null (a worker made in place, or <c>this</c>).</summary>
    private static ISymbol? WorkerOf(IOperation? instance) => instance is null ? null : OperationHelpers.WithoutConversions(instance) switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    private static void AddSubscriptions(IOperation root, ISymbol worker, List<IDelegateCreationOperation> handlers)
    {
        foreach (var operation in root.Descendants())
        {
            if (AsSubscription(operation, worker) is { } handler)
            {
                handlers.Add(handler);
            }
        }
    }

    /// <summary>Subscriptions anywhere in the worker's type: found by syntax (<c>X.DoWork += ...</c>) first, then bound.</summary>
    private static void AddSubscriptionsInType(SyntaxNode type, ISymbol worker, Compilation compilation, List<IDelegateCreationOperation> handlers, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        foreach (var node in type.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: DoWork } } assignment)
            {
                model ??= compilation.GetSemanticModel(type.SyntaxTree);
                if (AsSubscription(model.GetOperation(assignment, cancellationToken), worker) is { } handler)
                {
                    handlers.Add(handler);
                }
            }
        }
    }

    private static IDelegateCreationOperation? AsSubscription(IOperation? operation, ISymbol worker) =>
        operation is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event: { Name: DoWork } doWork } reference, HandlerValue: var value }
        && IsBackgroundWorker(doWork.ContainingType)
        && SymbolEqualityComparer.Default.Equals(WorkerOf(reference.Instance), worker)
        && OperationHelpers.WithoutConversions(value) is IDelegateCreationOperation handler
            ? handler
            : null;
}
