namespace Blitz.Demo.Tests;

public sealed class DemoCommandLineTests
{
    [Fact]
    public void No_arguments_run_every_mode_of_the_upload_experiment_with_the_defaults()
    {
        var options = Parse();

        Assert.Equal(Experiment.Upload, options.Experiment);
        Assert.Equal([Mode.Inline, Mode.TaskRun, Mode.Blitz], options.Modes);
        Assert.Equal(UploadSettings.Defaults, options.Upload);
        Assert.Equal(TimeSpan.FromSeconds(DemoOptions.DefaultTimeCapSeconds), options.TimeCap);
        Assert.False(options.Child);
    }

    [Fact]
    public void Upload_options_set_the_upload_settings_in_either_spelling()
    {
        var options = Parse("--clients", "8", "--requests=50", "--upload-kib", "256", "--store-ms", "0", "--svg=out/chart.svg", "--mode", "blitz");

        Assert.Equal(new UploadSettings(Clients: 8, Requests: 50, MaxUploadKib: 256, StoreMs: 0, SvgPath: "out/chart.svg"), options.Upload);
        Assert.Equal([Mode.Blitz], options.Modes);
        Assert.Equal(256 * 1024, options.Upload.MaxUploadBytes);
        Assert.Equal(64 * 1024, options.Upload.MinUploadBytes);
    }

    [Fact]
    public void Requests_go_to_the_chosen_experiment_wherever_experiment_stands()
    {
        var options = Parse("--requests", "40", "--block-ms", "20", "--experiment", "starvation");

        Assert.Equal(Experiment.Starvation, options.Experiment);
        Assert.Equal(new StarvationSettings(Requests: 40, BlockMs: 20), options.Starvation);
        Assert.Equal(UploadSettings.Defaults, options.Upload);
    }

    [Fact]
    public void A_starvation_option_under_the_upload_experiment_is_an_error() =>
        Assert.Equal(["option '--block-ms' belongs to '--experiment starvation'"], ParseErrors("--block-ms", "10"));

    [Fact]
    public void An_upload_option_under_the_starvation_experiment_is_an_error() =>
        Assert.Equal(["option '--clients' belongs to '--experiment upload'"], ParseErrors("--experiment", "starvation", "--clients", "10"));

    [Theory]
    [InlineData(new[] { "--clients", "0" }, "option '--clients' needs a positive whole number, not '0'")]
    [InlineData(new[] { "--requests", "-5" }, "option '--requests' needs a positive whole number, not '-5'")]
    [InlineData(new[] { "--upload-kib", "4k" }, "option '--upload-kib' needs a positive whole number, not '4k'")]
    [InlineData(new[] { "--store-ms", "-1" }, "option '--store-ms' needs a non-negative whole number, not '-1'")]
    [InlineData(new[] { "--time-cap", "601" }, "option '--time-cap' is at most 600, not '601'")]
    [InlineData(new[] { "--time-cap=0" }, "option '--time-cap' needs a positive whole number, not '0'")]
    [InlineData(new[] { "--block-ms", "0", "--experiment", "starvation" }, "option '--block-ms' needs a positive whole number, not '0'")]
    [InlineData(new[] { "--clients", "5000" }, "option '--clients' is at most 1024, not '5000'")]
    [InlineData(new[] { "--clients", "1024", "--upload-kib", "2048" }, "--clients 1024 x --upload-kib 2048 needs more than 1 GiB of upload buffers (the server pools one buffer of the largest upload per client): lower one of them")]
    [InlineData(new[] { "--mode", "fast" }, "unknown mode 'fast' (expected inline, taskrun, blitz or all)")]
    [InlineData(new[] { "--experiment", "both" }, "unknown experiment 'both' (expected upload or starvation)")]
    [InlineData(new[] { "--svg", " " }, "option '--svg' needs a file path, not ' '")]
    [InlineData(new[] { "--child" }, "'--child' runs exactly one mode: pass '--mode inline|taskrun|blitz'")]
    public void Bad_input_gets_a_clear_error(string[] args, string expected) => Assert.Equal([expected], ParseErrors(args));

    // System.CommandLine words these errors itself: the demo only relies on them naming the option.
    [Theory]
    [InlineData(new[] { "--bogus" }, "--bogus")]
    [InlineData(new[] { "--clients" }, "--clients")]
    [InlineData(new[] { "--clients", "2", "--clients", "3" }, "--clients")]
    [InlineData(new[] { "--mode=blitz", "--mode=inline" }, "--mode")]
    public void Input_the_library_rejects_gets_an_error_that_names_the_option(string[] args, string option) =>
        Assert.Contains($"'{option}'", Assert.Single(ParseErrors(args)), StringComparison.Ordinal);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_is_a_request_not_an_error(string help)
    {
        var parsed = DemoCommandLine.Parse(["--clients", "3", help]);

        Assert.True(parsed.HelpRequested);
        Assert.Empty(parsed.Errors);
        Assert.Null(parsed.Options);
    }

    [Fact]
    public async Task Help_lists_every_option_but_the_internal_child_option()
    {
        using var help = new StringWriter();

        await DemoCommandLine.WriteHelpAsync(help);

        string text = help.ToString();
        string[] options =
        [
            "--experiment <name>", "--mode <mode>", "--time-cap <s>", "--requests <n>", "--clients <n>",
            "--upload-kib <n>", "--store-ms <ms>", "--svg <path>", "--block-ms <ms>", "--help",
        ];
        Assert.All(options, option => Assert.Contains(option, text, StringComparison.Ordinal));
        Assert.DoesNotContain("--child", text, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 success, 1 the self-check failed, 2 bad arguments.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upload", "blitz")]
    [InlineData("starvation", "taskrun")]
    public void A_child_parses_back_the_options_its_parent_ran_with(string experimentName, string modeName)
    {
        Assert.True(ExperimentNames.TryParse(experimentName, out var experiment));
        Assert.True(ModeNames.TryParse(modeName, out var mode));
        var parent = DemoOptions.Defaults with
        {
            Experiment = experiment,
            TimeCap = TimeSpan.FromSeconds(7),
            Starvation = new StarvationSettings(Requests: 12, BlockMs: 34),
            Upload = UploadSettings.Defaults with { Clients = 5, Requests = 66, MaxUploadKib = 77, StoreMs = 0 },
        };

        var child = Parse([.. parent.ToChildArguments(mode)]);

        Assert.True(child.Child);
        Assert.Equal([mode], child.Modes);
        Assert.Equal(experiment, child.Experiment);
        Assert.Equal(parent.TimeCap, child.TimeCap);
        if (experiment == Experiment.Upload)
        {
            Assert.Equal(parent.Upload, child.Upload);
        }
        else
        {
            Assert.Equal(parent.Starvation, child.Starvation);
        }
    }

    private static DemoOptions Parse(params string[] args)
    {
        var parsed = DemoCommandLine.Parse(args);
        Assert.Empty(parsed.Errors);
        Assert.False(parsed.HelpRequested);
        return Assert.IsType<DemoOptions>(parsed.Options);
    }

    private static IReadOnlyList<string> ParseErrors(params string[] args)
    {
        var parsed = DemoCommandLine.Parse(args);
        Assert.Null(parsed.Options);
        Assert.False(parsed.HelpRequested);
        return parsed.Errors;
    }
}
