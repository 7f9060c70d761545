#!/usr/bin/env bash
# Proof for `archdecide generate` (issues 4 and 5): builds archdecide, generates the full-featured
# hybrid, monolith and microservice from Examples/generate, builds and tests each (one shared
# scratch folder, largest first), then starts each built server on 127.0.0.1 and checks it over
# HTTP. The hybrid runs against a throwaway PostgreSQL started here: its queue tests, its
# end-to-end flow through both services, and the queue's SIGKILL fault test.
# Needs: the Swift toolchain, git, curl, PostgreSQL (installed with apt-get when missing and run as root).
# Usage: .ci/generated-repos.sh            Exit status: 0 when every check passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${GENERATED_SCRATCH:-$ROOT/.build-generated}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archdecide-generated.XXXXXX")"
MONO_PORT="${MONO_PORT:-18480}"
SVC_PORT="${SVC_PORT:-18481}"
PG_PORT="${PG_PORT:-55439}"
PIDS=()
START=$(date +%s)
PG_DATA=""

cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ -n "$PG_DATA" ]; then pg_as_owner "$PGBIN/pg_ctl -D $PG_DATA -m immediate -w stop" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK" ${PG_DIR:+"$PG_DIR"}
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
for tool in git curl psql; do command -v "$tool" >/dev/null || missing+=("$tool"); done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PGBIN" ] || missing+=(postgresql)
missing=("${missing[@]/psql/postgresql}")
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        fail "missing: ${missing[*]} (apt-get install ${missing[*]})"
    fi
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pass "swift $(swift --version 2>/dev/null | head -1 | sed 's/.*version \([0-9.]*\).*/\1/'), git, curl, PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"

step "build archdecide"
(cd "$ROOT" && swift build --product archdecide)
BIN="$(cd "$ROOT" && swift build --show-bin-path)/archdecide"
pass "built $BIN"

step "generate the full-featured hybrid, monolith and microservice"
"$BIN" generate --profile "$ROOT/Examples/generate/full-hybrid.yaml" --output "$WORK/hybrid" --no-record
"$BIN" generate --profile "$ROOT/Examples/generate/full-monolith.yaml" --output "$WORK/monolith" --no-record
"$BIN" generate --profile "$ROOT/Examples/generate/full-service.yaml" --output "$WORK/service" --no-record
check "monolith: recommended and laid out as vapor-monolith" grep -q '^# layout: vapor-monolith (monolith)$' "$WORK/monolith/.archdecide/profile.yaml"
check "service: recommended and laid out as hummingbird-service" grep -q '^# layout: hummingbird-service (microservice)$' "$WORK/service/.archdecide/profile.yaml"
check "hybrid: recommended and laid out as hybrid" grep -q '^# layout: hybrid (hybrid)$' "$WORK/hybrid/.archdecide/profile.yaml"
check "hybrid: one Package.swift with the monolith, the AI service and the shared job library" \
    grep -q '.library(name: "HelpdeskJobs"' "$WORK/hybrid/Package.swift"
check "monolith: git repository with one commit" test "$(git -C "$WORK/monolith" rev-list --count HEAD)" = 1
check "service: git repository with one commit" test "$(git -C "$WORK/service" rev-list --count HEAD)" = 1
check "monolith: ADR in MADR form" grep -q '^## Decision Outcome' "$WORK/monolith/docs/adr/0001-architecture.md"
check "the profile snapshot decides again" "$BIN" decide "$WORK/monolith/.archdecide/profile.yaml" --no-record

# A throwaway PostgreSQL on a private port and socket folder (initdb refuses root: run as postgres).
pg_as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
step "PostgreSQL on 127.0.0.1:$PG_PORT"
# Its own folder: the work folder is private to this user, and the server runs as postgres.
PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/archdecide-pg.XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
pg_as_owner "$PGBIN/initdb -D $PG_DIR/data -U postgres --auth=trust -E UTF8 --no-sync" >/dev/null
PG_DATA="$PG_DIR/data"
pg_as_owner "$PGBIN/pg_ctl -D $PG_DATA -l $PG_DIR/server.log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE USER app WITH PASSWORD 'app' CREATEDB" \
    -c "CREATE DATABASE app_test OWNER app" -c "CREATE DATABASE app_monolith_test OWNER app" \
    -c "CREATE DATABASE app_e2e OWNER app" >/dev/null
