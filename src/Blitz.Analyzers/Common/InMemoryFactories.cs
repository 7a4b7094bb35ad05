using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Values known to be in-memory streams: an in-memory type (<see cref="BlitzSymbols.IsNonBlockingIoType"/>), a writer
/// over a buffer, a conditional whose both branches are, or a call to a source factory (a sync, non-iterator method
/// declared in this compilation) whose every return is a new in-memory stream:
/// <c>Stream CreateStream(int length) =&gt; length &gt; 4096 ? new ChunkedStream() : new MemoryStream(length)</c>.
/// A virtual factory is judged by its own body: an override that opens a file is a subclass's choice, as is a
/// caller passing a file stream. Factories are decided once per compilation.
/// </summary>
internal sealed class InMemoryFactories
{
    private static readonly ConditionalWeakTable<Compilation, InMemoryFactories> PerCompilation = new();

    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsInMemory = new(SymbolEqualityComparer.Default);
    private readonly Compilation _compilation;

    private InMemoryFactories(Compilation compilation) => _compilation = compilation;

    /// <summary>Whether <paramref name="value"/> is an in-memory stream, reader or writer.</summary>
    public static bool IsInMemory(IOperation value, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        IsInMemory(value, symbols, cancellationToken, followCalls: true);

    private static bool IsInMemory(IOperation value, BlitzSymbols symbols, CancellationToken cancellationToken, bool followCalls)
    {
        value = OperationHelpers.WithoutConversions(value);
        if (symbols.IsNonBlockingIoType(value.Type) || symbols.IsCreatedOverABuffer(value))
        {
            return true;
        }

        return value switch
        {
            IConditionalOperation { WhenFalse: { } whenFalse } conditional =>
                IsInMemory(conditional.WhenTrue, symbols, cancellationToken, followCalls) && IsInMemory(whenFalse, symbols, cancellationToken, followCalls),
            IInvocationOperation call when followCalls && value.SemanticModel is { } model =>
                PerCompilation.GetValue(model.Compilation, c => new InMemoryFactories(c)).ReturnsInMemory(call.TargetMethod, symbols, cancellationToken),
            _ => false,
        };
    }

    private bool ReturnsInMemory(IMethodSymbol method, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.IsAsync || method.IsAbstract || method.IsExtern || method.MethodKind != MethodKind.Ordinary
            || !symbols.IsIoType(method.ReturnType) || !BlockingSummaries.IsDeclaredInSource(method, _compilation))
        {
            return false;
        }

        if (_returnsInMemory.TryGetValue(method, out var known))
        {
            return known;
        }

        var decided = Decide(method, symbols, cancellationToken);
        _returnsInMemory.TryAdd(method, decided);
        return decided;
    }

    private bool Decide(IMethodSymbol method, BlitzSymbols symbols, CancellationToken cancellationToken)
    {
        var returns = 0;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree)
                || SourceModels.Of(_compilation, reference.SyntaxTree).GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (var operation in OperationHelpers.DescendantsInSameFunction(body))
            {
                switch (operation)
                {
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        return false;
                    case IReturnOperation { ReturnedValue: { } returned }:
                        // One level: a factory's returns are read as values, never followed into further calls.
                        if (!IsInMemory(returned, symbols, cancellationToken, followCalls: false))
                        {
                            return false;
                        }

                        returns++;
                        break;
                }
            }
        }

        return returns > 0;
    }
}
