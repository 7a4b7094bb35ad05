namespace Blitz.Demo;

/// <summary>What the parent learned about one mode: its result, or why its child process gave none.</summary>
internal sealed record ModeOutcome<TResult>(Mode Mode, TResult? Result, string? Failure)
    where TResult : class
{
    public static ModeOutcome<TResult> Failed(Mode mode, string problem) =>
        new(mode, null, $"the {mode.CommandLineName()} child process {problem}");
}
