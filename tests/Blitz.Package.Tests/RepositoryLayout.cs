using System.Reflection;

namespace Blitz.Package.Tests;

/// <summary>Where the repository is and which configuration these tests were built in.</summary>
internal static class RepositoryLayout
{
    /// <summary>The folder that holds <c>Blitz.sln</c>, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The configuration the solution was built in (that of this test assembly): the tests pack that build's
    /// outputs instead of building again.
    /// </summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Blitz.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Blitz.sln above {AppContext.BaseDirectory}.");
    }
}
