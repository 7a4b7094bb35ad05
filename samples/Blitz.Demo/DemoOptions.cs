namespace Blitz.Demo;

/// <summary>What one run of the demo does; built by <see cref="OptionsParser"/>.</summary>
/// <param name="Requests">How many requests arrive at once.</param>
/// <param name="BlockMs">How long each request's sync library call blocks.</param>
/// <param name="Modes">The modes to run, in order.</param>
/// <param name="TimeCap">How long one mode may run before it is cut off and reported as such.</param>
/// <param name="Child">Run one mode in this process and print its result as JSON (the parent starts these).</param>
internal sealed record DemoOptions(int Requests, int BlockMs, IReadOnlyList<Mode> Modes, TimeSpan TimeCap, bool Child)
{
    public const int DefaultRequests = 200;
    public const int DefaultBlockMs = 100;
    public const int DefaultTimeCapSeconds = 10;

    public static DemoOptions Defaults { get; } =
        new(DefaultRequests, DefaultBlockMs, ModeNames.All, TimeSpan.FromSeconds(DefaultTimeCapSeconds), Child: false);
}
