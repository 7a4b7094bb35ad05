namespace Blitz.Generators.Model;

/// <summary>A parameter of the annotated method, copied onto the wrapper and held by the work item.</summary>
/// <param name="Name">The name, escaped if it is a keyword (<c>@event</c>).</param>
/// <param name="Type">The fully qualified type with its nullability.</param>
/// <param name="DefaultValue">The default value as C# source, or <see langword="null"/> when the parameter has none.</param>
/// <param name="IsParams">The parameter is a <c>params</c> collection.</param>
/// <param name="IsThis">The parameter is the <c>this</c> parameter of an extension method.</param>
/// <param name="IsCancellationToken">The wrapper's cancellation token flows into this parameter.</param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    string? DefaultValue,
    bool IsParams,
    bool IsThis,
    bool IsCancellationToken)
{
    /// <summary>The name of the work item's field that holds the argument; the prefix keeps it apart from <c>target</c>.</summary>
    public string FieldName => "_" + Name.TrimStart('@');
}
