namespace Blitz.Generators.Model;

/// <summary>One type of the chain that encloses the annotated method, re-declared as <c>partial</c> in the output.</summary>
/// <param name="Keyword">The declaration keywords, with <c>partial</c> and the modifiers every part must repeat: <c>partial class</c>, <c>ref partial struct</c>, <c>partial record struct</c>…</param>
/// <param name="Name">The type's name with its type parameter list, keywords escaped: <c>Cache&lt;TKey&gt;</c>.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
