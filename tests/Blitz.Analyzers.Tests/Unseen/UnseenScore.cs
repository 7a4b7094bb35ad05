using System.Globalization;
using System.Text;

namespace Blitz.Analyzers.Tests.Unseen;

/// <summary>
/// Method-level figures of one half of the unseen corpus: how many misplaced methods a rule of the right bucket
/// found, how many clean methods drew a diagnostic, and each miss, false positive and piece of wrong advice.
/// </summary>
internal sealed record UnseenScore(
    int Methods,
    int Misplaced,
    int Ok,
    int Found,
    int FalsePositiveMethods,
    int DiagnosticsOutsideMethods,
    int WrongAdviceMethods,
    IReadOnlyList<string> Misses,
    IReadOnlyList<string> FalsePositives,
    IReadOnlyList<string> WrongAdvice)
{
    /// <summary>Found / misplaced (1 when nothing is misplaced).</summary>
    public double Recall => Misplaced == 0 ? 1 : (double)Found / Misplaced;

    /// <summary>
    /// False positives (flagged clean methods plus diagnostics outside every labelled method) per 30 clean methods:
    /// roughly how often a developer reading 30 correct methods is told something wrong.
    /// </summary>
    public double FalsePositivesPer30Correct => Ok == 0 ? 0 : 30.0 * (FalsePositiveMethods + DiagnosticsOutsideMethods) / Ok;

    /// <summary>A printable report: the figures, then each miss, false positive and wrong advice.</summary>
    public string Describe(string half)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{half}: {Methods} methods, {Misplaced} misplaced, {Ok} ok; found {Found}, recall {Recall:P1}; " +
            $"false-positive methods {FalsePositiveMethods}, diagnostics outside labelled methods {DiagnosticsOutsideMethods}, " +
            $"FP per 30 correct methods {FalsePositivesPer30Correct:F2}; wrong advice in {WrongAdviceMethods} methods");
        foreach (var line in Misses)
        {
            text.AppendLine("MISS " + line);
        }

        foreach (var line in FalsePositives)
        {
            text.AppendLine("FALSE POSITIVE " + line);
        }

        foreach (var line in WrongAdvice)
        {
            text.AppendLine("WRONG ADVICE " + line);
        }

        return text.ToString();
    }
}
