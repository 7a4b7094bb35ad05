using System.Globalization;
using System.Text;

namespace Blitz.Demo;

/// <summary>One bar: a label under it, a value that sets its height, and the text written above it.</summary>
internal sealed record SvgBar(string Label, double Value, string ValueText, string Color);

/// <summary>One panel of bars sharing a scale, with a title and a note under it (the unit, which way is better).</summary>
internal sealed record SvgPanel(string Title, string Note, IReadOnlyList<SvgBar> Bars);

/// <summary>
/// Writes panels of vertical bars side by side as a self-contained SVG document, by hand: no package, no script,
/// no external font or style, so any browser opens it. Each panel has its own linear scale from zero; a bar too
/// small to see still gets one pixel, and its value is always written above it.
/// </summary>
internal static class SvgBarChart
{
    private const int PanelWidth = 300;
    private const int PanelGap = 30;
    private const int Margin = 30;
    private const int PlotTop = 130;
    private const int PlotHeight = 220;
    private const int MaxBarWidth = 64;

    public static string Write(string title, IReadOnlyList<string> footnotes, IReadOnlyList<SvgPanel> panels)
    {
        int width = (2 * Margin) + (panels.Count * PanelWidth) + (Math.Max(0, panels.Count - 1) * PanelGap);
        int baseline = PlotTop + PlotHeight;
        int height = baseline + 60 + (footnotes.Count * 18);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Segoe UI, Helvetica, Arial, sans-serif">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""  <rect width="{width}" height="{height}" fill="#ffffff"/>""").Append('\n');
        Text(svg, Margin, 36, Escape(title), "font-size=\"20\" font-weight=\"bold\" fill=\"#222222\"");

        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            int left = Margin + (p * (PanelWidth + PanelGap));
            Text(svg, left, 80, Escape(panel.Title), "font-size=\"15\" font-weight=\"bold\" fill=\"#222222\"");
            Text(svg, left, 100, Escape(panel.Note), "font-size=\"12\" fill=\"#666666\"");
            svg.Append(CultureInfo.InvariantCulture, $"""  <line x1="{left}" y1="{baseline}" x2="{left + PanelWidth}" y2="{baseline}" stroke="#999999" stroke-width="1"/>""").Append('\n');

            double max = panel.Bars.Count == 0 ? 0 : panel.Bars.Max(b => b.Value);
            int slot = panel.Bars.Count == 0 ? PanelWidth : PanelWidth / panel.Bars.Count;
            int barWidth = Math.Min(MaxBarWidth, slot * 2 / 3);
            for (int b = 0; b < panel.Bars.Count; b++)
            {
                var bar = panel.Bars[b];
                double barHeight = BarHeight(bar.Value, max);
                double x = left + (b * slot) + ((slot - barWidth) / 2.0);
                double center = x + (barWidth / 2.0);
                double top = baseline - barHeight;
                svg.Append(CultureInfo.InvariantCulture, $"""  <rect x="{x:0.#}" y="{top:0.#}" width="{barWidth}" height="{barHeight:0.#}" fill="{Escape(bar.Color)}"><title>{Escape(bar.Label)}: {Escape(bar.ValueText)}</title></rect>""").Append('\n');
                Text(svg, center, top - 6, Escape(bar.ValueText), "font-size=\"13\" text-anchor=\"middle\" fill=\"#222222\"");
                Text(svg, center, baseline + 20, Escape(bar.Label), "font-size=\"13\" text-anchor=\"middle\" fill=\"#222222\"");
            }
        }

        for (int i = 0; i < footnotes.Count; i++)
        {
            Text(svg, Margin, baseline + 60 + (i * 18), Escape(footnotes[i]), "font-size=\"12\" fill=\"#666666\"");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Linear from zero; at least one pixel for any positive value, so no mode's bar disappears.</summary>
    internal static double BarHeight(double value, double max)
    {
        if (value <= 0 || max <= 0 || !double.IsFinite(value))
        {
            return 0;
        }

        return Math.Max(1, PlotHeight * value / max);
    }

    internal static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static void Text(StringBuilder svg, double x, double y, string escapedText, string attributes) =>
        svg.Append(CultureInfo.InvariantCulture, $"""  <text x="{x:0.#}" y="{y:0.#}" {attributes}>{escapedText}</text>""").Append('\n');
}
