using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Blitz.TestSupport;

/// <summary>
/// Metadata references for test compilations: the .NET 10 reference assemblies shipped in the
/// Basic.Reference.Assemblies.Net100 package (the same on every machine, whatever runtime runs the tests), plus
/// whatever assemblies a test adds.
/// </summary>
public static class ReferenceAssemblies
{
    /// <summary>The .NET 10 reference assemblies (System.Runtime, System.Collections, System.Net.*, ...).</summary>
    public static ImmutableArray<MetadataReference> Framework { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All];

    /// <summary>The framework plus the given assemblies (e.g. <c>typeof(BlitzRuntime).Assembly</c>).</summary>
    public static ImmutableArray<MetadataReference> FrameworkAnd(params Assembly[] assemblies) =>
        Framework.AddRange(assemblies.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)));
}
