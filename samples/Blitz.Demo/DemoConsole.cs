using Spectre.Console;

namespace Blitz.Demo;

/// <summary>
/// The console the report writes to: plain text (no ANSI escape codes at all, not only no colors) when the output is
/// redirected to a file or a pipe, or when <c>NO_COLOR</c> is set (https://no-color.org); styled otherwise.
/// </summary>
internal static class DemoConsole
{
    /// <summary>Whether the report must be plain text.</summary>
    public static bool IsPlain(bool outputRedirected, string? noColor) => outputRedirected || !string.IsNullOrEmpty(noColor);

    /// <summary>A console writing to <paramref name="output"/>, plain or styled as <see cref="IsPlain"/> says.</summary>
    public static IAnsiConsole Create(TextWriter output, bool plain) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        Out = new AnsiConsoleOutput(output),
    });

    /// <summary>Points <see cref="AnsiConsole"/> at the process's standard output, plain or styled.</summary>
    public static void UseStandardOutput() =>
        AnsiConsole.Console = Create(Console.Out, IsPlain(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR")));
}
