using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// BLZ113: decides whether a delegate body is provably cheap and bounded (bucket 2): made only of literals, locals,
/// parameters, fields, auto-properties, built-in operators, string formatting of values that run no user code,
/// object creation of plain types, the members of <see cref="KnownCheapApis"/>, for loops of a few passes fixed at
/// compile time over such work, counted loops of plain arithmetic up to a million passes (<see cref="CountedLoops"/>),
/// queries of plain arithmetic over sequences of provably small size (<see cref="SmallInputs"/>), and calls to private sync helpers of the same type whose own body is such work (two
/// calls deep at most: <c>() => Print(n)</c> with <c>private static void Print(int n) => Console.WriteLine(n)</c>), and a lock around
/// such work. Anything else (another loop, an await, a throw, any other call) makes it "not provably cheap", so the rule stays silent. Built once per compilation.
/// </summary>
internal sealed class CheapWork
{
    private const int SmallLoop = 64;

    // A helper's helper is still read; deeper chains are not provably cheap (and the walk stays short).
    private const int HelperDepth = 2;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _helpers = new(SymbolEqualityComparer.Default);

    private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _members = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _formattable = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _threadDependent = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _stores = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _posts = new(SymbolEqualityComparer.Default);

    private CheapWork(Compilation compilation)
    {
        _compilation = compilation;
        foreach (var (typeName, member, _) in KnownCheapApis.Members)
        {
            Add(_members, compilation, typeName, member);
        }

        foreach (var (typeName, member, _) in KnownCheapApis.Stores)
        {
            Add(_members, compilation, typeName, member);
            Add(_stores, compilation, typeName, member);
        }

        foreach (var (typeName, member) in KnownCheapApis.Posts)
        {
            Add(_members, compilation, typeName, member);
            Add(_posts, compilation, typeName, member);
        }

        foreach (var (typeName, member) in KnownCheapApis.ThreadDependent)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                foreach (var symbol in type.GetMembers(member))
                {
                    _threadDependent.Add(symbol);
                }
            }
        }

        foreach (var typeName in KnownCheapApis.FormattableValueTypes)
        {
            if (compilation.GetTypeByMetadataName(typeName) is { } type)
            {
                _formattable.Add(type);
            }
        }
    }

    private static void Add(Dictionary<INamedTypeSymbol, HashSet<string>> table, Compilation compilation, string typeName, string member)
    {
        if (compilation.GetTypeByMetadataName(typeName) is { } type)
        {
            if (!table.TryGetValue(type, out var names))
            {
                table[type] = names = new HashSet<string>(System.StringComparer.Ordinal);
            }

            names.Add(member);
        }
    }

    /// <summary>The catalog of <paramref name="compilation"/>.</summary>
    public static CheapWork For(Compilation compilation) => new(compilation);

    /// <summary>
    /// True when running <paramref name="body"/> is provably cheap and bounded, and it does something;
    /// <paramref name="readsThread"/> says whether it reads which thread it runs on.
    /// </summary>
    public bool IsCheap(IBlockOperation body, CancellationToken cancellationToken, out bool readsThread) =>
        IsCheap(body, allowAwaits: false, symbols: null, depth: 0, cancellationToken, out readsThread, out _);

    /// <summary>
    /// True when an async delegate's <paramref name="body"/> awaits, and everything it does besides starting the
    /// awaited calls is provably cheap and bounded: then no part of it needs a pool thread of its own (BLZ108).
    /// </summary>
    /// Between its awaits it may also loop when every pass starts with an await (an async polling loop holds no thread
    /// between passes), read a key already typed (a wait that returns at once, by <paramref name="symbols"/>), throw
    /// a framework exception, and copy an awaited result into a list or an array.
    public bool IsCheapAroundAwaits(IBlockOperation body, BlitzSymbols symbols, CancellationToken cancellationToken) =>
        IsCheap(body, allowAwaits: true, symbols, depth: 0, cancellationToken, out _, out var awaits) && awaits;

    private bool IsCheap(IOperation body, bool allowAwaits, BlitzSymbols? symbols, int depth, CancellationToken cancellationToken, out bool readsThread, out bool awaits)
    {
        readsThread = false;
        awaits = false;
        var doesSomething = false;
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            if (operation is IPropertyReferenceOperation { Property: var property } && _threadDependent.Contains(property))
            {
                readsThread = true;
                continue;
            }

            if (allowAwaits && operation is IAwaitOperation awaited)
            {
                // The awaited call starts async work and returns; only its receiver and arguments run here.
                awaits = true;
                var started = OperationHelpers.AwaitedTask(awaited.Operation);
                if (started is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke })
                {
                    return false; // a delegate given from outside (await taskFactory()): its synchronous start is unknown
                }

                if (started is not IInvocationOperation call)
                {
                    stack.Push(started);
                    continue;
                }

                foreach (var child in call.ChildOperations)
                {
                    stack.Push(child);
                }

                continue;
            }

            if (!IsCheapNode(operation, depth, cancellationToken) && !(allowAwaits && IsCheapBetweenAwaits(operation, symbols)))
            {
                return false;
            }

            // An empty helper (a stub for work not written yet) does nothing provable either.
            doesSomething |= operation is not (IBlockOperation or IMethodBodyOperation or IReturnOperation { IsImplicit: true, ReturnedValue: null });
            // A nested lambda is only created here (e.g. a LINQ key selector); its body runs later, elsewhere. A counted
            // loop of plain arithmetic was read whole by IsCheapNode.
            // A nameof is a constant: its argument (a type or member name) is not code that runs.
            if (operation is IAnonymousFunctionOperation or INameOfOperation || IsCheapArithmeticLoop(operation))
            {
                continue;
            }

            if (operation is IInvocationOperation { TargetMethod: var mapping } mapped && MapsOneObject(mapping))
            {
                // The mapped object is handed over as object, not formatted: only what computes it runs here.
                foreach (var argument in mapped.Arguments)
                {
                    stack.Push(OperationHelpers.WithoutConversions(argument.Value));
                }

                if (mapped.Instance is { } mapper)
                {
                    stack.Push(mapper);
                }

                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return doesSomething;
    }

    private bool IsCheapNode(IOperation operation, int depth, CancellationToken cancellationToken) => operation switch
    {
        IBlockOperation or IMethodBodyOperation or IArrayInitializerOperation or IReturnOperation { Kind: OperationKind.Return } or IExpressionStatementOperation or IEmptyOperation
            or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
            or ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
            or IFieldReferenceOperation or IDefaultValueOperation or ITypeOfOperation or ISizeOfOperation or INameOfOperation
            or IDiscardOperation or IArrayElementReferenceOperation or ITupleOperation or IAnonymousObjectCreationOperation
            or IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation
            or IIsTypeOperation or IIsPatternOperation or ISwitchExpressionOperation or ISwitchExpressionArmOperation
            or IConstantPatternOperation or ITypePatternOperation or IDeclarationPatternOperation or IRelationalPatternOperation
            or INegatedPatternOperation or IBinaryPatternOperation or IDiscardPatternOperation
            or IInterpolatedStringTextOperation or IObjectOrCollectionInitializerOperation or IMemberInitializerOperation
            or ISimpleAssignmentOperation or IDelegateCreationOperation or IMethodReferenceOperation or IAnonymousFunctionOperation => true,
        // A lock whose body is cheap waits only for other holders running such bodies; its lock expression and body are
        // checked like any other children, so a lock around anything not provably cheap stays not cheap.
        ILockOperation => true,
        IArgumentOperation argument => !argument.InConversion.IsUserDefined && !argument.OutConversion.IsUserDefined,
        IBinaryOperation binary => binary.OperatorMethod is null,
        IUnaryOperation unary => unary.OperatorMethod is null,
        ICompoundAssignmentOperation compound => compound.OperatorMethod is null && !compound.InConversion.IsUserDefined && !compound.OutConversion.IsUserDefined,
        IIncrementOrDecrementOperation increment => increment.OperatorMethod is null,
        // A conversion to object is where string concatenation and formatting call ToString() of the value.
        IConversionOperation conversion => !conversion.Conversion.IsUserDefined
            && (conversion.Type?.SpecialType != SpecialType.System_Object || IsFormattable(conversion.Operand.Type)),
        IInterpolationOperation interpolation => IsFormattable(interpolation.Expression.Type),
        IInterpolatedStringOperation interpolated => interpolated.Type?.SpecialType == SpecialType.System_String,
        IArrayCreationOperation array => array.DimensionSizes.All(size => size.ConstantValue.HasValue),
        ICollectionExpressionOperation collection => collection.ConstructMethod is null && collection.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" },
        IPropertyReferenceOperation property => IsKnown(property.Property) || IsAutoProperty(property.Property, cancellationToken),
        IInvocationOperation invocation => IsCheapCall(invocation.TargetMethod) || IsCheapHelper(invocation.TargetMethod, depth, cancellationToken)
            || IsSmallQuery(invocation, cancellationToken),
        // A for loop of a few passes fixed at compile time (for (var i = 0; i < 10; i++)): its body is checked like any other.
        IForLoopOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual, RightOperand.ConstantValue: { HasValue: true, Value: int passes } } }
            => passes <= SmallLoop || IsCheapArithmeticLoop(operation),
        IObjectCreationOperation creation => creation.Constructor is { } constructor && IsCheapConstruction(constructor, cancellationToken),
        _ => false,
    };

    /// <summary>
    /// <c>Enumerable.Range(0, count).Select(n => n / 10f).ToArray()</c>, <c>values.Select(v => v * v).Sum()</c>: an
    /// operator that enumerates, over a chain of element-wise operators, of a sequence whose size is provably small
    /// (<see cref="SmallInputs"/>), where every lambda along the chain is one expression of plain arithmetic
    /// (<see cref="CountedLoops.IsArithmetic"/>). A thousand delegate calls of arithmetic take microseconds.
    /// </summary>
    private bool IsSmallQuery(IInvocationOperation call, CancellationToken cancellationToken)
    {
        if (!IsLinq(call.TargetMethod) || !EnumeratingOperators.Contains(call.TargetMethod.Name))
        {
            return false;
        }

        IOperation source = call;
        while (OperationHelpers.WithoutConversions(source) is IInvocationOperation step && IsLinq(step.TargetMethod)
            && (step == call || ElementWiseOperators.Contains(step.TargetMethod.Name)))
        {
            if (step.Arguments.Length == 0 || !step.Arguments.Skip(1).All(a => IsArithmeticLambda(a.Value) || IsPlainElementLambda(a.Value, cancellationToken)))
            {
                return false;
            }

            source = step.Arguments[0].Value;
        }

        return SmallInputs.IsSmallSequence(source, _compilation, cancellationToken);
    }

    private static bool IsLinq(IMethodSymbol method) =>
        method.IsExtensionMethod && method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } };

    private static bool IsArithmeticLambda(IOperation argument) =>
        OperationHelpers.WithoutConversions(argument) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: false, Body.Operations: { Length: 1 } statements } }
        && statements[0] is IReturnOperation { ReturnedValue: { } value }
        && CountedLoops.IsArithmetic(value);

    /// <summary>
    /// <c>i =&gt; new Catalogue { Id = i * 2 }</c>: one expression that makes a plain object (<see cref="IsCheapConstruction"/>)
    /// from arithmetic, in its arguments and its member initializers: a small allocation per element.
    /// </summary>
    private bool IsPlainElementLambda(IOperation argument, CancellationToken cancellationToken) =>
        OperationHelpers.WithoutConversions(argument) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: false, Body.Operations: { Length: 1 } statements } }
        && statements[0] is IReturnOperation { ReturnedValue: { } value }
        && OperationHelpers.WithoutConversions(value) is IObjectCreationOperation { Constructor: { } constructor } creation
        && IsCheapConstruction(constructor, cancellationToken)
        && creation.Arguments.All(a => CountedLoops.IsArithmetic(a.Value))
        && (creation.Initializer is null || creation.Initializer.Initializers.All(i =>
            i is ISimpleAssignmentOperation { Value: var assigned } store && CountedLoops.IsArithmetic(assigned)
            && store.Target switch
            {
                IFieldReferenceOperation => true,
                IPropertyReferenceOperation { Property: var property } => IsAutoProperty(property, cancellationToken),
                _ => false,
            }));

    // Operators that run the query here, over their source once (Contains and the like compare plain values).
    private static readonly HashSet<string> EnumeratingOperators = new(System.StringComparer.Ordinal)
    {
        "ToArray", "ToList", "Sum", "Count", "Min", "Max", "Average", "Any", "All", "First", "FirstOrDefault", "Last", "LastOrDefault", "Contains",
    };

    // Deferred operators that yield at most one element per element of their source.
    private static readonly HashSet<string> ElementWiseOperators = new(System.StringComparer.Ordinal)
    {
        "Select", "Where", "Take", "Skip", "Distinct", "Reverse", "Cast", "OfType", "OrderBy", "OrderByDescending",
    };

    /// <summary>A counted loop of plain arithmetic short enough to be cheap (<see cref="CountedLoops.CheapPasses"/>).</summary>
    private static bool IsCheapArithmeticLoop(IOperation operation) =>
        operation is IForLoopOperation loop && CountedLoops.ArithmeticPasses(loop) <= CountedLoops.CheapPasses;

    /// <summary>
    /// What an async delegate may do besides cheap work without needing a thread of its own: loop when every pass
    /// starts with an await, throw (a framework exception: its construction runs no user code), and call a wait that
    /// returns at once (a key read behind <c>Console.KeyAvailable</c>, a zero timeout).
    /// </summary>
    private static bool IsCheapBetweenAwaits(IOperation operation, BlitzSymbols? symbols) => operation switch
    {
        IWhileLoopOperation { Body: IBlockOperation { Operations: { Length: > 0 } statements } } => StartsWithAwait(statements[0]),
        IThrowOperation => true,
        IObjectCreationOperation { Type: { } type } => type.DeclaringSyntaxReferences.IsEmpty && IsException(type),
        IInvocationOperation call => IsCopyOfAwaitedResult(call) || (symbols is not null && symbols.TryGetBlockingWait(call.TargetMethod, out _)
            && BlockingCalls.IsNonBlockingWait(call.TargetMethod, call.Instance, call.Arguments, call, symbols)),
        _ => false,
    };

    /// <summary>
    /// <c>(await service.GetPeopleAsync()).ToList()</c>: a copy of what the awaited I/O already delivered, proportional
    /// to it, like the I/O's own buffering.
    /// </summary>
    private static bool IsCopyOfAwaitedResult(IInvocationOperation call) =>
        call.TargetMethod is { Name: "ToList" or "ToArray", IsExtensionMethod: true, ContainingType.Name: "Enumerable" }
        && call.Arguments.Length == 1
        && OperationHelpers.WithoutConversions(call.Arguments[0].Value) is IAwaitOperation;

    private static bool StartsWithAwait(IOperation statement) =>
        statement is IExpressionStatementOperation { Operation: IAwaitOperation }
        || (statement is IVariableDeclarationGroupOperation group
            && group.Declarations.SelectMany(d => d.Declarators).FirstOrDefault()?.Initializer?.Value is IAwaitOperation);

    private static bool IsException(ITypeSymbol type) => BlitzSymbols.DerivesFromSystemType(type, "Exception");

    private bool IsCheapCall(IMethodSymbol method)
    {
        if (MapsOneObject(method))
        {
            return true;
        }

        method = method.ReducedFrom ?? method;
        if (method.Name == "ToString")
        {
            // Formatting a primitive, enum or known value type; a format provider could run user code.
            return IsFormattable(method.ContainingType) && method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_String);
        }

        if (!IsKnown(method))
        {
            return false;
        }

        // A collection's element or key is stored or hashed, not formatted; a posted delegate runs later, on its thread.
        if (IsIn(_stores, method))
        {
            return true;
        }

        if (IsIn(_posts, method))
        {
            return method.Parameters.All(p => p.Type.TypeKind == TypeKind.Delegate || p.Type.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate || IsPlainArgument(p.Type));
        }

        // A deferred LINQ operator only stores its arguments. Any other listed member takes plain values: an overload
        // over an IEnumerable (string.Join/Concat) would enumerate and run a lazy sequence, a format provider user code.
        // An extension's receiver (a logger) is not formatted; its other parameters are checked like any method's.
        return method.ContainingType.Name is "Enumerable" or "Queryable" || method.Parameters.Skip(method.IsExtensionMethod ? 1 : 0).All(p => IsPlainArgument(p.Type));
    }

    /// <summary>
    /// An object mapper mapping one object (<c>mapper.Map&lt;MemberDto&gt;(member)</c>, <c>member.Adapt&lt;MemberDto&gt;()</c>):
    /// AutoMapper and Mapster compile a plan per pair of types once and then copy members, so one object is a few
    /// property copies. Not when the destination is a sequence (<c>Map&lt;List&lt;MemberDto&gt;&gt;(rows)</c>): that maps every row.
    /// </summary>
    private static bool MapsOneObject(IMethodSymbol method) =>
        method is { Name: "Map" or "Adapt", TypeArguments.Length: >= 1 }
        && method.ContainingType is { Name: "IMapper" or "IMapperBase" or "Mapper" or "TypeAdapter" } mapper
        && mapper.ContainingNamespace?.ToDisplayString() is "AutoMapper" or "Mapster" or "MapsterMapper"
        && method.TypeArguments[method.TypeArguments.Length - 1] is var destination
        && destination.SpecialType != SpecialType.System_Object && destination.TypeKind is TypeKind.Class or TypeKind.Struct
        && (destination.SpecialType == SpecialType.System_String || !destination.AllInterfaces.Any(i => i.Name == "IEnumerable"));

    /// <summary>
    /// A private sync method (callable only from inside its own type: the caller's own implementation detail, which no
    /// override can replace), whose body is cheap work (reading no thread identity). A public method, or one of another type, is an
    /// API whose implementation the call site does not own (a stand-in for a library's, often) and is not read. The depth bounds the walk (and recursion); an answer is kept only where it was reached from the top,
    /// so that it never depends on the order in which methods were met.
    /// </summary>
    private bool IsCheapHelper(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (depth >= HelperDepth || method.DeclaredAccessibility != Accessibility.Private
            || method.IsAsync || method.IsExtern || method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        if (depth == 0 && _helpers.TryGetValue(method, out var known))
        {
            return known;
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var body = declaration is MethodDeclarationSyntax { } source && (source.Body is not null || source.ExpressionBody is not null)
            ? SourceModels.Of(_compilation, declaration.SyntaxTree).GetOperation(declaration, cancellationToken)
            : null;
        var cheap = body is not null && IsCheap(body, allowAwaits: false, symbols: null, depth + 1, cancellationToken, out var readsThread, out _) && !readsThread;
        if (depth == 0)
        {
            _helpers[method] = cheap;
        }

        return cheap;
    }

    private static bool IsIn(Dictionary<INamedTypeSymbol, HashSet<string>> table, ISymbol member) =>
        member.ContainingType is { } type && table.TryGetValue(type.OriginalDefinition, out var names) && names.Contains(member.Name);

    private bool IsKnown(ISymbol member) =>
        member.ContainingType is { } type
        && _members.TryGetValue(type.OriginalDefinition, out var names)
        && (names.Contains(member.Name) || (names.Contains("*") && member.IsStatic));

    /// <summary>A parameter of formattable values (or object: the argument's conversion is checked where it is made).</summary>
    private bool IsPlainArgument(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsPlainArgument(array.ElementType),
        INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span => IsPlainArgument(span.TypeArguments[0]),
        _ => type.SpecialType == SpecialType.System_Object || IsFormattable(type),
    };

    /// <summary>Types whose formatting runs no user code: primitives, string, enums and a few framework values.</summary>
    private bool IsFormattable(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is not null
            && (type.TypeKind == TypeKind.Enum
                || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String
                || type.SpecialType is SpecialType.System_DateTime or SpecialType.System_IntPtr or SpecialType.System_UIntPtr
                || (type is INamedTypeSymbol named && _formattable.Contains(named)));
    }

    /// <summary>
    /// A property declared in source whose accessors have no bodies (or a record's positional property), which no
    /// derived type can override: reading or writing it is a field access.
    /// </summary>
    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        if (property.IsAbstract || property.IsExtern || property.IsIndexer
            || ((property.IsVirtual || property.IsOverride) && !property.IsSealed && !property.ContainingType.IsSealed)
            || property.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        return property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors } => accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null),
            ParameterSyntax => true,
            _ => false,
        };
    }

    /// <summary>
    /// A constructor whose body only stores its arguments or literals in the object's own members
    /// (<c>this.host = host;</c>, <c>Port = port;</c>, <c>Name = name ?? throw new ArgumentNullException(nameof(name))</c>).
    /// </summary>
    private bool OnlyStoresArguments(ConstructorDeclarationSyntax constructor, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var statements = constructor.ExpressionBody is { Expression: var single }
            ? new[] { single }
            : constructor.Body!.Statements.Select(statement => (statement as ExpressionStatementSyntax)?.Expression).ToArray();
        var parameters = new HashSet<string>(constructor.ParameterList.Parameters.Select(p => p.Identifier.ValueText), System.StringComparer.Ordinal);
        return statements.All(expression => expression is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store
            && store.Left switch
            {
                IdentifierNameSyntax member => IsPlainMember(type, member.Identifier.ValueText, cancellationToken),
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => IsPlainMember(type, member.Identifier.ValueText, cancellationToken),
                _ => false,
            }
            && IsArgumentOrLiteral(store.Right, parameters));
    }

    /// <summary>A field or auto-property of <paramref name="type"/>: storing into it runs no setter code.</summary>
    private bool IsPlainMember(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
    {
        var members = type.GetMembers(name);
        return members.Length == 1 && members[0] switch
        {
            IFieldSymbol { IsStatic: false } => true,
            IPropertySymbol { IsStatic: false } property => IsAutoProperty(property, cancellationToken),
            _ => false,
        };
    }

    private static bool IsArgumentOrLiteral(ExpressionSyntax value, HashSet<string> parameters) => value switch
    {
        LiteralExpressionSyntax => true,
        IdentifierNameSyntax name => parameters.Contains(name.Identifier.ValueText),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } guarded => IsArgumentOrLiteral(guarded.Left, parameters),
        _ => false,
    };

    /// <summary>
    /// The zeroing constructor of a struct, a listed framework constructor, or a source constructor with no body of its
    /// own, or one that only stores its arguments (<see cref="OnlyStoresArguments"/>), over a type whose fields start as
    /// literals (field initializers run in every constructor).
    /// </summary>
    private bool IsCheapConstruction(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var type = constructor.ContainingType;
        if (type.IsValueType && constructor.IsImplicitlyDeclared && constructor.Parameters.Length == 0)
        {
            return true;
        }

        if (IsKnown(constructor))
        {
            return true;
        }

        if (type.BaseType is { } baseType && baseType.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType))
        {
            return false;
        }

        if (!constructor.IsImplicitlyDeclared)
        {
            if (constructor.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var hasBody = declaration is ConstructorDeclarationSyntax c
                ? c.Initializer is not null || c.Body is null && c.ExpressionBody is null || !OnlyStoresArguments(c, constructor.ContainingType, cancellationToken)
                : declaration is not TypeDeclarationSyntax; // a primary constructor only assigns its parameters
            if (hasBody)
            {
                return false;
            }
        }
        else if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false; // a metadata type's constructor may do anything
        }

        return type.GetMembers().All(member => member.IsStatic || member is not IFieldSymbol field || StartsAsLiteral(field, cancellationToken));
    }

    private static bool StartsAsLiteral(IFieldSymbol field, CancellationToken cancellationToken)
    {
        ISymbol declared = field.AssociatedSymbol ?? field;
        foreach (var reference in declared.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax variable => variable.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };
            if (initializer is not null && initializer.Value is not LiteralExpressionSyntax && !initializer.Value.IsKind(SyntaxKind.DefaultExpression))
            {
                return false;
            }
        }

        return true;
    }
}
