using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Usage;

/// <summary>Why an offload target gets no generated wrapper.</summary>
internal enum OffloadTargetViolationKind
{
    TypeNotPartial,
    ByRefParameter,
    RefStructSignature,
    PointerSignature,
    RefReturn,
    AsyncTarget,
    BothAttributes,
    WrapperNameCollision,
    StructInstanceMethod,
    LocalFunctionOrLambda,
    AbstractOrExtern,
}

/// <summary>One reason, with the symbol it is about (the non-partial type, the offending parameter), if any.</summary>
internal readonly struct OffloadTargetViolation
{
    public OffloadTargetViolation(OffloadTargetViolationKind kind, ISymbol? subject)
    {
        Kind = kind;
        Subject = subject;
    }

    public OffloadTargetViolationKind Kind { get; }
    public ISymbol? Subject { get; }
}
