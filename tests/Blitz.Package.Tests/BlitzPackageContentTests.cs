namespace Blitz.Package.Tests;

/// <summary>What the <c>Blitz</c> package holds, read from the packed <c>.nupkg</c>.</summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class BlitzPackageContentTests(PackedPackages packages)
{
    [Fact]
    public void The_runtime_with_its_docs_is_the_only_library()
    {
        PackedPackage blitz = packages.Blitz;
        Assert.Equal(["lib/net10.0/Blitz.Runtime.dll", "lib/net10.0/Blitz.Runtime.xml"], blitz.Entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_generator_analyzers_and_code_fixes_are_compiler_components()
    {
        PackedPackage blitz = packages.Blitz;
        Assert.Equal(
            ["analyzers/dotnet/cs/Blitz.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Blitz.Analyzers.dll", "analyzers/dotnet/cs/Blitz.Generators.dll"],
            blitz.Entries.Where(static e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nothing_but_the_base_library_is_a_dependency()
    {
        // Roslyn in particular must not leak: the compiler brings its own.
        PackedPackage blitz = packages.Blitz;
        Assert.True(blitz.Dependencies().Count == 0, blitz.ToString());
        Assert.Equal(["net10.0"], blitz.DependencyGroups());
    }

    [Fact]
    public void Metadata_names_the_license_readme_and_authors()
    {
        PackedPackage blitz = packages.Blitz;
        Assert.Equal("Blitz", blitz.Metadata("id"));
        Assert.Equal("MIT", blitz.Metadata("license"));
        Assert.Equal("README.md", blitz.Metadata("readme"));
        Assert.Contains("README.md", blitz.Entries);
        Assert.Equal("Blitz contributors", blitz.Metadata("authors"));
        Assert.False(string.IsNullOrWhiteSpace(blitz.Metadata("description")));
    }
}
