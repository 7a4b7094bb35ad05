using System.Text;

namespace Blitz.TestSupport;

/// <summary>One random source file around one annotated method.</summary>
/// <param name="Index">The case number; every type it declares is named <c>T{Index}x{n}</c>, so cases can share a compilation.</param>
/// <param name="FileName">The file name to parse it under (<c>Fuzz{Index}.cs</c>).</param>
/// <param name="Source">The source text.</param>
/// <param name="Mutated">Random characters were cut or inserted after writing it (it most likely does not parse).</param>
public sealed record GeneratorFuzzCase(int Index, string FileName, string Source, bool Mutated);

/// <summary>
/// Writes random method declarations marked <c>[Blocking]</c>/<c>[CpuBound]</c> (seeded, so a failing case can be
/// replayed): random containing types and nesting, accessibility and modifiers, type parameters and constraints,
/// parameter kinds, types and default values, sibling members that may collide, and broken syntax. Generator tests
/// check that nothing throws and that valid targets compile with their wrappers; usage-rule tests can run the
/// analyzers over the same cases.
/// </summary>
public sealed class GeneratorFuzzDeclarations(int seed)
{
    /// <summary>The name of the annotated method of every case (a sibling overload may share it).</summary>
    public const string TargetName = "Target";

    // Each pool lists valid choices first; a "tame" case picks only from those, a "wild" case from all.
    private static readonly string[] ReturnTypes =
    [
        "void", "void", "int", "int", "string", "string?", "byte[]", "int?", "(int A, string B)", "List<int>",
        "Dictionary<string, List<int?>>", "CancellationToken", "object", "decimal", "Mode", "T0", "T0[]",
        "IEnumerable<string?>", "Func<int, string>",
        "Task", "Task<int>", "ValueTask<int>", "Span<int>", "ReadOnlySpan<byte>", "ref int", "ref readonly int", "int*", "Missing",
    ];

    private const int ValidReturnTypes = 19;

    private static readonly string[] ParameterTypes =
    [
        "int", "int", "string", "string?", "byte[]", "long", "double", "float", "bool", "char", "decimal", "int?",
        "Mode", "Mode?", "CancellationToken", "CancellationToken", "CancellationToken?", "List<string>", "object?",
        "(int, int)", "T0", "T1", "int[,]", "IReadOnlyList<T0>", "DateTime", "nint",
        "Span<int>", "ReadOnlySpan<char>", "int*", "delegate*<void>", "Missing", "dynamic",
    ];

    private const int ValidParameterTypes = 26;

    private static readonly string[] ParameterNames =
    [
        "value", "data", "count", "target", "cancellationToken", "token", "@event", "@class", "_x", "x", "items",
        "Execute", "instance", "value",
    ];

    private static readonly string[] Accessibilities =
        ["public", "internal", "private", "protected", "protected internal", "private protected", ""];

    // (modifiers before 'partial', the declaration keyword)
    private static readonly (string Modifiers, string Keyword)[] TypeKinds =
    [
        ("", "class"), ("", "class"), ("", "class"), ("static ", "class"), ("abstract ", "class"), ("sealed ", "class"),
        ("", "struct"), ("readonly ", "struct"), ("ref ", "struct"), ("", "record"), ("", "record struct"), ("", "interface"),
    ];

    private const int ValidTypeKinds = 11;

    private static readonly string[] Constraints =
        ["class", "class?", "struct", "unmanaged", "notnull", "new()", "IComparable<T0>", "allows ref struct", "Mode"];

    private readonly Random random = new(seed);

    // Tame cases stay within what the generator supports (so most get a wrapper); wild ones roam everywhere.
    private bool wild;
    private bool containerGeneric;

    /// <summary>The next <paramref name="count"/> cases, numbered from <paramref name="firstIndex"/>.</summary>
    public IEnumerable<GeneratorFuzzCase> Take(int count, int firstIndex = 0)
    {
        for (int i = 0; i < count; i++)
        {
            yield return Next(firstIndex + i);
        }
    }

