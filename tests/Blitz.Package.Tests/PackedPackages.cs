namespace Blitz.Package.Tests;

/// <summary>
/// Packs the shipped packages once for all tests of the collection, as a user does: one <c>dotnet pack -c Release</c>
/// at the repository root. It packs the solution's existing build (no second build: 'dotnet test Blitz.sln' builds
/// every project first, and a build here could race another test project's) with a version stamp of this run's own,
/// so a package cached by an earlier run can never stand in for this one.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public PackedPackages()
    {
        Folder = Directory.CreateTempSubdirectory("blitz-packages-").FullName;
        Stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        // The nuspecs go to the temp folder too, so that nothing under the repository is written.
        DotnetCli.Run(
            RepositoryLayout.Root,
            PackTimeout,
            environment: null,
            "pack", "-c", RepositoryLayout.Configuration, "--no-build",
            $"-p:PackageOutputPath={Folder}{Path.DirectorySeparatorChar}",
            $"-p:NuspecOutputPath={Path.Combine(Folder, "nuspec")}{Path.DirectorySeparatorChar}",
            $"-p:BlitzBuildStamp={Stamp}").EnsureSuccess();

        PackageFiles = [.. Directory.GetFiles(Folder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Blitz = Find("Blitz");
        Hosting = Find("Blitz.Extensions.Hosting");
    }

    /// <summary>The version stamp this run packed with: the packages are version <c>0.1.0-local.{Stamp}</c>.</summary>
    public string Stamp { get; }

    /// <summary>The names of every <c>.nupkg</c> the root pack wrote.</summary>
    public IReadOnlyList<string> PackageFiles { get; }

    /// <summary>The local package source: the folder the packages were written to.</summary>
    public string Folder { get; }

    /// <summary>The <c>Blitz</c> package.</summary>
    public PackedPackage Blitz { get; }

    /// <summary>The <c>Blitz.Extensions.Hosting</c> package.</summary>
    public PackedPackage Hosting { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private PackedPackage Find(string id)
        => new(Directory.GetFiles(Folder, id + ".*.nupkg").Single(p => IsPackageOf(p, id)));

    /// <summary>Tells <c>Blitz.0.1.0.nupkg</c> from <c>Blitz.Extensions.Hosting.0.1.0.nupkg</c>: after the id comes the version.</summary>
    private static bool IsPackageOf(string path, string id)
        => char.IsAsciiDigit(Path.GetFileName(path)[id.Length + 1]);
}

[CollectionDefinition(nameof(PackedPackagesCollection))]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>;
