namespace Blitz.Demo;

/// <summary>What the parent learned about one mode: its result, or why its child process gave none.</summary>
internal sealed record ModeOutcome(Mode Mode, ModeResult? Result, string? Failure)
{
    public static ModeOutcome Failed(Mode mode, string problem) =>
        new(mode, null, $"the {mode.CommandLineName()} child process {problem}");
}
