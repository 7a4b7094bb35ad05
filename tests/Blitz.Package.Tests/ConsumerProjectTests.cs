namespace Blitz.Package.Tests;

/// <summary>
/// A user's first five minutes: a fresh console project installs <c>Blitz</c>, and a fresh worker service only
/// <c>Blitz.Extensions.Hosting</c>, from the packed folder into a package cache of their own; the generator writes
/// the wrapper, the analyzers warn, and the wrapper runs on the blocking pool.
/// </summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class ConsumerProjectTests(PackedPackages packages) : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private const string Program = """
        using Blitz;

        int sum = await Arithmetic.AddAsync(40, 2);
        Console.WriteLine($"sum: {sum}");
        Console.WriteLine($"thread: {await Arithmetic.CurrentThreadNameAsync()}");
        await Arithmetic.PollAsync();

        static partial class Arithmetic
        {
            [Blocking]
            public static int Add(int left, int right) => left + right;

            [Blocking]
            public static string CurrentThreadName() => Thread.CurrentThread.Name ?? "(unnamed)";

            public static async Task PollAsync()
            {
                await Task.Yield();
                Thread.Sleep(1);
            }
        }
        """;

    private const string WorkerProgram = """
        using Blitz;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddBlitz();
        builder.Services.AddHostedService<Worker>();
        await builder.Build().RunAsync();
        Console.WriteLine("stopped");

        sealed partial class Worker(IHostApplicationLifetime lifetime) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                Console.WriteLine($"thread: {await CurrentThreadNameAsync(stoppingToken)}");
                lifetime.StopApplication();
            }

            [Blocking]
            private static string CurrentThreadName() => Thread.CurrentThread.Name ?? "(unnamed)";
        }
        """;

    private readonly string _project = Directory.CreateTempSubdirectory("blitz-consumer-").FullName;

    [Fact]
    public void A_fresh_console_project_gets_the_wrapper_and_the_warning()
    {
        WriteNuGetConfig();
        WriteProject("Microsoft.NET.Sdk", $"""<PackageReference Include="Blitz" Version="[{packages.Blitz.Version}]" />""");
        File.WriteAllText(Path.Combine(_project, "Program.cs"), Program);

        DotnetResult build = Build();
        int sleepLine = Array.FindIndex(Program.Split('\n'), static l => l.Contains("Thread.Sleep", StringComparison.Ordinal)) + 1;
        Assert.True(build.Output.Contains($"Program.cs({sleepLine},", StringComparison.Ordinal) && build.Output.Contains("warning BLZ101", StringComparison.Ordinal), build.Output);

        string[] lines = Run();
        Assert.Contains("sum: 42", lines);
        Assert.True(lines.Any(static l => l.StartsWith("thread: blitz-blocking", StringComparison.Ordinal)), string.Join('\n', lines));
    }

    [Fact]
    public void A_fresh_worker_service_installs_only_the_hosting_package_and_gets_the_runtime_and_the_generator()
    {
        WriteNuGetConfig();
        WriteProject(
            "Microsoft.NET.Sdk.Worker",
            $"""
            <PackageReference Include="Blitz.Extensions.Hosting" Version="[{packages.Hosting.Version}]" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="[10.0.15]" />
            """);
        File.WriteAllText(Path.Combine(_project, "Program.cs"), WorkerProgram);

        Build();
        string[] lines = Run();
        Assert.True(lines.Any(static l => l.StartsWith("thread: blitz-blocking", StringComparison.Ordinal)), string.Join('\n', lines));
        Assert.Contains("stopped", lines);
    }

    /// <summary>
    /// Blitz only from the packed folder (source mapping: a Blitz from anywhere else can never be used); every other
    /// package from this machine's package cache, read as a local feed, so the test needs no network.
    /// </summary>
    private void WriteNuGetConfig()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(_project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="blitz-under-test" value="{packages.Folder}" />
                <add key="machine-cache" value="{cache}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="blitz-under-test">
                  <package pattern="Blitz" />
                  <package pattern="Blitz.*" />
                </packageSource>
                <packageSource key="machine-cache">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    private void WriteProject(string sdk, string packageReferences) =>
        File.WriteAllText(Path.Combine(_project, "Consumer.csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                {packageReferences}
              </ItemGroup>
            </Project>
            """);

    /// <summary>
    /// Builds in a packages folder of its own: a Blitz of the same version cached by an earlier run is never used, and
    /// the user's cache is left alone. Fails unless the compiler loaded every Blitz component.
    /// </summary>
    private DotnetResult Build()
    {
        DotnetResult build = DotnetCli.Run(_project, BuildTimeout, IsolatedCache(), "build", "-c", "Release", "-nodeReuse:false").EnsureSuccess();

        // No "cannot load analyzer" (CS8032/CS8034), no "built for a newer compiler" (CS9057), no analyzer or
        // generator crash (AD0001/CS8785).
        foreach (string id in new[] { "CS8032", "CS8034", "CS9057", "AD0001", "CS8785" })
        {
            Assert.False(build.Output.Contains(id, StringComparison.Ordinal), build.Output);
        }

        return build;
    }

    private string[] Run()
    {
        DotnetResult run = DotnetCli.Run(_project, RunTimeout, IsolatedCache(), Path.Combine("bin", "Release", "net10.0", "Consumer.dll")).EnsureSuccess();
        return run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private Dictionary<string, string> IsolatedCache() => new() { ["NUGET_PACKAGES"] = Path.Combine(_project, "packages") };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_project, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
