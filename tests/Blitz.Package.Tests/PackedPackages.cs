namespace Blitz.Package.Tests;

/// <summary>
/// Packs the shipped packages once for all tests of the collection, from the solution's existing build (no second
/// build: 'dotnet test Blitz.sln' builds every project first, and a build here could race another test project's).
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public PackedPackages()
    {
        Folder = Directory.CreateTempSubdirectory("blitz-packages-").FullName;
        Blitz = Pack("src/Blitz.Runtime/Blitz.Runtime.csproj", "Blitz");
        Hosting = Pack("src/Blitz.Extensions.Hosting/Blitz.Extensions.Hosting.csproj", "Blitz.Extensions.Hosting");
    }

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

    private PackedPackage Pack(string project, string id)
    {
        // The nuspec goes to the temp folder too, so that nothing under the repository is written.
        DotnetCli.Run(
            RepositoryLayout.Root,
            PackTimeout,
            environment: null,
            "pack", project, "-c", RepositoryLayout.Configuration, "--no-build", "-o", Folder,
            $"-p:NuspecOutputPath={Path.Combine(Folder, "nuspec")}{Path.DirectorySeparatorChar}").EnsureSuccess();

        string path = Directory.GetFiles(Folder, id + ".*.nupkg").Single(p => IsPackageOf(p, id));
        return new PackedPackage(path);
    }

    /// <summary>Tells <c>Blitz.0.1.0.nupkg</c> from <c>Blitz.Extensions.Hosting.0.1.0.nupkg</c>: after the id comes the version.</summary>
    private static bool IsPackageOf(string path, string id)
        => char.IsAsciiDigit(Path.GetFileName(path)[id.Length + 1]);
}

[CollectionDefinition(nameof(PackedPackagesCollection))]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>;