    /// <summary>A new random case numbered <paramref name="index"/>.</summary>
    public GeneratorFuzzCase Next(int index)
    {
        wild = Chance(50);
        var source = new StringBuilder();
        source.AppendLine("using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Blitz;");
        if (Chance(15))
        {
            source.AppendLine(Chance(50) ? "#nullable disable" : "#nullable enable annotations");
        }

        int namespaceStyle = random.Next(4); // 0: global, 1: file-scoped, 2-3: block
        if (namespaceStyle == 1)
        {
            source.AppendLine($"namespace Fuzz{index}.{Pick(["Inner", "@event", "Deep.Er"])};");
        }
        else if (namespaceStyle >= 2)
        {
            source.AppendLine($"namespace Fuzz{index} {{");
        }

        source.AppendLine("public enum Mode { A = 1, B = -2 }");
        int depth = 1 + random.Next(3);
        var closers = new Stack<string>();
        (string Modifiers, string Keyword) containerKind = TypeKinds[0];
        for (int level = 0; level < depth; level++)
        {
            containerKind = TypeKinds[random.Next(wild ? TypeKinds.Length : ValidTypeKinds)];
            string partial = wild && Chance(15) ? string.Empty : "partial ";
            containerGeneric = level == depth - 1 && Chance(20);
            string typeParameters = containerGeneric ? "<T1>" : string.Empty;
            string access = (wild && Chance(10) ? "file " : string.Empty) + (level == 0 ? string.Empty : Pick(Accessibilities) + " ");
            source.AppendLine($"{access}{containerKind.Modifiers}{partial}{containerKind.Keyword} T{index}x{level}{typeParameters} {{");
            closers.Push("}");
        }

        WriteSiblings(source, index);
        WriteMethod(source, index, isStaticClass: containerKind.Modifiers == "static ");

        while (closers.Count > 0)
        {
            source.AppendLine(closers.Pop());
        }

        if (namespaceStyle >= 2)
        {
            source.AppendLine("}");
        }

        string text = source.ToString().Replace("Mode", $"Mode{index}", StringComparison.Ordinal);
        bool mutated = wild && Chance(25);
        if (mutated)
        {
            text = Mutate(text);
        }

        return new GeneratorFuzzCase(index, $"Fuzz{index}.cs", text, mutated);
    }

    private void WriteMethod(StringBuilder source, int index, bool isStaticClass)
    {
        string attribute = random.Next(wild ? 10 : 1) switch
        {
            7 => "[Blocking, CpuBound]",
            8 => "[CpuBound(MethodName = \"" + Pick(["class", "not valid", "Target", "Work", "Target" + "Async"]) + "\")]",
            9 => "[Blocking(MethodName = \"Run" + index + "\")]",
            _ when Chance(40) => "[CpuBound]",
            _ => "[Blocking]",
        };

        var modifiers = new List<string> { Pick(Accessibilities) };
        bool isStatic = isStaticClass || Chance(55);
        if (isStatic)
        {
            modifiers.Add("static");
        }
        else if (Chance(10))
        {
            modifiers.Add(wild ? Pick(["virtual", "abstract", "extern", "new", "override", "sealed"]) : "virtual");
        }

        if (wild && Chance(12))
        {
            modifiers.Add(Pick(["async", "unsafe", "extern", "partial"]));
        }

        string typeParameters = string.Empty;
        string constraints = string.Empty;
        int arity = Chance(25) ? 1 + random.Next(2) : 0;
        if (arity > 0)
        {
            typeParameters = arity == 1 ? "<T0>" : "<T0, T2>";
            if (Chance(50))
            {
                constraints = " where T0 : " + Pick(Constraints);
            }
        }

        string returnType = ReturnTypes[random.Next(wild ? ReturnTypes.Length : ValidReturnTypes)];
        if (arity == 0)
        {
            returnType = returnType.Replace("T0", "int", StringComparison.Ordinal);
        }

        var parameters = new List<string>();
        int parameterCount = random.Next(5);
        for (int i = 0; i < parameterCount; i++)
        {
            parameters.Add(WriteParameter(i, parameterCount, isStatic, arity > 0));
        }

        string body = returnType switch
        {
            "void" => "{ }",
            _ when modifiers.Contains("abstract") || modifiers.Contains("extern") => ";",
            _ => "=> throw null!;",
        };
        if (modifiers.Contains("abstract") || modifiers.Contains("extern") || (modifiers.Contains("partial") && Chance(50)))
        {
            body = ";";
        }

        source.AppendLine($"    {attribute}");
        source.AppendLine($"    {string.Join(' ', modifiers)} {returnType} {TargetName}{typeParameters}({string.Join(", ", parameters)}){constraints} {body}");
    }

