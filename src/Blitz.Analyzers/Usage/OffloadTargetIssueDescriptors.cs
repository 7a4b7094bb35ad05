using System;
using System.Collections.Immutable;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Usage;

/// <summary>
/// The usage rule each <see cref="OffloadTargetIssue"/> is reported as: the one mapping from the shared rules'
/// verdicts to diagnostics. Every value is named, including the two that are not reported; a test walks the enum so
/// that a new issue cannot go unreported by omission.
/// </summary>
internal static class OffloadTargetIssueDescriptors
{
    /// <summary>Every descriptor an issue maps to, in the order of the issues (BLZ001 to BLZ014).</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = Collect();

    /// <summary>
    /// The descriptor <paramref name="issue"/> is reported with, or <see langword="null"/> when it is not reported:
    /// <see cref="OffloadTargetIssue.None"/> (a wrapper is generated) and <see cref="OffloadTargetIssue.ErroneousDeclaration"/>
    /// (the compiler already reports the declaration's error).
    /// </summary>
    public static DiagnosticDescriptor? For(OffloadTargetIssue issue) => issue switch
    {
        OffloadTargetIssue.None => null,
        OffloadTargetIssue.TypeNotPartial => Descriptors.TypeNotPartial,
        OffloadTargetIssue.ByRefParameter => Descriptors.ByRefParameter,
        OffloadTargetIssue.RefStructSignature => Descriptors.RefStructSignature,
        OffloadTargetIssue.PointerSignature => Descriptors.PointerSignature,
        OffloadTargetIssue.RefReturn => Descriptors.RefReturn,
        OffloadTargetIssue.AsyncMethod => Descriptors.AsyncTarget,
        OffloadTargetIssue.BothAttributes => Descriptors.BothAttributes,
        OffloadTargetIssue.WrapperNameCollision => Descriptors.WrapperNameCollision,
        OffloadTargetIssue.StructInstanceMethod => Descriptors.StructInstanceMethod,
        OffloadTargetIssue.LocalFunctionOrLambda => Descriptors.LocalFunctionOrLambda,
        OffloadTargetIssue.AbstractOrExtern => Descriptors.AbstractOrExtern,
        OffloadTargetIssue.UnsupportedContainingType => Descriptors.UnsupportedContainingType,
        OffloadTargetIssue.UnsupportedMethodKind => Descriptors.UnsupportedMethodKind,
        OffloadTargetIssue.InvalidWrapperName => Descriptors.InvalidWrapperName,
        OffloadTargetIssue.ErroneousDeclaration => null,
        _ => null, // not a declared value; the test over Enum.GetValues keeps every declared one above
    };

    private static ImmutableArray<DiagnosticDescriptor> Collect()
    {
        ImmutableArray<DiagnosticDescriptor>.Builder descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        foreach (OffloadTargetIssue issue in Enum.GetValues(typeof(OffloadTargetIssue)))
        {
            if (For(issue) is { } descriptor)
            {
                descriptors.Add(descriptor);
            }
        }

        return descriptors.ToImmutable();
    }
}
