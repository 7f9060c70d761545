#!/usr/bin/env bash
# /healthz before and after the swift-metrics change (issue 16), side by side in one run.
#
# Generates the full-featured service and monolith (Examples/generate) with archdecide, then a
# "before" copy of each that differs only in its metrics:
#   service:  the hand-written Metrics.swift of 3c67511 (a locked dictionary of series, its own
#             middleware) in place of Hummingbird's MetricsMiddleware + swift-prometheus;
#   monolith: no MetricsSystem bootstrapped (Vapor reports to swift-metrics' no-op handler, as
#             every monolith did before it served /metrics) in place of swift-prometheus.
# Builds all four in release into one scratch folder, starts each pair at once on loopback and
# runs `wrk -t2 -c64 -d$DUR` against before and after in alternation, ROUNDS times after a warm-up.
# Prints each run and the medians; "lost" is 1 - after/before of the medians.
# Usage: Benchmarks/metrics-before-after.sh    (ARCHDECIDE_BIN, SCRATCH, ROUNDS, DUR, WORK, LAYOUTS="service monolith")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${ARCHDECIDE_BIN:-$(cd "$ROOT" && swift build --show-bin-path)/archdecide}"
SCRATCH="${SCRATCH:-$ROOT/.build-bench-metrics}"
ROUNDS="${ROUNDS:-7}" DUR="${DUR:-8s}" LAYOUTS="${LAYOUTS:-service monolith}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/metrics-bench.XXXXXX")}"
BEFORE_COMMIT=3c67511
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
mkdir -p "$WORK/bin"

gen() { [ -d "$WORK/$2" ] || "$BIN" generate --profile "$ROOT/Examples/generate/$1.yaml" --output "$WORK/$2" --no-record --no-git >/dev/null; }
gen full-service service-after
gen full-monolith monolith-after
rm -rf "$WORK/service-before" "$WORK/monolith-before"
cp -r "$WORK/service-after" "$WORK/service-before"
cp -r "$WORK/monolith-after" "$WORK/monolith-before"

# service before: the hand-written metrics of $BEFORE_COMMIT, wired as they were then.
SVC=$(ls "$WORK/service-before/Sources")
git -C "$ROOT" show "$BEFORE_COMMIT:Sources/BundledTemplates/Templates/hummingbird-service/Sources/_module_/Metrics.swift.mustache" \
    > "$WORK/service-before/Sources/$SVC/Metrics.swift"
B="$WORK/service-before/Sources/$SVC/Application+build.swift"
sed -i -e '/_ = AppMetrics.registry/d' \
    -e 's/^func buildRouter(_ config: AppConfig, logger: Logger) throws/func buildRouter(_ config: AppConfig, logger: Logger, metrics: Metrics = Metrics()) throws/' \
    -e 's/router.middlewares.add(RequestMetricsMiddleware())/router.middlewares.add(MetricsMiddleware(metrics: metrics))/' \
    -e 's/body: .init(byteBuffer: ByteBuffer(bytes: AppMetrics.render())))/body: .init(byteBuffer: metrics.render()))/' "$B"
grep -q 'MetricsMiddleware(metrics: metrics)' "$B" && grep -q 'metrics.render()' "$B" || { echo "error: could not rewire $B" >&2; exit 1; }
# Its Tests stay (the manifest names them; a release `swift build` does not compile them).
rm -f "$WORK/service-before/Sources/$SVC/CachedMetricsFactory.swift"  # before: no swift-metrics factory at all
# monolith before: nothing bootstrapped.
MONO=$(ls "$WORK/monolith-before/Sources")
sed -i '/_ = AppMetrics.registry/d' "$WORK/monolith-before/Sources/$MONO/configure.swift"
! grep -q 'AppMetrics.registry' "$WORK/monolith-before/Sources/$MONO/configure.swift"

for repo in monolith-before monolith-after service-before service-after; do
    [[ " $LAYOUTS " == *" ${repo%-*} "* ]] || continue
    echo "building $repo (release)" >&2
    (cd "$WORK/$repo" && swift build -c release --scratch-path "$SCRATCH" >"$WORK/$repo.build.log" 2>&1) \
        || { tail -30 "$WORK/$repo.build.log" >&2; exit 1; }
    product=$(sed -n 's/.*\.executable(name: "\([^"]*\)".*/\1/p' "$WORK/$repo/Package.swift" | head -1)
    cp "$(cd "$WORK/$repo" && swift build -c release --show-bin-path --scratch-path "$SCRATCH")/$product" "$WORK/bin/$repo"
done

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() {  # start NAME PORT
    local dir="$WORK/run-$1"; mkdir -p "$dir"
    case $1 in
        service-*) (cd "$dir" && HOST=127.0.0.1 PORT=$2 LOG_LEVEL=warning exec "$WORK/bin/$1") >"$dir/log" 2>&1 & ;;
        monolith-*) (cd "$dir" && HOST=127.0.0.1 PORT=$2 LOG_LEVEL=warning SQLITE_PATH="$dir/db.sqlite" WEBHOOK_SECRET=bench \
                     exec "$WORK/bin/$1" serve --env production) >"$dir/log" 2>&1 & ;;
    esac
    PIDS+=("$!")
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$2/healthz" 2>/dev/null && return 0; sleep 0.2; done
    cat "$dir/log" >&2; echo "error: $1 did not start" >&2; exit 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "# /healthz before and after the swift-metrics change: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t2 -c64 -d$DUR, $ROUNDS rounds, before and after alternating; req/s"
for layout in $LAYOUTS; do
    start "$layout-before" 19201; start "$layout-after" 19202
    # Each server's /metrics must show what it is: the after one Prometheus' series for /healthz.
    curl -fsS -o /dev/null http://127.0.0.1:19202/healthz
    curl -fsS http://127.0.0.1:19202/metrics | grep -q 'http_requests_total{method="GET",route="/healthz",status="200"}' \
        || { echo "error: $layout-after does not count /healthz on /metrics" >&2; exit 1; }
    for port in 19201 19202; do wrk -t2 -c64 -d3s "http://127.0.0.1:$port/healthz" >/dev/null; done
    : > "$WORK/$layout.runs"
    for round in $(seq 1 "$ROUNDS"); do
        for side in before after; do
            port=19201; [ $side = after ] && port=19202
            rps=$(wrk -t2 -c64 -d"$DUR" "http://127.0.0.1:$port/healthz" | awk '/Requests\/sec/ {print $2}')
            echo "$layout $side $round $rps" | tee -a "$WORK/$layout.runs"
        done
    done
    b=$(awk '$2=="before" {print $4}' "$WORK/$layout.runs" | median)
    a=$(awk '$2=="after" {print $4}' "$WORK/$layout.runs" | median)
    echo "$layout median: before $b req/s, after $a req/s, after/before $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a/b}'), lost $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1f%%", 100*(1-a/b)}')"
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
    PIDS=()
done
echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
