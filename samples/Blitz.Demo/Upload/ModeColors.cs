using Spectre.Console;

namespace Blitz.Demo;

/// <summary>One color per mode, the same in the terminal charts and the SVG file.</summary>
internal static class ModeColors
{
    public static (byte R, byte G, byte B) Rgb(this Mode mode) => mode switch
    {
        Mode.Inline => (0xd6, 0x45, 0x45),
        Mode.TaskRun => (0xe8, 0x92, 0x2e),
        Mode.Blitz => (0x2e, 0x9e, 0x5b),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static Color ConsoleColor(this Mode mode) => mode.Rgb() is var (r, g, b) ? new Color(r, g, b) : default;

    public static string HexColor(this Mode mode) => mode.Rgb() is var (r, g, b) ? $"#{r:x2}{g:x2}{b:x2}" : string.Empty;
}
