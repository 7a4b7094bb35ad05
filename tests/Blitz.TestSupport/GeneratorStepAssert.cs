using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Blitz.TestSupport;

/// <summary>Assertions over the tracked steps of an incremental generator run.</summary>
public static class GeneratorStepAssert
{
    /// <summary>The run reasons of every output of every tracked step named in <paramref name="trackingNames"/>.</summary>
    public static IReadOnlyList<(string Step, IncrementalStepRunReason Reason)> Reasons(GeneratorDriverRunResult result, IEnumerable<string> trackingNames)
    {
        GeneratorRunResult run = result.Results.Single();
        var reasons = new List<(string, IncrementalStepRunReason)>();
        foreach (string name in trackingNames)
        {
            if (run.TrackedSteps.TryGetValue(name, out var steps))
            {
                reasons.AddRange(steps.SelectMany(step => step.Outputs).Select(output => (name, output.Reason)));
            }
        }

        return reasons;
    }

    /// <summary>Fails unless every output of the named steps was <see cref="IncrementalStepRunReason.Cached"/> or <see cref="IncrementalStepRunReason.Unchanged"/>.</summary>
    public static void AllCachedOrUnchanged(GeneratorDriverRunResult result, IEnumerable<string> trackingNames)
    {
        var reasons = Reasons(result, trackingNames);
        Assert.NotEmpty(reasons);
        var changed = reasons.Where(r => r.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(changed.Count == 0, "Steps that re-ran: " + string.Join(", ", changed.Select(c => $"{c.Step}={c.Reason}")));
    }

    /// <summary>
    /// Walks every output value of every tracked step (and the step inputs) and fails if one holds a Roslyn object
    /// (<see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="Compilation"/>, <see cref="SemanticModel"/>, <see cref="Location"/>):
    /// such a value defeats caching and keeps whole compilations alive.
    /// </summary>
    public static void NoRoslynObjectsInOutputs(GeneratorDriverRunResult result, IEnumerable<string> trackingNames)
    {
        GeneratorRunResult run = result.Results.Single();
        int walked = 0;
        foreach (string name in trackingNames)
        {
            foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[name])
            {
                foreach ((object value, _) in step.Outputs)
                {
                    Walk(value, $"{name} output", new HashSet<object>(ReferenceEqualityComparer.Instance));
                    walked++;
                }
            }
        }

        Assert.True(walked > 0, "No tracked outputs were walked: the check would pass vacuously.");
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree,
            $"{path} holds a Roslyn object of type {value.GetType().FullName}.");

        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
