using Spectre.Console;

namespace Blitz.Demo;

/// <summary>One claim the run must bear out for the demo to exit with code 0.</summary>
internal sealed record Check(string Claim, bool Passed, string? Detail = null)
{
    /// <summary>Writes each check as a PASS or FAIL line, with its detail in grey.</summary>
    public static void WriteAll(IReadOnlyList<Check> checks)
    {
        foreach (var check in checks)
        {
            string mark = check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            string detail = check.Detail is null ? string.Empty : $" [grey]({Markup.Escape(check.Detail)})[/]";
            AnsiConsole.MarkupLine($"{mark} {Markup.Escape(check.Claim)}{detail}");
        }
    }
}
