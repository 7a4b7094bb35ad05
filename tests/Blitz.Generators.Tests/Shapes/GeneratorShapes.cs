namespace Blitz.Generators.Tests.Shapes;

/// <summary>
/// The declaration shapes the generator supports, one source each. Golden files pin their generated text and every
/// one must compile with its output without a single warning.
/// </summary>
public static class GeneratorShapes
{
    public static readonly IReadOnlyDictionary<string, string> All = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["StaticBlocking"] = """
            using Blitz;

            namespace Demo.Hashing;

            public static partial class Hasher
            {
                [Blocking]
                public static byte[] Hash(byte[] data) => data;
            }
            """,
        ["InstanceCpuBound"] = """
            using Blitz;

            namespace Demo;

            public partial class Ranker
            {
                private readonly int weight = 3;

                [CpuBound]
                public int Rank(int[] scores) => scores.Length * weight;
            }
            """,
        ["VoidMethod"] = """
            using Blitz;

            namespace Demo;

            public partial class Archive
            {
                [Blocking]
                public void Compress(string path, int level) { }
            }
            """,
        ["ExistingCancellationToken"] = """
            using System.Threading;
            using Blitz;

            namespace Demo;

            public partial class Reader
            {
                [Blocking]
                public string Read(string path, CancellationToken token, int retries = 2) => path;
            }
            """,
        ["MethodNameOverride"] = """
            using Blitz;

            namespace Demo;

            public partial class Images
            {
                [CpuBound(MethodName = "DecodeOnCpuPoolAsync")]
                public static int[] Decode(byte[] image) => new int[image.Length];
            }
            """,
        ["GenericMethodWithConstraints"] = """
            using System;
            using System.Collections.Generic;
            using Blitz;

            namespace Demo;

            public partial class Sorter
            {
                [CpuBound]
                public static TItem Max<TItem, TKey>(IReadOnlyList<TItem> items, Func<TItem, TKey> key)
                    where TItem : class, new()
                    where TKey : struct, IComparable<TKey>
                    => items.Count > 0 ? items[0] : new TItem();

                [Blocking]
                public static T Echo<T>(T value) where T : notnull => value;

                [Blocking]
                public static T Fallback<T>(string? name, string suppressed = null!, T value = default!) => value;

                [Blocking]
                public static T? Maybe<T>(T? value) where T : class? => value;

                [CpuBound]
                public static int Sum<T>(T[] values) where T : unmanaged => values.Length;
            }
            """,
        ["GenericContainingType"] = """
            using System.Collections.Generic;
            using Blitz;

            namespace Demo;

            public partial class Cache<TKey, TValue> where TKey : notnull
            {
                private readonly Dictionary<TKey, TValue> items = new();

                [Blocking]
                public TValue? Load(TKey key) => items.TryGetValue(key, out TValue? value) ? value : default;
            }
            """,
        ["NestedTypes"] = """
            using Blitz;

            namespace Demo;

            public partial class Outer
            {
                internal partial struct Middle
                {
                    public partial record Inner
                    {
                        [Blocking]
                        public long Count(string text) => text.Length;

                        public partial record struct Deepest
                        {
                            [CpuBound]
                            internal static double Mean(double[] values) => values.Length;
                        }
                    }
                }
            }
            """,
        ["GlobalNamespace"] = """
            using Blitz;

            public partial class GlobalWorker
            {
                [Blocking]
                public static int Work(int input) => input;
            }
            """,
        ["BlockScopedNamespace"] = """
            using Blitz;

            namespace Demo.Outer
            {
                namespace Inner
                {
                    partial class Legacy
                    {
                        [Blocking]
                        static string Name() => "legacy";
                    }
                }
            }
            """,
        ["Accessibilities"] = """
            using Blitz;

            namespace Demo;

            public partial class Access
            {
                [Blocking] internal int Internal() => 1;
                [Blocking] protected int Protected() => 2;
                [Blocking] protected internal int ProtectedInternal() => 3;
                [Blocking] private protected int PrivateProtected() => 4;
                [Blocking] private int Private() => 5;
                public int UsePrivate() => Private();
            }
            """,
        ["DefaultValues"] = """
            using System;
            using Blitz;

            namespace Demo;

            public enum Mode { Fast = 1, Careful = -2 }

            public partial class Defaults
            {
                [Blocking]
                public static string Run(
                    string text = "a \"quoted\"\n line",
                    int count = -3,
                    long big = long.MaxValue,
                    double ratio = 0.1,
                    float scale = 1.5f,
                    decimal price = 9.99m,
                    char separator = '\'',
                    bool flag = true,
                    Mode mode = Mode.Careful,
                    Mode? maybe = Mode.Fast,
                    int? optional = null,
                    string? none = null,
                    DateTime when = default,
                    double nan = double.NaN,
                    uint unsigned = 4000000000) => text;
            }
            """,
        ["ParamsArray"] = """
            using Blitz;

            namespace Demo;

            public static partial class Math2
            {
                [CpuBound]
                public static int Sum(int seed = 1, params int[] values) => seed + values.Length;
            }
            """,
        ["NullableAnnotations"] = """
            using System.Collections.Generic;
            using Blitz;

            namespace Demo;

            public partial class Directory
            {
                [Blocking]
                public string? Find(string? key, List<string?> names, Dictionary<string, List<int?>> index) => key;
            }
            """,
        ["NullableOblivious"] = """
            #nullable disable
            using Blitz;

            namespace Demo;

            public partial class OldCode
            {
                [Blocking]
                public static string Join(string left, string right = null) => left + right;
            }
            """,
        ["Overloads"] = """
            using Blitz;

            namespace Demo;

            public partial class Parser
            {
                [CpuBound]
                public static int Parse(string text) => text.Length;

                [CpuBound]
                public static int Parse(byte[] bytes) => bytes.Length;

                public static int Parse(char c) => c;
            }
            """,
        ["KeywordNames"] = """
            using Blitz;

            namespace Demo.@event;

            public partial class @class
            {
                [Blocking]
                public static int @return(int @int, string @string) => @int;
            }
            """,
        ["ExtensionMethod"] = """
            using Blitz;

            namespace Demo;

            public static partial class TextExtensions
            {
                [CpuBound]
                public static int CountVowels(this string text) => text.Length;
            }
            """,
        ["RecordsAndStructs"] = """
            using Blitz;

            namespace Demo;

            public partial record Invoice(decimal Amount)
            {
                [Blocking]
                public string Render() => Amount.ToString();
            }

            public readonly partial record struct Point(int X, int Y)
            {
                [CpuBound]
                public static double Distance(Point a, Point b) => a.X - b.X;
            }

            public ref partial struct Scanner
            {
                [Blocking]
                public static int Scan(string text) => text.Length;
            }
            """,
        ["ObsoleteMethod"] = """
            using System;
            using Blitz;

            namespace Demo;

            public partial class Legacy
            {
                [Obsolete("Use the new API.")]
                [Blocking]
                public int Old() => 1;
            }
            """,
        ["TupleAndArrays"] = """
            using System.Collections.Generic;
            using Blitz;

            namespace Demo;

            public partial class Shapes
            {
                [CpuBound]
                public (int Count, string? Name) Describe(int[,] grid, (string Key, int[][] Jagged) input, IEnumerable<(int, int)> pairs) => (grid.Length, input.Key);
            }
            """,
    };
}
