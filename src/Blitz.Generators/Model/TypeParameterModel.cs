namespace Blitz.Generators.Model;

/// <summary>A type parameter of a generic annotated method, repeated on the wrapper and the work item.</summary>
/// <param name="Name">The name, escaped if it is a keyword.</param>
/// <param name="Constraints">The constraint list (<c>class, new()</c>), or empty when unconstrained.</param>
internal sealed record TypeParameterModel(string Name, string Constraints);
