namespace Blitz.Demo;

/// <summary>The outcome of parsing the command line: options to run with, a request for help, or errors.</summary>
/// <param name="Options">What to run, when the command line is valid and asks for no help.</param>
/// <param name="HelpRequested">The command line asks for the help text.</param>
/// <param name="Errors">What is wrong with the command line; empty when it is valid.</param>
internal sealed record CommandLineOutcome(DemoOptions? Options, bool HelpRequested, IReadOnlyList<string> Errors);
