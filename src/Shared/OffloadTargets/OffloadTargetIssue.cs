namespace Blitz.CodeAnalysis;

/// <summary>
/// Why a method marked <c>[Blocking]</c> or <c>[CpuBound]</c> gets no generated wrapper. Values 1 to 14 are the
/// usage rules BLZ001 to BLZ014; <see cref="ErroneousDeclaration"/> is never reported (the compiler
/// already reports an error there).
/// </summary>
internal enum OffloadTargetIssue
{
    /// <summary>A valid target: the generator emits a wrapper.</summary>
    None = 0,

    /// <summary>The containing type, or a type enclosing it, is not declared <c>partial</c> in every declaration.</summary>
    TypeNotPartial = 1,

    /// <summary>A parameter is <c>ref</c>, <c>out</c>, <c>in</c> or <c>ref readonly</c>: a work item cannot hold a reference.</summary>
    ByRefParameter = 2,

    /// <summary>A parameter, the return type or a type parameter (<c>allows ref struct</c>) is a ref struct: it cannot live on the heap or cross threads.</summary>
    RefStructSignature = 3,

    /// <summary>A parameter or the return type is or contains a pointer or function pointer.</summary>
    PointerSignature = 4,

    /// <summary>The method returns by reference (<c>ref</c> / <c>ref readonly</c>).</summary>
    RefReturn = 5,

    /// <summary>The method is <c>async</c> or returns <c>Task</c>/<c>ValueTask</c>: async I/O stays in the async method (bucket 1).</summary>
    AsyncMethod = 6,

    /// <summary>The method has both <c>[Blocking]</c> and <c>[CpuBound]</c>.</summary>
    BothAttributes = 7,

    /// <summary>The wrapper's name (or its work item's name) is already taken by a member of the type or an inherited member with the same signature, or by another wrapper.</summary>
    WrapperNameCollision = 8,

    /// <summary>An instance method of a struct: the wrapper would run on a copy of <c>this</c>.</summary>
    StructInstanceMethod = 9,

    /// <summary>A local function or a lambda: there is no member to put a wrapper beside.</summary>
    LocalFunctionOrLambda = 10,

    /// <summary>An <c>abstract</c> or <c>extern</c> method.</summary>
    AbstractOrExtern = 11,

    /// <summary>The method is not in a class, struct or record (an interface, a <c>file</c> type, an extension block).</summary>
    UnsupportedContainingType = 12,

    /// <summary>Not an ordinary method: an accessor, operator, explicit interface implementation, partial method or <c>__arglist</c> method.</summary>
    UnsupportedMethodKind = 13,

    /// <summary><c>MethodName</c> is not a valid C# identifier.</summary>
    InvalidWrapperName = 14,

    /// <summary>The signature does not bind (an unknown type): the compiler reports it; no usage rule should.</summary>
    ErroneousDeclaration = 15,
}