    private string WriteParameter(int position, int count, bool isStatic, bool generic)
    {
        string type = ParameterTypes[random.Next(wild ? ParameterTypes.Length : ValidParameterTypes)];
        if (!generic)
        {
            type = type.Replace("T0", "int", StringComparison.Ordinal);
        }

        if (!containerGeneric && !wild)
        {
            type = type.Replace("T1", "string", StringComparison.Ordinal);
        }

        string modifier = (wild ? random.Next(14) : random.Next(5, 14)) switch
        {
            0 => "ref ",
            1 => "out ",
            2 => "in ",
            3 => "ref readonly ",
            4 => "scoped ",
            5 when position == count - 1 => "params ",
            6 when position == 0 && isStatic => "this ",
            _ => string.Empty,
        };
        if (modifier == "params ")
        {
            type = Pick(["int[]", "string[]", "List<int>", "ReadOnlySpan<int>", "object[]"]);
        }

        string name = Pick(ParameterNames) + (Chance(85) ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        string defaultValue = modifier.Length == 0 && (position >= count - 2) && Chance(40) ? " = " + DefaultFor(type) : string.Empty;
        return modifier + type + " " + name + defaultValue;
    }

    private string DefaultFor(string type) => type switch
    {
        "int" or "long" or "nint" => random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "double" => "1.5",
        "float" => "2.5f",
        "decimal" => "3.25m",
        "bool" => "true",
        "char" => "'\\n'",
        "string" => Chance(20) ? "null" : "\"a\\\"b\"",
        "Mode" => "Mode.B",
        "Mode?" => Chance(50) ? "null" : "Mode.A",
        "int?" or "string?" or "object?" or "CancellationToken?" or "List<string>" or "byte[]" => "null",
        _ => Chance(10) ? "42" : "default",
    };

    // Realistic breakage: text cut at a random point, a random span deleted, or stray tokens inserted.
    private string Mutate(string text)
    {
        int position = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text[..position],
            1 => text.Remove(position, Math.Min(text.Length - position, 1 + random.Next(12))),
            _ => text.Insert(position, Pick(["{", "}", "(", ")", "[Blocking(", ";", "<", "ref ", "\"", "/*", "#if X\n", "partial "])),
        };
    }

    private void WriteSiblings(StringBuilder source, int index)
    {
        switch (random.Next(10))
        {
            case 0:
                source.AppendLine("    public ValueTask<int> TargetAsync(int x, CancellationToken c) => default;");
                break;
            case 1:
                source.AppendLine("    public int TargetAsync => 1;");
                break;
            case 2:
                source.AppendLine("    [Blocking] public static int Target(string overload) => 1;");
                break;
            case 3:
                source.AppendLine($"    private sealed class TargetWorkItem {{ }}");
                break;
            case 4:
                source.AppendLine($"    [CpuBound(MethodName = \"Run{index}\")] public static void Other() {{ }}");
                break;
            default:
                break;
        }
    }

    private bool Chance(int percent) => random.Next(100) < percent;

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
