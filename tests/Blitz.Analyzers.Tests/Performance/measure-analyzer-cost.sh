#!/usr/bin/env bash
# Measures what the Blitz analyzers cost in a build (issue 4, "Performance"): builds, in a temp folder, a project made
# of this solution's runtime sources plus >= 50,000 generated lines of async service code, with the Blitz analyzers
# referenced and -p:ReportAnalyzer=true, then prints the analyzers' time against the compiler (Csc) time.
# Slow (a minute or more): run by hand, not part of CI.
# Usage: measure-analyzer-cost.sh [classes, default 1000] [every, default 10: one class in `every` holds misplaced work]
#        [severity of the suggestion rules BLZ104/107/109/110, default: as shipped; "warning" makes sure they run]
#        [deep rules BLZ111/BLZ112: "on" (default) or "off" (severity none: the compiler does not run them)]
#        [runs, default 1: the synthetic project is rebuilt from scratch this many times; the median ratio is printed,
#         since on a small shared machine one build's figure moves by several points]
#        [compiler: "fresh" (default: every build starts its own compiler process, UseSharedCompilation=false, so the
#         analyzer is loaded and JIT-compiled anew each time) or "server" (the compiler server that `dotnet build` uses
#         by default: shut down first, so the first build is a cold start and the later ones reuse the loaded analyzer)]
# Environment: BLITZ_CPU_ROUNDS=N also measures the cost as compiler CPU time with and without Blitz (see the end).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
classes="${1:-1000}"
every="${2:-10}"
suggestions="${3:-}"
deep="${4:-on}"
runs="${5:-1}"
compiler="${6:-fresh}"
case "$compiler" in
  fresh) shared=false ;;
  server) shared=true ;;
  *) echo "compiler must be fresh or server, not '$compiler'" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'is_global = true\n' > "$work/.globalconfig"
if [ -n "$suggestions" ]; then
  for id in BLZ104 BLZ107 BLZ109 BLZ110; do
    printf 'dotnet_diagnostic.%s.severity = %s\n' "$id" "$suggestions" >> "$work/.globalconfig"
  done
fi
if [ "$deep" = "off" ]; then
  for id in BLZ111 BLZ112; do
    printf 'dotnet_diagnostic.%s.severity = none\n' "$id" >> "$work/.globalconfig"
  done
fi

dotnet build "$repo/src/Blitz.Analyzers/Blitz.Analyzers.csproj" -c Release -nologo -v:q >/dev/null
analyzer="$repo/src/Blitz.Analyzers/bin/Release/netstandard2.0/Blitz.Analyzers.dll"

