using System.Globalization;
using System.Xml.Linq;

namespace Blitz.Demo.Tests;

public sealed class SvgBarChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_document_is_well_formed_svg_with_one_bar_per_value()
    {
        var document = XDocument.Parse(SvgBarChart.Write("title", ["footnote"], [Panel("a", 1, 2, 3), Panel("b", 4, 5)]));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(5, Bars(document).Count);
    }

    [Fact]
    public void Each_panel_scales_its_tallest_bar_to_the_full_height_and_the_others_in_proportion()
    {
        var document = XDocument.Parse(SvgBarChart.Write("t", ["f"], [Panel("a", 50, 100, 25), Panel("b", 3000)]));

        double[] heights = [.. Bars(document).Select(b => double.Parse(b.Attribute("height")!.Value, CultureInfo.InvariantCulture))];

        double full = heights[1];
        Assert.True(full > 0);
        Assert.Equal(full / 2, heights[0], precision: 0);
        Assert.Equal(full / 4, heights[2], precision: 0);
        Assert.Equal(full, heights[3]);
    }

    [Fact]
    public void A_tiny_positive_value_still_shows_a_pixel_and_zero_shows_none()
    {
        Assert.Equal(1, SvgBarChart.BarHeight(0.001, 10_000));
        Assert.Equal(0, SvgBarChart.BarHeight(0, 10_000));
        Assert.Equal(0, SvgBarChart.BarHeight(5, 0));
    }

    [Fact]
    public void Text_is_escaped_so_any_label_keeps_the_document_valid()
    {
        string svg = SvgBarChart.Write("<p99> & \"more\"", ["a < b"], [new SvgPanel("x & y", "<note>", [new SvgBar("A&B", 1, "1 < 2", "#000000")])]);

        var document = XDocument.Parse(svg);

        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("<p99> & \"more\"", texts);
        Assert.Contains("x & y", texts);
        Assert.Contains("A&B", texts);
        Assert.Contains("1 < 2", texts);
        Assert.Contains("a < b", texts);
    }

    [Fact]
    public void Values_are_written_above_their_bars_with_their_units()
    {
        var document = XDocument.Parse(SvgBarChart.Write("t", ["f"], [Panel("latency", 12.5)]));

        Assert.Contains("12.5 ms", document.Descendants(Svg + "text").Select(t => t.Value));
    }

    private static List<XElement> Bars(XDocument document) =>
        [.. document.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null)];

    private static SvgPanel Panel(string title, params double[] values) =>
        new(title, "note", [.. values.Select((v, i) => new SvgBar($"bar {i}", v, string.Create(CultureInfo.InvariantCulture, $"{v} ms"), "#336699"))]);

    [Fact]
    public void The_upload_chart_has_three_panels_with_a_bar_per_mode_in_the_modes_colors()
    {
        UploadResult[] results = [UploadResults.Sample(Mode.Inline, 200, 2000), UploadResults.Sample(Mode.TaskRun, 400, 1000), UploadResults.Sample(Mode.Blitz, 20, 200)];

        var bars = Bars(XDocument.Parse(UploadChart.CreateSvg(results)));

        Assert.Equal(9, bars.Count);
        Assert.Equal(3, bars.Count(b => b.Attribute("fill")!.Value == Mode.Blitz.HexColor()));
        Assert.Equal("Blitz: 20 ms", bars[8].Element(Svg + "title")!.Value);
    }
}
