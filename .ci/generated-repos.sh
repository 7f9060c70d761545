#!/usr/bin/env bash
# Proof for `archdecide generate` (issue 4): builds archdecide, generates the full-featured
# monolith and microservice from Examples/generate, builds and tests each (one shared scratch
# folder, largest first), then starts each built server on 127.0.0.1 and checks it over HTTP.
# Needs: the Swift toolchain, git, curl (installed with apt-get when missing and run as root).
# Usage: .ci/generated-repos.sh            Exit status: 0 when every check passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${GENERATED_SCRATCH:-$ROOT/.build-generated}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archdecide-generated.XXXXXX")"
MONO_PORT="${MONO_PORT:-18480}"
SVC_PORT="${SVC_PORT:-18481}"
PIDS=()
START=$(date +%s)

cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n==> %s  (+%ss)\n' "$*" "$(( $(date +%s) - START ))"; }
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*" >&2; exit 1; }
# check DESCRIPTION COMMAND...: runs the command quietly, prints ok or fails the script.
check() {
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

step "tools"
missing=()
for tool in git curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        fail "missing: ${missing[*]} (apt-get install ${missing[*]})"
    fi
fi
pass "swift $(swift --version 2>/dev/null | head -1 | sed 's/.*version \([0-9.]*\).*/\1/'), git, curl"

step "build archdecide"
(cd "$ROOT" && swift build --product archdecide)
BIN="$(cd "$ROOT" && swift build --show-bin-path)/archdecide"
pass "built $BIN"

step "generate the full-featured monolith and microservice"
"$BIN" generate --profile "$ROOT/Examples/generate/full-monolith.yaml" --output "$WORK/monolith" --no-record
"$BIN" generate --profile "$ROOT/Examples/generate/full-service.yaml" --output "$WORK/service" --no-record
check "monolith: recommended and laid out as vapor-monolith" grep -q '^# layout: vapor-monolith (monolith)$' "$WORK/monolith/.archdecide/profile.yaml"
check "service: recommended and laid out as hummingbird-service" grep -q '^# layout: hummingbird-service (microservice)$' "$WORK/service/.archdecide/profile.yaml"
check "monolith: git repository with one commit" test "$(git -C "$WORK/monolith" rev-list --count HEAD)" = 1
check "service: git repository with one commit" test "$(git -C "$WORK/service" rev-list --count HEAD)" = 1
check "monolith: ADR in MADR form" grep -q '^## Decision Outcome' "$WORK/monolith/docs/adr/0001-architecture.md"
check "the profile snapshot decides again" "$BIN" decide "$WORK/monolith/.archdecide/profile.yaml" --no-record

# Largest first: the monolith's Vapor + Fluent build fills the shared scratch folder.
for repo in monolith service; do
    step "$repo: swift build --build-tests"
    (cd "$WORK/$repo" && swift build --build-tests --scratch-path "$SCRATCH")
    pass "$repo builds"
    step "$repo: swift test"
    (cd "$WORK/$repo" && swift test --skip-build --scratch-path "$SCRATCH")
    pass "$repo tests pass"
done
BINS="$(cd "$WORK/service" && swift build --show-bin-path --scratch-path "$SCRATCH")"

# wait_for URL: up to 30 s for a server to answer.
wait_for() {
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

step "microservice on 127.0.0.1:$SVC_PORT"
HOST=127.0.0.1 PORT=$SVC_PORT LOG_LEVEL=warning "$BINS/embedgate" > "$WORK/service.log" 2>&1 &
SVC_PID=$!
PIDS+=("$SVC_PID")
wait_for "http://127.0.0.1:$SVC_PORT/healthz" || { cat "$WORK/service.log"; fail "the service did not start"; }
S="http://127.0.0.1:$SVC_PORT"
check "GET /healthz answers {\"status\":\"ok\"}" test "$(curl -fsS "$S/healthz")" = '{"status":"ok"}'
EMB=$(curl -fsS "$S/v1/embeddings" -H 'content-type: application/json' -d '{"model":"local","input":["hello world","second input"]}')
check "POST /v1/embeddings: an OpenAI list with two embeddings" test "$(grep -o '"object":"embedding"' <<<"$EMB" | wc -l)" = 2
FIRST=$(sed 's/^[^[]*\[[^[]*\[\([^]]*\)\].*/\1/' <<<"$EMB")
check "POST /v1/embeddings: 384 floats per embedding" test "$(tr ',' '\n' <<<"$FIRST" | wc -l)" = 384
B64=$(curl -fsS "$S/v1/embeddings" -H 'content-type: application/json' -d '{"model":"local","input":"hello","encoding_format":"base64"}' \
      | sed 's/.*"embedding":"\([^"]*\)".*/\1/')
check "POST /v1/embeddings with encoding_format base64: 384 float32 = 1536 bytes" test "$(base64 -d <<<"$B64" | wc -c)" = 1536
check "POST /v1/embeddings with no input: JSON 400" test "$(curl -s -o /dev/null -w '%{http_code}' "$S/v1/embeddings" -H 'content-type: application/json' -d '{"model":"m"}')" = 400
curl -fsS -N -D "$WORK/sse.headers" "$S/v1/chat/completions" -H 'content-type: application/json' \
     -d '{"model":"local","stream":true,"messages":[{"role":"user","content":"stream me please"}]}' > "$WORK/sse.body"
check "POST /v1/chat/completions stream: text/event-stream" grep -qi '^content-type: text/event-stream' "$WORK/sse.headers"
check "POST /v1/chat/completions stream: chat.completion.chunk events" grep -q '^data: {.*"object":"chat.completion.chunk"' "$WORK/sse.body"
check "POST /v1/chat/completions stream: the reply arrives" grep -q '"content":" please"' "$WORK/sse.body"
check "POST /v1/chat/completions stream: ends with data: [DONE]" test "$(grep -v '^$' "$WORK/sse.body" | tail -1)" = 'data: [DONE]'
check "GET /metrics: Prometheus counters per route" grep -q 'http_requests_total{method="POST",route="/v1/embeddings",status="200"} 2' <(curl -fsS "$S/metrics")
kill -TERM "$SVC_PID"
check "SIGTERM: graceful shutdown, exit status 0" wait "$SVC_PID"
PIDS=()

step "monolith on 127.0.0.1:$MONO_PORT (SQLite)"
# Leaf reads Resources/Views relative to the working directory: run from the repo.
(cd "$WORK/monolith" && SQLITE_PATH="$WORK/monolith.sqlite" LOG_LEVEL=warning \
    exec "$BINS/deskpilot" serve --hostname 127.0.0.1 --port "$MONO_PORT") > "$WORK/monolith.log" 2>&1 &
MONO_PID=$!
PIDS+=("$MONO_PID")
wait_for "http://127.0.0.1:$MONO_PORT/healthz" || { cat "$WORK/monolith.log"; fail "the monolith did not start"; }
M="http://127.0.0.1:$MONO_PORT"
check "GET /healthz answers {\"status\":\"ok\"}" test "$(curl -fsS "$M/healthz")" = '{"status":"ok"}'
check "GET / renders the home page" grep -q '<h1>deskpilot</h1>' <(curl -fsS "$M/")
NAME="ci-check-$RANDOM$RANDOM"
check "POST /api/items stores a record (201)" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/api/items" -H 'content-type: application/json' -d "{\"name\":\"$NAME\"}")" = 201
check "GET /items: the DB-backed page lists it" grep -q "$NAME" <(curl -fsS "$M/items")
check "GET /articles: the content page renders from the database" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/articles")" = 200
check "GET /admin without a session: redirected to /login" test "$(curl -s -o /dev/null -w '%{redirect_url}' "$M/admin")" = "$M/login"
check "POST /webhooks/payments unsigned: 401" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/webhooks/payments" -d '{}')" = 401
kill -TERM "$MONO_PID"
wait "$MONO_PID" 2>/dev/null || true
PIDS=()
pass "stopped"

step "all checks passed in $(( $(date +%s) - START ))s"
