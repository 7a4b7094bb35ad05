using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Blitz.Analyzers.Tests.Unseen;

/// <summary>
/// One method of the unseen corpus with the reviewer's verdict: <c>ok</c>, or the bucket (B1..B5) whose rule should
/// fire. Its span runs from the <c>// expect:</c> comment to the end of the body, so a diagnostic on a line between
/// the label and the declaration still counts for the method.
/// </summary>
internal sealed record LabelledMethod(string File, string Name, string Label, string Reason, string? Source, TextSpan Span)
{
    private const string ExpectPrefix = "// expect:";
    // The idea's origin: the public method whose pattern this one was rewritten from.
    private const string SourcePrefix = "// pattern from:";

    /// <summary>The labels a method may carry.</summary>
    public static IReadOnlySet<string> Labels { get; } = new HashSet<string>(StringComparer.Ordinal) { "ok", "B1", "B2", "B3", "B4", "B5" };

    /// <summary>True for a method a rule should flag.</summary>
    public bool IsMisplaced => Label != "ok";

    /// <summary>
    /// The labelled members (methods, constructors, local functions are not labelled) of a parsed file, and the
    /// problems found while reading them: a malformed label, a missing source line, an async method without a label.
    /// </summary>
    public static (IReadOnlyList<LabelledMethod> Methods, IReadOnlyList<string> Problems) Read(string file, SyntaxTree tree)
    {
        var methods = new List<LabelledMethod>();
        var problems = new List<string>();
        foreach (var member in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
        {
            var name = member switch
            {
                MethodDeclarationSyntax m => m.Identifier.ValueText,
                ConstructorDeclarationSyntax c => c.Identifier.ValueText + ".ctor",
                _ => member.Kind().ToString(),
            };
            var comments = member.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).ToList();
            var expect = comments.LastOrDefault(t => t.ToString().StartsWith(ExpectPrefix, StringComparison.Ordinal));
            if (expect == default)
            {
                if (member.Modifiers.Any(SyntaxKind.AsyncKeyword))
                {
                    problems.Add($"{file}: async method {name} has no '{ExpectPrefix}' label");
                }

                continue;
            }

            var verdict = expect.ToString()[ExpectPrefix.Length..].Trim();
            var space = verdict.IndexOf(' ');
            var label = space < 0 ? verdict : verdict[..space];
            var reason = space < 0 ? "" : verdict[(space + 1)..].Trim();
            if (!Labels.Contains(label))
            {
                problems.Add($"{file}: method {name} has an unknown label '{label}'");
                continue;
            }

            if (label != "ok" && reason.Length == 0)
            {
                problems.Add($"{file}: method {name} is labelled {label} without a reason");
            }

            var source = comments.LastOrDefault(t => t.ToString().StartsWith(SourcePrefix, StringComparison.Ordinal));
            if (source == default)
            {
                problems.Add($"{file}: method {name} has no '{SourcePrefix}' line");
            }

            var sourceText = source == default ? null : source.ToString()[SourcePrefix.Length..].Trim();
            methods.Add(new LabelledMethod(file, name, label, reason, sourceText, TextSpan.FromBounds(expect.SpanStart, member.Span.End)));
        }

        return (methods, problems);
    }
}
