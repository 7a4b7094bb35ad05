using System.Globalization;

namespace Blitz.Demo;

/// <summary>How the report writes durations and sizes.</summary>
internal static class ReportFormat
{
    public static string Duration(double ms) => ms switch
    {
        < 1 => ms.ToString("0.00 'ms'", CultureInfo.InvariantCulture),
        < 10 => ms.ToString("0.0 'ms'", CultureInfo.InvariantCulture),
        < 1000 => ms.ToString("0 'ms'", CultureInfo.InvariantCulture),
        _ => (ms / 1000).ToString("0.00 's'", CultureInfo.InvariantCulture),
    };

    public static string Bytes(double bytes) => bytes switch
    {
        < 10_000 => bytes.ToString("0 'B'", CultureInfo.InvariantCulture),
        < 1024 * 1024 => (bytes / 1024).ToString("0.0 'KB'", CultureInfo.InvariantCulture),
        _ => (bytes / (1024 * 1024)).ToString("0.0 'MB'", CultureInfo.InvariantCulture),
    };

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
