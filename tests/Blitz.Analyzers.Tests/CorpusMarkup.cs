using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.Analyzers.Tests;

/// <summary>One expected diagnostic of a corpus file: its id (null for <c>[|...|]</c>) and its span.</summary>
internal readonly record struct ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Reads the labels of a corpus or fixture file, written in the Roslyn testing library's markup
/// (<c>{|BLZ101:Thread.Sleep(10)|}</c>), with the library's own parser: the scoring tests count findings against them
/// instead of asserting one list, so they take the spans rather than a test run.
/// </summary>
internal static class CorpusMarkup
{
    /// <summary>The plain source and the labelled spans, in source order.</summary>
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var expected = spans
            .SelectMany(named => named.Value.Select(span => new ExpectedDiagnostic(named.Key.Length == 0 ? null : named.Key, span)))
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End)
            .ToList();
        return (source, expected);
    }
}
