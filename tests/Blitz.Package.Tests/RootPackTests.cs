using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Blitz.Package.Tests;

/// <summary>What one <c>dotnet pack -c Release</c> at the repository root makes: its packages, their version, their links.</summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed partial class RootPackTests(PackedPackages packages)
{
    [Fact]
    public void The_root_pack_makes_exactly_the_two_shipped_packages()
    {
        string version = $"0.1.0-local.{packages.Stamp}";
        Assert.Equal([$"Blitz.{version}.nupkg", $"Blitz.Extensions.Hosting.{version}.nupkg"], packages.PackageFiles);
    }

    [Fact]
    public void Both_packages_of_one_build_carry_its_unique_version_and_the_hosting_package_depends_on_that_blitz()
    {
        string version = $"0.1.0-local.{packages.Stamp}";
        Assert.Equal(version, packages.Blitz.Version);
        Assert.Equal(version, packages.Hosting.Version);
        Assert.Contains($"Blitz {version} include=All", packages.Hosting.Dependencies());
    }

    [Theory]
    [InlineData("Blitz")]
    [InlineData("Blitz.Extensions.Hosting")]
    public void The_package_readme_has_only_absolute_links_and_no_repository_commands(string id)
    {
        string readme = Readme(id == "Blitz" ? packages.Blitz : packages.Hosting);

        var relative = MarkdownLink().Matches(readme).Select(static m => m.Groups["target"].Value)
            .Where(static target => !target.StartsWith("https://", StringComparison.Ordinal) && !target.StartsWith('#'))
            .ToList();
        Assert.True(relative.Count == 0, $"relative links in {id}'s package README: {string.Join(", ", relative)}");
        Assert.DoesNotContain("samples/", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("--project ", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_packages_name_the_repository_and_the_analyzers_help_links_point_into_it()
    {
        string? home = packages.Blitz.Metadata("projectUrl");
        Assert.StartsWith("https://", home);
        Assert.Equal(home, packages.Hosting.Metadata("projectUrl"));
        foreach (PackedPackage package in new[] { packages.Blitz, packages.Hosting })
        {
            var repository = package.Nuspec.Descendants().Single(static e => e.Name.LocalName == "repository");
            Assert.Equal(home, (string?)repository.Attribute("url"));
        }

        // Every web address compiled into the analyzers is a help link into the same repository's rule pages.
        var links = StringLiterals(packages.Blitz, "analyzers/dotnet/cs/Blitz.Analyzers.dll").Where(static s => s.StartsWith("http", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(home + "/blob/main/docs/rules/", link, StringComparison.Ordinal));
    }

    private static string Readme(PackedPackage package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package.Path);
        using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The string literals (the #US heap) of an assembly inside a package.</summary>
    private static IEnumerable<string> StringLiterals(PackedPackage package, string entry)
    {
        using ZipArchive archive = ZipFile.OpenRead(package.Path);
        using var bytes = new MemoryStream();
        using (Stream stream = archive.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        MetadataReader metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        for (UserStringHandle handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }

        return literals;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
