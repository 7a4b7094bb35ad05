namespace Blitz.Package.Tests;

/// <summary>
/// A user's first five minutes: a fresh console project installs <c>Blitz</c> from a package source, the generator
/// writes the wrapper, the analyzers warn, and the wrapper runs on the blocking pool.
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

    private readonly string _project = Directory.CreateTempSubdirectory("blitz-consumer-").FullName;

    [Fact]
    public void AFreshConsoleProjectGetsTheWrapperAndTheWarning()
    {
        File.WriteAllText(Path.Combine(_project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="blitz-under-test" value="{packages.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(_project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Blitz" Version="[{packages.Blitz.Version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_project, "Program.cs"), Program);

        // A packages folder of its own: a Blitz of the same version cached by an earlier run is never used, and the
        // user's cache is left alone. A console project needs no other package, so this costs nothing.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_project, "packages") };
        DotnetResult build = DotnetCli.Run(_project, BuildTimeout, environment, "build", "-c", "Release", "-nodeReuse:false").EnsureSuccess();

        int sleepLine = Array.FindIndex(Program.Split('\n'), static l => l.Contains("Thread.Sleep", StringComparison.Ordinal)) + 1;
        Assert.True(build.Output.Contains($"Program.cs({sleepLine},", StringComparison.Ordinal) && build.Output.Contains("warning BLZ101", StringComparison.Ordinal), build.Output);
        // The compiler loaded every component: no "cannot load analyzer" (CS8032/CS8034), no "built for a newer
        // compiler" (CS9057), no analyzer or generator crash (AD0001/CS8785).
        foreach (string id in new[] { "CS8032", "CS8034", "CS9057", "AD0001", "CS8785" })
        {
            Assert.False(build.Output.Contains(id, StringComparison.Ordinal), build.Output);
        }

        DotnetResult run = DotnetCli.Run(_project, RunTimeout, environment, Path.Combine("bin", "Release", "net10.0", "Consumer.dll")).EnsureSuccess();
        string[] lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("sum: 42", lines);
        Assert.True(lines.Any(static l => l.StartsWith("thread: blitz-blocking", StringComparison.Ordinal)), run.Output);
    }

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