cat > "$work/Synthetic.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);CS1591;CS1998;CS0168;CS0219;CS8618;CA2007</NoWarn>
    <ReportAnalyzer>true</ReportAnalyzer>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$repo/src/Blitz.Runtime/**/*.cs" Exclude="$repo/src/Blitz.Runtime/obj/**;$repo/src/Blitz.Runtime/bin/**" />
    <Analyzer Include="$analyzer" />
  </ItemGroup>
</Project>
PROJ

# One class of realistic async code per file. In one class in $every, six methods hold misplaced work (sync file
# I/O, PBKDF2 inline, Thread.Sleep, a forever loop in Task.Run, and one call deep: sync file I/O in a helper, a
# daemon helper on Task.Run); in the others the same methods are written right. Every class has small sync helpers
# (a getter, a clamp) that async methods call, so the summaries of BLZ111 are computed everywhere.
gen_class() {
  local i="$1"
  local read='await File.ReadAllTextAsync(path, ct)' derive='DeriveKey(password, salt)' pause='await Task.Delay(10, ct)'
  local pump='_ = BlitzRuntime.Default.SpawnDedicated("pump", token => { while (!token.IsCancellationRequested) { Handle(_queue.Take(token)); } })'
  local settings='await File.ReadAllTextAsync(path, ct)' daemon='_ = BlitzRuntime.Default.SpawnDedicated("drain", Drain)'
  if (( i % every == 0 )); then
    read='File.ReadAllText(path)'
    derive='Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA256, 32)'
    pause='Thread.Sleep(10); await Task.Yield()'
    pump='_ = Task.Run(() => { while (true) { Handle(_queue.Take(ct)); } }, ct)'
    settings='LoadSettings(path)'
    daemon='_ = Task.Run(() => Drain(ct))'
  fi
  cat <<CS
using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blitz;

namespace Synthetic.Area$((i % 20));

public sealed record Item$i(int Id, string Name, decimal Price, List<string> Tags);

public sealed partial class Service$i(HttpClient client, DbConnection connection)
{
    private readonly SemaphoreSlim _gate = new(4);
    private readonly BlockingCollection<Item$i> _queue = new();

    public async Task<Item$i?> GetAsync(int id, CancellationToken ct)
    {
        var json = await client.GetStringAsync("https://items/" + id, ct);
        return JsonSerializer.Deserialize<Item$i>(json);
    }

    public async Task<decimal> TotalAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        var tasks = ids.Select(id => GetAsync(id, ct)).ToArray();
        await Task.WhenAll(tasks);
        decimal total = 0;
        foreach (var task in tasks) { total += task.Result?.Price ?? 0; }
        return total;
    }

    public async Task<string> LegacyAsync(string path, CancellationToken ct)
    {
        var text = $read;
        await Task.Delay(1, ct);
        return text.ToUpperInvariant();
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from items";
        var value = await command.ExecuteScalarAsync(ct);
        return Convert.ToInt32(value);
    }

    public async Task<byte[]> DeriveAsync(string password, byte[] salt, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return $derive; }
        finally { _gate.Release(); }
    }

    [Blocking]
    public static byte[] Digest(byte[] data) => SHA256.HashData(data);

    private static byte[] DeriveKey(string password, byte[] salt) => salt;

    public async Task<string> RenderAsync(IEnumerable<Item$i> items, CancellationToken ct)
    {
        var builder = new StringBuilder();
        foreach (var item in items)
        {
            builder.Append(item.Name).Append(';').Append(item.Price).Append(';');
            foreach (var tag in item.Tags) { builder.Append(tag).Append(','); }
            builder.AppendLine();
        }
        await Task.Yield();
        return builder.ToString();
    }

    public async Task<int> ChecksumAsync(byte[] payload, CancellationToken ct)
    {
        await Task.Yield();
        var sum = 0;
        for (var i = 0; i < payload.Length; i++) { sum = (sum * 31) ^ payload[i]; }
        return sum;
    }

    public void StartPump(CancellationToken ct)
    {
        $pump;
    }

    private static void Handle(Item$i item) { }

    private bool HasBacklog => _queue.Count > 0;

    private static int Clamp(int value) => Math.Clamp(value, 0, 100);

    private static string LoadSettings(string path) => File.ReadAllText(path);

    private void Drain(CancellationToken ct) { while (!ct.IsCancellationRequested) { Handle(_queue.Take(ct)); } }

    public async Task<int> ConfigureAsync(string path, CancellationToken ct)
    {
        var text = $settings;
        await Task.Yield();
        return Clamp(text.Length) + (HasBacklog ? 1 : 0);
    }

    public async Task StartDrainAsync(CancellationToken ct)
    {
        await Task.Yield();
        $daemon;
    }

    public async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (_queue.TryTake(out var item)) { Handle(item); continue; }
            $pause;
        }
    }
}
CS
}
for ((i = 0; i < classes; i++)); do gen_class "$i" > "$work/Service$i.cs"; done
lines=$(cat "$work"/*.cs | wc -l)
runtime_lines=$(find "$repo/src/Blitz.Runtime" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -exec cat {} + | wc -l)

dotnet restore "$work/Synthetic.csproj" -nologo -v:q >/dev/null
if [ "$shared" = true ]; then
  dotnet build-server shutdown >/dev/null 2>&1 || true
  trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fi
ratios=()
for ((run = 1; run <= runs; run++)); do
  dotnet build "$work/Synthetic.csproj" -c Release -nologo --no-restore --no-incremental -v:d -clp:PerformanceSummary -p:UseSharedCompilation=$shared > "$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }

  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s+[0-9]+ calls' "$work/build.log" | awk '{print $1}' | head -1)
  total_analyzers=$(grep -E 'Total analyzer execution time:' "$work/build.log" | head -1 | sed -E 's/.*: *([0-9.]+) seconds.*/\1/')
  blitz=$(grep -E '^\s+[0-9.<]+\s+[0-9]+\s+Blitz\.Analyzers, Version' "$work/build.log" | head -1 | awk '{print $1}')
  echo "synthetic: $lines generated lines in $classes files (misplaced work in 1 class of $every) + $runtime_lines runtime lines"
  echo "csc task: ${csc} ms; all analyzers: ${total_analyzers} s; Blitz.Analyzers: ${blitz} s"
  grep -E -A3 'Total analyzer execution time:' "$work/build.log" | head -4
  grep -E -A12 '^\s+[0-9.<]+\s+[0-9<]+\s+Blitz\.Analyzers, Version' "$work/build.log" | head -13
  grep -E 'warning BLZ' "$work/build.log" | sed -E 's/.*warning (BLZ[0-9]+).*/\1/' | sort | uniq -c || true
  awk -v b="$blitz" -v c="$csc" 'BEGIN { if (c > 0) printf "Blitz analyzers / compile time = %.2f%%\n", 100 * b * 1000 / c }'
  ratios+=("$(awk -v b="$blitz" -v c="$csc" 'BEGIN { if (c > 0) printf "%.2f", 100 * b * 1000 / c }')")
done
if (( runs > 1 )); then
  printf 'runs: %s%%\n' "${ratios[*]}"
  printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median Blitz analyzers / compile time = %.2f%% over %d builds\n", m, NR }'
fi

# BLITZ_CPU_ROUNDS=N: the cost as CPU time instead of the analyzer report's wall-clock attribution (which charges a
# callback for every GC pause and preemption it sits through). Runs the compiler with the build's own command line
# N times with and N times without the Blitz analyzers, alternating, and prints user+sys seconds of each.
if [ -n "${BLITZ_CPU_ROUNDS:-}" ]; then
  csc_line=$(grep -E '^\s+/\S+/Roslyn/bincore/csc ' "$work/build.log" | head -1 | sed -E 's/^\s+//')
  csc_tool=${csc_line%% *}
  printf '%s\n' "${csc_line#* }" | sed -E 's# /reportanalyzer##' > "$work/with.rsp"
  sed -E "s# /analyzer:[^ ]*Blitz\.Analyzers\.dll##" "$work/with.rsp" > "$work/without.rsp"
  (cd "$work" && for ((round = 1; round <= BLITZ_CPU_ROUNDS; round++)); do
    for variant in without with; do
      /usr/bin/time -f "$variant %U %S" -a -o "$work/cpu.txt" "$csc_tool" "@$work/$variant.rsp" > /dev/null 2>&1 || true
    done
  done)
  awk '{ cpu = $2 + $3; printf "%s: %.1f s CPU\n", $1, cpu; sum[$1] += cpu; n[$1]++ }
       END { w = sum["with"] / n["with"]; o = sum["without"] / n["without"];
             printf "mean CPU with Blitz %.1f s, without %.1f s: Blitz adds %.1f%%\n", w, o, 100 * (w - o) / o }' "$work/cpu.txt"
fi
