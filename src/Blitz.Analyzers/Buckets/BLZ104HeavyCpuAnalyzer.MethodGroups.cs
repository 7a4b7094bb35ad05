using System.Linq;
using Blitz.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Buckets;

/// <summary>
/// BLZ104 for methods passed by name (<c>files.Select(HashFile)</c>, a local function, <c>passwords.Select(BCrypt.HashPassword)</c>)
/// to a call that runs them on the calling thread (<see cref="KnownApis.SyncDelegateRunners"/>: LINQ, List/Array
/// ForEach and ConvertAll). The method is heavy when it is a known CPU-heavy API whose condition its parameters meet,
/// or a source method whose <see cref="BlockingSummary"/> finds heavy work (bucket 3).
/// </summary>
internal sealed partial class BLZ104HeavyCpuAnalyzer
{
    private static void AnalyzeMethodGroup(OperationAnalysisContext context, BlitzSymbols symbols)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        var argument = reference.Parent is IDelegateCreationOperation creation ? Unconverted(creation.Parent) as IArgumentOperation : null;
        if (argument?.Parent is not IInvocationOperation runner || !IsSyncDelegateRunner(runner.TargetMethod)
            || !AsyncContext.IsAsyncContext(runner, context.ContainingSymbol, symbols))
        {
            return;
        }

        var method = reference.Method;
        string? what = null;
        if (symbols.TryGetCpuHeavy(method, out var entry) && AppliesToEveryCall(entry.When, method, symbols))
        {
            what = entry.What;
        }
        else if (BlockingSummaries.For(context.Compilation, symbols, context.Options, reference.Syntax.SyntaxTree) is { } summaries
            && summaries.Summarizable(method) is { } definition
            && summaries.Get(definition, reference.SemanticModel, context.CancellationToken).Blocking is { Work.Bucket: 3 } heavy)
        {
            what = heavy.Work.What + ": " + heavy.ChainFrom(runner.TargetMethod.Name);
        }

        if (what is not null)
        {
            var name = method.MethodKind == MethodKind.LocalFunction ? method.Name : method.ContainingType.Name + "." + method.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeavyCpu, reference.Syntax.GetLocation(),
                $"'{name}' passed to '{runner.TargetMethod.Name}' ({what})"));
        }
    }

    private static IOperation? Unconverted(IOperation? operation)
    {
        while (operation is IConversionOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>A table condition that holds for every call of the method: its arguments are not known, only its parameters.</summary>
    private static bool AppliesToEveryCall(HeavyWhen when, IMethodSymbol method, BlitzSymbols symbols) => when switch
    {
        HeavyWhen.Always => true,
        HeavyWhen.WholeInputArgument => method.Parameters.Any(p => BlitzSymbols.InheritsFrom(p.Type, symbols.Stream)),
        HeavyWhen.FileArgument or HeavyWhen.BlockingIo => true,
        HeavyWhen.KeySizeArgument => method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Int32),
        HeavyWhen.IoArgument => method.Parameters.Any(p => BlockingCalls.IsIoArgumentType(p.Type, symbols)),
        _ => false,
    };

    private static bool IsSyncDelegateRunner(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        var metadataName = type is null ? null : type.ContainingNamespace?.ToDisplayString() + "." + type.MetadataName;
        return metadataName is not null
            && KnownApis.SyncDelegateRunners.Any(r => r.Type == metadataName && (r.Member == "*" || r.Member == method.Name));
    }
}
