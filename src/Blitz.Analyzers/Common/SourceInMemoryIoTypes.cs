using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// Streams, readers and writers declared in the compilation's source that keep their data in memory (a library's own
/// chunked buffer stream, a capturing TextWriter): BLZ102 treats them like <c>MemoryStream</c>. Decided from the
/// declaration, once per type: every base up to <c>Stream</c>/<c>TextReader</c>/<c>TextWriter</c> is such a type
/// too, no field or property holds a stream, reader, writer, socket or OS handle that is not itself in memory, no
/// member is a P/Invoke, and no member body does sync I/O, a blocking wait or a sleep on anything but the instance
/// itself. Anything else (a wrapper over a <c>FileStream</c>, <c>BufferedStream</c> over a <c>MemoryStream</c>) may
/// block.
/// </summary>
internal sealed class SourceInMemoryIoTypes
{
    // The types this thread is deciding: a member that uses the instance itself (this.Write inside Flush) or a field of
    // the same type (a linked chunk) must not start the same decision again. Optimistic: the outer decision looks at
    // every member anyway.
    [ThreadStatic]
    private static HashSet<INamedTypeSymbol>? t_deciding;

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _inMemory = new(SymbolEqualityComparer.Default);
    private readonly Compilation _compilation;
    private readonly BlitzSymbols _symbols;
    private readonly INamedTypeSymbol?[] _resources;

    public SourceInMemoryIoTypes(Compilation compilation, BlitzSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
        _resources = new[]
        {
            compilation.GetTypeByMetadataName("System.Runtime.InteropServices.SafeHandle"),
            compilation.GetTypeByMetadataName("System.Net.Sockets.Socket"),
        };
    }

    /// <summary>Whether <paramref name="type"/> is a stream, reader or writer declared in this compilation that never blocks.</summary>
    public bool IsInMemory(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || named.DeclaringSyntaxReferences.IsEmpty || named.TypeKind != TypeKind.Class
            || !_symbols.IsIoType(named) || !_compilation.ContainsSyntaxTree(named.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            return false;
        }

        named = named.OriginalDefinition;
        if (_inMemory.TryGetValue(named, out var known))
        {
            return known;
        }

        var deciding = t_deciding ??= new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        if (!deciding.Add(named))
        {
            return true;
        }

        try
        {
            var decided = Decide(named);
            _inMemory.TryAdd(named, decided);
            return decided;
        }
        finally
        {
            deciding.Remove(named);
        }
    }

    private bool Decide(INamedTypeSymbol type)
    {
        var baseType = type.BaseType;
        if (baseType is null || !(IsIoBase(baseType) || _symbols.IsNonBlockingIoType(baseType)))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            var held = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (held is not null && HoldsBlockingResource(held))
            {
                return false;
            }

            if (member is IMethodSymbol method && (method.IsExtern || DoesBlockingWork(method)))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsIoBase(INamedTypeSymbol type) =>
        BlitzSymbols.Is(type, _symbols.Stream) || BlitzSymbols.Is(type, _symbols.TextReader) || BlitzSymbols.Is(type, _symbols.TextWriter);

    private bool HoldsBlockingResource(ITypeSymbol type)
    {
        var element = type is IArrayTypeSymbol array ? array.ElementType : type;
        return (_symbols.IsIoType(element) && !_symbols.IsNonBlockingIoType(element))
            || _resources.Any(r => r is not null && BlitzSymbols.InheritsFrom(element, r));
    }

    private bool DoesBlockingWork(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var body = SourceModels.Of(_compilation, reference.SyntaxTree).GetOperation(reference.GetSyntax());
            if (body is null)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                // Calls on the instance itself (this.Write, base.Flush) end in the members looked at here.
                if (operation is IInvocationOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation })
                {
                    continue;
                }

                if (operation is IInvocationOperation { TargetMethod.IsExtern: true }
                    || (operation is IInvocationOperation or IPropertyReferenceOperation
                        && BlockingCalls.Classify(operation, _symbols, default) is { Kind: BlockingKind.SyncIo or BlockingKind.Wait or BlockingKind.Sleep }))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
