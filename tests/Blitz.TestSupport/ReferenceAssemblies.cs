using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Blitz.TestSupport;

/// <summary>
/// Metadata references for test compilations: the running framework's assemblies (from
/// TRUSTED_PLATFORM_ASSEMBLIES, limited to the shared framework's folder) plus whatever assemblies a test adds.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(LoadFramework);

    /// <summary>The shared framework's assemblies (System.Runtime, System.Private.CoreLib, System.Net.*, ...).</summary>
    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>The framework plus the given assemblies (e.g. <c>typeof(BlitzRuntime).Assembly</c>).</summary>
    public static ImmutableArray<MetadataReference> FrameworkAnd(params Assembly[] assemblies) =>
        Framework.AddRange(assemblies.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)));

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkFolder, StringComparison.Ordinal))
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
