using System.Text;
using Xunit;

namespace Blitz.TestSupport;

/// <summary>
/// Golden-file comparison of generated text. <c>BLITZ_ACCEPT_BASELINES=1</c> rewrites the files; a missing file
/// fails under CI (<c>CI=true</c>), and elsewhere is written and fails once so that someone reviews it.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that makes mismatching golden files be rewritten instead of failing.</summary>
    public const string AcceptVariable = "BLITZ_ACCEPT_BASELINES";

    /// <summary>Compares <paramref name="actual"/> with the file <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    public static void AssertMatches(string directory, string fileName, string actual)
    {
        string path = Path.Combine(directory, fileName);
        actual = Normalize(actual);
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

        if (!File.Exists(path))
        {
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            Assert.False(ci, $"Golden file {path} is missing; generate it locally with {AcceptVariable}=1 and commit it.");
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            Assert.True(accept, $"Golden file {path} was missing and has been written: review it, commit it and run again.");
            return;
        }

        string expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            return;
        }

        if (accept)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.Fail($"Generated text differs from {path} (set {AcceptVariable}=1 to accept):{Environment.NewLine}{Diff(expected, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A line diff of two texts, for assertion messages.</summary>
    // A line diff (longest common subsequence), printed with '-' for expected-only and '+' for actual-only lines and
    // two lines of context around each change.
    public static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int[,] common = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, string Text, int Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x], x + 1));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                lines.Add(('+', b[y], y + 1));
                y++;
            }
            else
            {
                lines.Add(('-', a[x], x + 1));
                x++;
            }
        }

        var output = new StringBuilder();
        int lastPrinted = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            bool near = false;
            for (int k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2) && !near; k++)
            {
                near = lines[k].Kind != ' ';
            }

            if (!near)
            {
                continue;
            }

            if (lastPrinted >= 0 && i > lastPrinted + 1)
            {
                output.AppendLine("  ...");
            }

            output.Append(lines[i].Kind).Append(' ').Append(lines[i].Line.ToString().PadLeft(4)).Append(" | ").AppendLine(lines[i].Text);
            lastPrinted = i;
        }

        return output.ToString();
    }
}
