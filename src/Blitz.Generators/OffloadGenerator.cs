using Blitz.CodeAnalysis;
using Blitz.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Blitz.Generators;

/// <summary>
/// Emits an async wrapper for every method marked <c>[Blocking]</c> or <c>[CpuBound]</c>: the wrapper packs the
/// arguments into a generated struct work item and hands it to the blocking pool or the CPU pool of
/// <c>BlitzRuntime.Default</c>. Invalid targets get nothing; the Blitz usage analyzers explain why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class OffloadGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<WrapperModel?> blocking = Targets(
            context, OffloadAttributes.BlockingMetadataName, OffloadPool.Blocking, TrackingNames.BlockingTargets, TrackingNames.ValidBlockingTargets);
        IncrementalValuesProvider<WrapperModel?> cpuBound = Targets(
            context, OffloadAttributes.CpuBoundMetadataName, OffloadPool.Cpu, TrackingNames.CpuBoundTargets, TrackingNames.ValidCpuBoundTargets);

        context.RegisterSourceOutput(blocking, static (output, model) => Emitter.Emit(output, model!));
        context.RegisterSourceOutput(cpuBound, static (output, model) => Emitter.Emit(output, model!));
    }

    // Invalid targets parse to null and are dropped here: the generator reports nothing (the analyzers do).
    private static IncrementalValuesProvider<WrapperModel?> Targets(
        IncrementalGeneratorInitializationContext context, string attributeMetadataName, OffloadPool pool, string parsedStep, string validStep)
        => context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attributeMetadataName,
                static (node, _) => node is MethodDeclarationSyntax,
                (attributeContext, cancellationToken) => Parser.Parse(attributeContext, pool, cancellationToken))
            .WithTrackingName(parsedStep)
            .Where(static model => model is not null)
            .WithTrackingName(validStep);
}
