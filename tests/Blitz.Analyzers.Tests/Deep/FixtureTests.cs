using Blitz.Analyzers.Tests.Corpus;
using Xunit.Abstractions;

namespace Blitz.Analyzers.Tests.Deep;

/// <summary>
/// Library-like code modelled on the patterns found in real open-source .NET libraries: an FTP client with sync and
/// async twins (a getter that polls, a helper that waits 15 s, a keep-alive daemon on StartNew, a whole-file hash),
/// a micro-ORM whose async query calls a sync reader loop, and an MQTT client whose loops all await, which must
/// produce no finding at all. Every Blitz analyzer runs; the markup is what a reviewer would flag.
/// </summary>
public sealed class FixtureTests(ITestOutputHelper output)
{
    private static readonly DeepVerifier All = new([.. CorpusTests.AllAnalyzers()]);

    [Theory]
    [InlineData("Ftp", 6)]
    [InlineData("MicroOrm", 3)]
    [InlineData("Mqtt", 0)]
    public async Task Every_rule_reports_exactly_the_reviewed_findings(string fixture, int expectedFindings)
    {
        var markups = Files(fixture);
        Assert.NotEmpty(markups);
        Assert.Equal(expectedFindings, markups.Sum(m => CorpusMarkup.Parse(m).Expected.Count));

        await All.VerifyAsync(markups);
        output.WriteLine($"{fixture}: {markups.Length} files, {expectedFindings} findings, each reported");
    }

    internal static string[] Files(string fixture)
    {
        var assembly = typeof(FixtureTests).Assembly;
        var prefix = $"{typeof(FixtureTests).Namespace}.Fixtures.{fixture}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".cs.fixture", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return reader.ReadToEnd();
            })
            .ToArray();
    }
}
