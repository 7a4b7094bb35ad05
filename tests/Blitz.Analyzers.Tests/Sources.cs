namespace Blitz.Analyzers.Tests;

/// <summary>Common source fragments of the test inputs.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Blitz;

        """;
}
