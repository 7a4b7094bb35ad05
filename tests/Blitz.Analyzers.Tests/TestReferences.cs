using System.Collections.Immutable;
using Blitz.TestSupport;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Tests;

/// <summary>The references of every test compilation: the running framework plus Blitz.Runtime (for the attributes).</summary>
internal static class TestReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = ReferenceAssemblies.FrameworkAnd(typeof(BlitzRuntime).Assembly);
}
