using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Buckets;

/// <summary>What BLZ108 reports at one start: which of its descriptors, the fix properties, the message arguments.</summary>
internal sealed class OffloadedAsyncIoFinding
{
    /// <summary>A finding with its descriptor, fix properties and message arguments.</summary>
    public OffloadedAsyncIoFinding(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, params object[] arguments)
    {
        Descriptor = descriptor;
        Properties = properties;
        Arguments = arguments;
    }

    /// <summary>Which of BLZ108's descriptors: offloaded async I/O, or a detached start.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>What the code fix needs (the fix kind), or empty.</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    /// <summary>The message's arguments.</summary>
    public object[] Arguments { get; }
}
