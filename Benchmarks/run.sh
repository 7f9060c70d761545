#!/usr/bin/env bash
# Benchmarks of archdecide's decision core on this machine. Prints a Markdown table and writes it
# to Benchmarks/results.md. Needs hyperfine (apt-get install -y hyperfine). Not part of CI's
# pass/fail: shared machines are noisy; `--quick` runs a short smoke version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
quick=0; [[ "${1:-}" == "--quick" ]] && quick=1
runs=30; batch=10000
((quick)) && { runs=5; batch=1000; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 1; }

echo "building release binaries..." >&2
(cd "$root" && swift build -c release --static-swift-stdlib >&2)
bin="$root/.build/release/archdecide"
(cd "$here" && swift build -c release >&2)
bench="$here/.build/release/archdecide-bench"
printf '' > "$work/empty.swift"
swiftc -O -static-stdlib "$work/empty.swift" -o "$work/empty" 2>/dev/null || swiftc -O "$work/empty.swift" -o "$work/empty"
"$bench" generate-profiles "$batch" "$work/batch"
export ARCHDECIDE_DB="$work/decisions.sqlite"

hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/start.json" \
  -n empty "$work/empty" \
  -n decide "$bin decide --no-record --format json $root/Examples/deskpilot.yaml" >&2
hyperfine --warmup 1 --runs $(( quick ? 2 : 5 )) --export-json "$work/batch.json" \
  -n batch "$bin decide --no-record --format jsonl $work/batch > /dev/null" >&2

python3 - "$work" "$batch" > "$work/table.md" <<'PY'
import json, sys, statistics, platform, os, datetime
work, batch = sys.argv[1], int(sys.argv[2])
start = {r["command"]: r for r in json.load(open(f"{work}/start.json"))["results"]}
b = json.load(open(f"{work}/batch.json"))["results"][0]
empty, decide = statistics.median(start["empty"]["times"]), statistics.median(start["decide"]["times"])
bm = statistics.median(b["times"])
print(f"Taken {datetime.date.today()} on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), medians.\n")
print("| measure | median | spread | target | result |")
print("|---|---:|---:|---:|---|")
print(f"| empty Swift binary, start to exit | {empty*1e3:.2f} ms | ±{statistics.pstdev(start['empty']['times'])*1e3:.2f} | | |")
print(f"| `decide` one profile, whole process | {decide*1e3:.2f} ms | ±{statistics.pstdev(start['decide']['times'])*1e3:.2f} | ≤ 3× empty | {decide/empty:.1f}× {'met' if decide/empty <= 3 else 'missed'} |")
print(f"| `decide --format jsonl` on {batch:,} profiles, one process | {bm:.2f} s | {min(b['times']):.2f}–{max(b['times']):.2f} | ≥ 20,000/s | {batch/bm:,.0f}/s {'met' if batch/bm >= 20000 else 'missed'} |")
PY
"$bench" >> "$work/table.md"
cat "$work/table.md"
cp "$work/table.md" "$here/results.md"
