using Blitz.Analyzers.Usage;
using Blitz.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Tests.Usage;

public sealed class OffloadTargetIssueDescriptorsTests
{
    [Fact]
    public void Every_issue_is_reported_as_its_usage_rule_or_explicitly_not_at_all()
    {
        foreach (OffloadTargetIssue issue in Enum.GetValues<OffloadTargetIssue>())
        {
            DiagnosticDescriptor? descriptor = OffloadTargetIssueDescriptors.For(issue);
            if (issue is OffloadTargetIssue.None or OffloadTargetIssue.ErroneousDeclaration)
            {
                Assert.True(descriptor is null, $"{issue} must not be reported, but maps to {descriptor?.Id}");
            }
            else
            {
                // Issue values follow the usage rule numbers: value n is BLZ00n.
                Assert.True(descriptor?.Id == $"BLZ{(int)issue:D3}", $"{issue} maps to {descriptor?.Id ?? "nothing"}");
            }
        }
    }

    [Fact]
    public void The_usage_analyzer_supports_every_mapped_rule_once()
    {
        string[] mapped = Enum.GetValues<OffloadTargetIssue>().Select(OffloadTargetIssueDescriptors.For).OfType<DiagnosticDescriptor>().Select(d => d.Id).Order().ToArray();
        string[] supported = new OffloadTargetUsageAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order().ToArray();

        Assert.Equal(Enum.GetValues<OffloadTargetIssue>().Length - 2, mapped.Distinct().Count());
        Assert.Equal(mapped, supported);
    }
}
