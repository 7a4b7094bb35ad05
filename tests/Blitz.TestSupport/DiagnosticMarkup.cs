using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.TestSupport;

/// <summary>One expected diagnostic from markup: its id (null = the test's default id) and its span.</summary>
public readonly record struct ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Parses diagnostic markup: <c>{|BLZ101:Thread.Sleep(10)|}</c> expects diagnostic BLZ101 on the enclosed text and
/// <c>[|...|]</c> expects the test's default id. Spans may nest.
/// </summary>
public static class DiagnosticMarkup
{
    /// <summary>Removes the markup and returns the plain source and the expected diagnostics, in source order.</summary>
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start)>();
        var expected = new List<ExpectedDiagnostic>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && TryReadId(markup, i + 2, out var id, out var next))
            {
                open.Push((id, source.Length));
                i = next;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Markup closes a span that was never opened at offset {i}.");
                }

                var (spanId, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(spanId, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count != 0)
        {
            throw new FormatException("Markup opens a span that is never closed.");
        }

        expected.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return (source.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) =>
        index + token.Length <= text.Length && string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool TryReadId(string text, int index, out string id, out int next)
    {
        var colon = text.IndexOf(':', index);
        id = string.Empty;
        next = index;
        if (colon <= index || colon - index > 16)
        {
            return false;
        }

        var candidate = text.Substring(index, colon - index);
        if (!candidate.All(char.IsLetterOrDigit))
        {
            return false;
        }

        id = candidate;
        next = colon + 1;
        return true;
    }
}
