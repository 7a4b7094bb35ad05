using Spectre.Console;

namespace Blitz.Demo.Tests;

public sealed class DemoConsoleTests
{
    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, "1", true)]
    [InlineData(true, "1", true)]
    [InlineData(false, "", false)]
    [InlineData(false, null, false)]
    public void Output_is_plain_when_redirected_or_when_NO_COLOR_is_set(bool redirected, string? noColor, bool plain) =>
        Assert.Equal(plain, DemoConsole.IsPlain(redirected, noColor));

    [Fact]
    public void A_plain_console_writes_no_escape_codes_for_styles_colors_or_tables()
    {
        var output = new StringWriter();
        var console = DemoConsole.Create(output, plain: true);

        console.MarkupLine("[bold]bold[/] [red]red[/] [green]green[/]");
        var table = new Table().AddColumn("[bold]mode[/]").AddColumn("[grey]p99[/]");
        table.AddRow("[bold]Blitz[/]", "[green]0.4 ms[/]");
        console.Write(table);
        console.Write(new Rule("[bold]title[/]"));

        string text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("bold red green", text, StringComparison.Ordinal);
        Assert.Contains("0.4 ms", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.4, "green")]
    [InlineData(9.9, "green")]
    [InlineData(10, "yellow")]
    [InlineData(49, "yellow")]
    [InlineData(50, "red")]
    public void A_probe_delay_is_red_only_when_the_pool_was_starved_as_the_check_counts_it(double delayMs, string color) =>
        Assert.Equal(color, ModeTable.ProbeColor(delayMs, UploadReport.ResponsiveProbeDelayMs, UploadSelfCheck.StarvedProbeDelayMs).ToMarkup());
}
