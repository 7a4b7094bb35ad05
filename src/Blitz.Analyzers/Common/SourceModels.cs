using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace Blitz.Analyzers.Common;

/// <summary>
/// The semantic model of a source file other than the one being analyzed: a rule that reads the body of a method it
/// calls (a helper, a passed-through async method, a factory, a partial declaration) needs the model of the file that
/// declares it. Inside CompilationWithAnalyzers (the compiler's analyzer driver and the IDE's) the compilation hands
/// out the driver's cached semantic models, so this does not bind the tree again.
/// </summary>
internal static class SourceModels
{
    /// <summary>The model of <paramref name="tree"/>; only after every cheaper test matched (it binds the whole file on demand).</summary>
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer",
        Justification = "Callers read the body of one source method they reach, after their own filters matched; the compiler caches the model.")]
    public static SemanticModel Of(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
}