PG_URL="postgres://app:app@127.0.0.1:$PG_PORT"
pass "started; databases app_test (queue tests), app_monolith_test (transactional enqueue) and app_e2e (services)"

# Largest first: the hybrid (Vapor + Fluent + Hummingbird + postgres-nio) fills the shared scratch folder.
for repo in hybrid monolith service; do
    step "$repo: swift build --build-tests"
    (cd "$WORK/$repo" && swift build --build-tests --scratch-path "$SCRATCH")
    pass "$repo builds"
    step "$repo: swift test"
    (cd "$WORK/$repo" && JOBS_TEST_DATABASE_URL="$PG_URL/app_test?sslmode=disable" \
        APP_TEST_DATABASE_URL="$PG_URL/app_monolith_test?sslmode=disable" swift test --skip-build --scratch-path "$SCRATCH")
    pass "$repo tests pass"
done
BINS="$(cd "$WORK/service" && swift build --show-bin-path --scratch-path "$SCRATCH")"
# Only the queue tests create the queue's schema in app_test: its version says they ran.
check "hybrid: the queue's PostgreSQL tests ran (not skipped)" \
    test "$(psql "$PG_URL/app_test" -Atqc "SELECT coalesce(max(version), 0) FROM job_queue.schema_version")" -gt 0
check "hybrid: the transactional enqueue test ran (not skipped)" \
    test "$(psql "$PG_URL/app_monolith_test" -Atqc "SELECT count(*) FROM documents WHERE title = 'Committed'")" -gt 0

step "hybrid: end to end with PostgreSQL (scripts/e2e.sh)"
(cd "$WORK/hybrid" && BIN_DIR="$BINS" DATABASE_URL="$PG_URL/app_e2e?sslmode=disable" scripts/e2e.sh)
pass "a document created through the monolith got its embedding from the AI service; helpdesk-jobs, queue gauges, /healthz without a database"

step "hybrid: the queue under SIGKILL (scripts/queue-fault-test.sh)"
(cd "$WORK/hybrid" && BIN_DIR="$BINS" DATABASE_URL="$PG_URL/app_e2e?sslmode=disable" JOBS=300 scripts/queue-fault-test.sh)
pass "every job done exactly once, also with a batch in flight at the SIGKILL; a paused worker's embedding written once"

# wait_for URL: up to 30 s for a server to answer.
wait_for() {
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

step "a bad setting: one error line and exit status 1, no crash"
# bad_setting NAME COMMAND...: the command must exit 1 with a single line starting with "error:".
bad_setting() {
    local what=$1; shift
    local status=0
    "$@" > "$WORK/bad.out" 2> "$WORK/bad.err" || status=$?
    if [ "$status" = 1 ] && [ "$(wc -l < "$WORK/bad.err")" = 1 ] && grep -q '^error: ' "$WORK/bad.err"; then
        pass "$what: $(cat "$WORK/bad.err")"
    else
        cat "$WORK/bad.err" >&2; fail "$what: exit $status"
    fi
}
bad_setting "service, PORT=abc" env PORT=abc "$BINS/embedgate"
bad_setting "hybrid AI service, DATABASE_URL=mysql://…" env DATABASE_URL=mysql://u@h/d "$BINS/helpdesk-ai"
bad_setting "hybrid jobs command without DATABASE_URL" env -u DATABASE_URL "$BINS/helpdesk-jobs" list-dead
bad_setting "hybrid jobs command, retry of a non-number" env DATABASE_URL="$PG_URL/app_e2e" "$BINS/helpdesk-jobs" retry abc
bad_setting "hybrid monolith without DATABASE_URL" env -u DATABASE_URL "$BINS/helpdesk-app" serve --hostname 127.0.0.1 --port 0

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
