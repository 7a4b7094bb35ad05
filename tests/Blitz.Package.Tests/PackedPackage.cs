using System.IO.Compression;
using System.Xml.Linq;

namespace Blitz.Package.Tests;

/// <summary>One packed <c>.nupkg</c>: its entries and its nuspec.</summary>
public sealed class PackedPackage
{
    public PackedPackage(string path)
    {
        Path = path;
        using ZipArchive archive = ZipFile.OpenRead(path);
        Entries = [.. archive.Entries.Select(static e => e.FullName).Order(StringComparer.Ordinal)];
        ZipArchiveEntry nuspecEntry = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using Stream stream = nuspecEntry.Open();
        Nuspec = XDocument.Load(stream);
        Version = Metadata("version") ?? throw new InvalidOperationException($"{path} has no version.");
    }

    public string Path { get; }

    public IReadOnlyList<string> Entries { get; }

    public XDocument Nuspec { get; }

    public string Version { get; }

    /// <summary>The text of a <c>metadata</c> child of the nuspec, whatever the nuspec schema's namespace.</summary>
    public string? Metadata(string name)
        => Nuspec.Root?.Elements().Single(static e => e.Name.LocalName == "metadata").Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The nuspec's dependencies as "id version" with the assets they include or exclude, if they say.</summary>
    public IReadOnlyList<string> Dependencies()
        => [.. Nuspec.Descendants().Where(static e => e.Name.LocalName == "dependency")
            .Select(static e => string.Join(' ', e.Attributes().Select(static a => a.Name.LocalName is "id" or "version" ? a.Value : $"{a.Name.LocalName}={a.Value}")))
            .Order(StringComparer.Ordinal)];

    /// <summary>The nuspec's dependency groups' target frameworks.</summary>
    public IReadOnlyList<string> DependencyGroups()
        => [.. Nuspec.Descendants().Where(static e => e.Name.LocalName == "group").Select(static e => (string?)e.Attribute("targetFramework") ?? "")];

    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}:\n  {string.Join("\n  ", Entries)}\n{Nuspec}";
}
