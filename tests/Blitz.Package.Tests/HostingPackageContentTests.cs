namespace Blitz.Package.Tests;

/// <summary>What the <c>Blitz.Extensions.Hosting</c> package holds, read from the packed <c>.nupkg</c>.</summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class HostingPackageContentTests(PackedPackages packages)
{
    [Fact]
    public void The_hosting_assembly_with_its_docs_is_the_only_content()
    {
        PackedPackage hosting = packages.Hosting;
        Assert.Equal(
            ["lib/net10.0/Blitz.Extensions.Hosting.dll", "lib/net10.0/Blitz.Extensions.Hosting.xml"],
            hosting.Entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.Equal("README.md", hosting.Metadata("readme"));
        Assert.Contains("README.md", hosting.Entries);
        Assert.Equal("MIT", hosting.Metadata("license"));
    }

    [Fact]
    public void It_depends_on_blitz_with_its_analyzers_and_on_minimum_versions_of_the_abstractions()
    {
        // Blitz with every asset, so that installing only this package still brings the generator and analyzers;
        // the abstractions as minimums, so that apps on a later servicing release are not refused.
        PackedPackage hosting = packages.Hosting;
        Assert.Equal(
            [
                $"Blitz {packages.Blitz.Version} include=All",
                "Microsoft.Extensions.Configuration.Abstractions 10.0.15 exclude=Build,Analyzers",
                "Microsoft.Extensions.DependencyInjection.Abstractions 10.0.15 exclude=Build,Analyzers",
                "Microsoft.Extensions.Hosting.Abstractions 10.0.15 exclude=Build,Analyzers",
                "Microsoft.Extensions.Logging.Abstractions 10.0.15 exclude=Build,Analyzers",
                "Microsoft.Extensions.Options 10.0.15 exclude=Build,Analyzers",
            ],
            hosting.Dependencies());
    }
}
