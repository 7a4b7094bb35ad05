using System.Collections.Immutable;

namespace Blitz.Analyzers.Common;

/// <summary>The keys of the data analyzers pass to code fixes through <c>Diagnostic.Properties</c>.</summary>
public static class DiagnosticProperties
{
    /// <summary>The name of a CancellationToken in scope, to pass to the async replacement.</summary>
    public const string CancellationToken = "CancellationToken";

    /// <summary>The name of the async method to call instead (a counterpart or a generated wrapper).</summary>
    public const string Replacement = "Replacement";

    /// <summary>How the fix rewrites the code (rule-specific).</summary>
    public const string FixKind = "FixKind";

    internal static ImmutableDictionary<string, string?> WithToken(string? token) =>
        token is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(CancellationToken, token);
}
