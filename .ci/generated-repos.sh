#!/usr/bin/env bash
# Proof for `archdecide generate` (issues 4 and 5): builds archdecide, generates the full-featured
# hybrid, monolith and microservice from Examples/generate (and a monolith with a team edit moved
# to the hybrid by `archdecide update`, issue 12), builds and tests each (one shared
# scratch folder, largest first), then the hybrid's two other shapes (cold embeddings, cold
# streaming/gateway: build and their own tests only), then starts each built server on 127.0.0.1 and checks it over
# HTTP. The hybrid runs against a throwaway PostgreSQL started here: its queue tests, its
# end-to-end flow through both services, and the queue's SIGKILL fault test. Real clients (issue
# 16): the official `openai` SDK and schemathesis against the service and the hybrid's AI service,
# schemathesis against the monolith's JSON API (signed in: session cookie and CSRF token);
# every deploy/k8s manifest validated offline and strictly with kubernetes-validate.
# The monolith then runs in a real browser (.ci/browser-monolith.py: Selenium + headless Chromium),
# its screenshots kept in .build-artifacts/browser-screenshots (or $BROWSER_SCREENSHOTS).
# Needs: the Swift toolchain, git, curl, PostgreSQL, chromium and chromium-driver (installed with
# apt-get when missing and run as root), kubectl (for `kubectl kustomize`), Python 3 with selenium
# (pip-installed when missing), and the PyPI packages openai, schemathesis, kubernetes-validate.
# Usage: .ci/generated-repos.sh            Exit status: 0 when every check passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${GENERATED_SCRATCH:-$ROOT/.build-generated}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archdecide-generated.XXXXXX")"
MONO_PORT="${MONO_PORT:-18480}"
SVC_PORT="${SVC_PORT:-18481}"
AI_PORT="${AI_PORT:-18482}"
# The Kubernetes version the manifests are validated against.
K8S_VERSION="${K8S_VERSION:-1.34.0}"
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
for tool in git curl psql chromium chromedriver; do command -v "$tool" >/dev/null || missing+=("$tool"); done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PGBIN" ] || missing+=(postgresql)
missing=("${missing[@]/psql/postgresql}")
missing=("${missing[@]/chromedriver/chromium-driver}")
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        fail "missing: ${missing[*]} (apt-get install ${missing[*]})"
    fi
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages selenium >/dev/null || fail "pip install selenium"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pass "selenium $(python3 -c 'import selenium; print(selenium.__version__)'), $(chromium --version 2>/dev/null | head -1)"
for tool in kubectl kubernetes-validate st python3; do
    command -v "$tool" >/dev/null || fail "missing: $tool (kubectl is on the CI image; pip install openai schemathesis kubernetes-validate)"
done
python3 -c 'import openai' 2>/dev/null || fail "missing: the openai package (pip install openai)"
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

step "update: a generated monolith with a team edit moves to the hybrid (issue 12)"
"$BIN" generate --profile "$ROOT/Examples/generate/full-monolith.yaml" --output "$WORK/moved" --no-record >/dev/null
sed -i 's|^import Vapor$|import Vapor\n// team: the home page shows our release notes|' "$WORK/moved/Sources/DeskpilotApp/Controllers/HomeController.swift"
git -C "$WORK/moved" -c user.name=ci -c user.email=ci@localhost commit -qam "team edit"
"$BIN" update "$WORK/moved" --topology hybrid --no-record > "$WORK/moved.out" || { cat "$WORK/moved.out"; fail "update --topology hybrid (exit $?)"; }
check "moved: the team's edit is kept" grep -q '^// team: the home page shows our release notes$' "$WORK/moved/Sources/DeskpilotApp/Controllers/HomeController.swift"
check "moved: the AI service and the shared job library are added" test -f "$WORK/moved/Sources/DeskpilotAI/Jobs/EmbedDocumentHandler.swift" -a -f "$WORK/moved/Sources/DeskpilotJobs/JobQueue.swift"
check "moved: a new ADR supersedes the first" grep -q 'superseded by ADR-0002' "$WORK/moved/docs/adr/0001-architecture.md"
check "moved: one commit on top of the team's" test "$(git -C "$WORK/moved" rev-list --count HEAD)" = 3
check "moved: the tree is clean" test -z "$(git -C "$WORK/moved" status --porcelain)"

step "deploy/k8s: every manifest valid for Kubernetes $K8S_VERSION (kubernetes-validate --strict, offline)"
for repo in monolith service hybrid; do
    K8S="$WORK/$repo/deploy/k8s"
    kubectl kustomize "$K8S" > "$WORK/$repo-k8s.yaml" || fail "$repo: kubectl kustomize deploy/k8s"
    mapfile -t manifests < <(find "$K8S" -name '*.yaml' ! -name kustomization.yaml | sort)
    if kubernetes-validate --strict --quiet -k "$K8S_VERSION" "${manifests[@]}" "$WORK/$repo-k8s.yaml" > "$WORK/k8s.out" 2>&1; then
        pass "$repo: ${#manifests[@]} manifests and the kustomize rendering ($(grep -c '^kind:' "$WORK/$repo-k8s.yaml") objects)"
    else
        cat "$WORK/k8s.out" >&2; fail "$repo: kubernetes-validate"
    fi
    for script in "$K8S"/*.sh; do [ -e "$script" ] && check "$repo: bash -n ${script#$WORK/$repo/}" bash -n "$script"; done
done
for kind in Deployment Service ConfigMap HorizontalPodAutoscaler PodDisruptionBudget; do
    check "hybrid: deploy/k8s has a $kind" grep -q "^kind: $kind$" "$WORK/hybrid-k8s.yaml"
done
check "hybrid: an HPA and a PDB for the AI service and for the workers" \
    test "$(grep -cE '^  name: helpdesk-(ai|worker)$' <(awk '/^kind: (HorizontalPodAutoscaler|PodDisruptionBudget)$/{k=1} k&&/^  name:/{print; k=0}' "$WORK/hybrid-k8s.yaml"))" = 4
check "monolith and hybrid: the migrations Job is kept out of the kustomization (run first by rollout.sh)" \
    test "$(grep -c '^kind: Job$' "$WORK/monolith-k8s.yaml" "$WORK/hybrid-k8s.yaml" | awk -F: '{s+=$2} END {print s}')" = 0
# rollout.sh against a stand-in kubectl (it records its calls and reports the migrations Job as
# JOB_STATE): a failed Job stops the rollout at once, with its logs, and nothing else is applied;
# a complete one rolls out. No cluster here, so this checks the script's control flow only.
FAKE="$WORK/fake-kubectl"; mkdir -p "$FAKE"
cat > "$FAKE/kubectl" <<'KUBECTL'
#!/usr/bin/env bash
echo "$*" >> "$KUBECTL_CALLS"
case "$1" in
    get) printf '%s ' "$JOB_STATE" ;;
    logs) echo "migrate: relation already exists" ;;
    kustomize) echo "kind: Deployment" ;;
    apply) cat > /dev/null ;;
esac
KUBECTL
chmod +x "$FAKE/kubectl"
for repo in monolith hybrid; do
    : > "$WORK/kubectl-calls"
    started_at=$(date +%s)
    if PATH="$FAKE:$PATH" KUBECTL_CALLS="$WORK/kubectl-calls" JOB_STATE=Failed MIGRATE_POLL=0.1 \
        timeout 60 bash "$WORK/$repo/deploy/k8s/rollout.sh" > "$WORK/rollout.out" 2>&1; then
        cat "$WORK/rollout.out" >&2; fail "$repo: rollout.sh went on after the migrations Job failed"
    fi
    check "$repo: rollout.sh stops on a failed migrations Job within seconds, with its logs" \
        test "$(( $(date +%s) - started_at ))" -lt 10 -a -n "$(grep -l 'did not complete (Failed)' "$WORK/rollout.out")" \
        -a -n "$(grep -l 'relation already exists' "$WORK/rollout.out")"
    check "$repo: nothing rolled out after the failed Job" test -z "$(grep -E '^(kustomize|rollout)' "$WORK/kubectl-calls")"
    : > "$WORK/kubectl-calls"
    PATH="$FAKE:$PATH" KUBECTL_CALLS="$WORK/kubectl-calls" JOB_STATE=Complete MIGRATE_POLL=0.1 \
        timeout 60 bash "$WORK/$repo/deploy/k8s/rollout.sh" > "$WORK/rollout.out" 2>&1 \
        || { cat "$WORK/rollout.out" >&2; fail "$repo: rollout.sh after a complete migrations Job"; }
    check "$repo: a complete migrations Job is followed by the rollout" grep -q '^rollout status deployment/' "$WORK/kubectl-calls"
done
for repo in monolith service hybrid; do
    check "$repo: probes on /healthz, requests and limits, a termination grace period, in every Deployment" python3 - "$WORK/$repo-k8s.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Deployment"]
assert docs
for d in docs:
    pod = d["spec"]["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] >= 30, d["metadata"]["name"]
    for c in pod["containers"]:
        assert c["readinessProbe"]["httpGet"]["path"] == "/healthz" and c["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert c["resources"]["requests"] and c["resources"]["limits"]
PY
done
# Strictness is real: an unknown field must fail the same validation.
sed 's/^spec:$/spec:\n  replicasTypo: 2/' "$WORK/service/deploy/k8s/deployment.yaml" > "$WORK/broken-deployment.yaml"
if kubernetes-validate --strict --quiet -k "$K8S_VERSION" "$WORK/broken-deployment.yaml" >/dev/null 2>&1; then
    fail "kubernetes-validate --strict accepted a Deployment with an unknown field"
fi
pass "kubernetes-validate --strict refuses a Deployment with an unknown field"

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
    -c "CREATE DATABASE app_e2e OWNER app" -c "CREATE DATABASE app_moved_test OWNER app" \
    -c "CREATE DATABASE app_moved_monolith_test OWNER app" -c "CREATE DATABASE app_variant_test OWNER app" \
    -c "CREATE DATABASE app_variant_monolith_test OWNER app" >/dev/null
PG_URL="postgres://app:app@127.0.0.1:$PG_PORT"
pass "started; databases app_test (queue tests), app_monolith_test (transactional enqueue) and app_e2e (services)"

# Largest first: the hybrid (Vapor + Fluent + Hummingbird + postgres-nio) fills the shared scratch folder.
for repo in hybrid moved monolith service; do
    step "$repo: swift build --build-tests"
    (cd "$WORK/$repo" && swift build --build-tests --scratch-path "$SCRATCH")
    pass "$repo builds"
    step "$repo: swift test"
    db=app; [ "$repo" = moved ] && db=app_moved
    (cd "$WORK/$repo" && JOBS_TEST_DATABASE_URL="$PG_URL/${db}_test?sslmode=disable" \
        APP_TEST_DATABASE_URL="$PG_URL/${db}_monolith_test?sslmode=disable" swift test --skip-build --scratch-path "$SCRATCH")
    pass "$repo tests pass"
done
# The hybrid follows decide's placement for every workload (issue 11): a cold AI path stays in the
# monolith. Its two other shapes, built on the same scratch folder (only their own code compiles)
# and put through their own tests (the queue's against PostgreSQL too); no servers: their flows are
# the ones above, moved.
for variant in hybrid-cold-embeddings hybrid-cold-streaming; do
    step "$variant: generate, swift build --build-tests, swift test"
    VSTART=$(date +%s)
    "$BIN" generate --profile "$ROOT/Examples/generate/$variant.yaml" --output "$WORK/$variant" --no-git --no-record >/dev/null
    check "$variant: recommended and laid out as hybrid" grep -q '^# layout: hybrid (hybrid)$' "$WORK/$variant/.archdecide/profile.yaml"
    (cd "$WORK/$variant" && swift build --build-tests --scratch-path "$SCRATCH")
    (cd "$WORK/$variant" && JOBS_TEST_DATABASE_URL="$PG_URL/app_variant_test?sslmode=disable" \
        APP_TEST_DATABASE_URL="$PG_URL/app_variant_monolith_test?sslmode=disable" swift test --skip-build --scratch-path "$SCRATCH")
    pass "$variant builds and its tests pass ($(( $(date +%s) - VSTART ))s)"
done
VARIANT_CE="$WORK/hybrid-cold-embeddings"; VARIANT_CS="$WORK/hybrid-cold-streaming"
check "cold embeddings: computed in the monolith, no embed handler or /v1/embeddings in the AI service" \
    test -f "$VARIANT_CE/Sources/ReplydeskApp/Embeddings/EmbeddingProvider.swift" -a ! -e "$VARIANT_CE/Sources/ReplydeskAI/Jobs/EmbedDocumentHandler.swift" \
         -a ! -e "$VARIANT_CE/Sources/ReplydeskAI/Routes/EmbeddingsRoutes.swift" -a -f "$VARIANT_CE/Sources/ReplydeskAI/Routes/ChatRoutes.swift"
check "cold streaming/gateway: served by the monolith's streaming endpoint, the AI service embeds" \
    test -f "$VARIANT_CS/Sources/SearchdeskApp/Controllers/CompletionController.swift" -a ! -e "$VARIANT_CS/Sources/SearchdeskAI/Routes/ChatRoutes.swift" \
         -a ! -e "$VARIANT_CS/Sources/SearchdeskAI/Routes/GatewayRoutes.swift" -a -f "$VARIANT_CS/Sources/SearchdeskAI/Jobs/EmbedDocumentHandler.swift"

step "service: an edited source survives generate --force, and the repo still builds cleanly (issue 14 item 9)"
EDITED="$(cd "$WORK/service" && find Sources -name '*.swift' | sort | head -1)"
printf '\n// edited by hand\n' >> "$WORK/service/$EDITED"
"$BIN" generate --profile "$ROOT/Examples/generate/full-service.yaml" --output "$WORK/service" --force --no-record >/dev/null
check "the edited file is kept" grep -q '// edited by hand' "$WORK/service/$EDITED"
check "its generated version is outside Sources/" test -f "$WORK/service/.archdecide/proposed/$EDITED"
check "no NAME.generated file anywhere" test -z "$(find "$WORK/service" -name '*.generated' -not -path '*/.git/*')"
(cd "$WORK/service" && swift build --scratch-path "$SCRATCH" 2>&1) > "$WORK/rebuild.log"
# Only the repo's own targets count ('service' is its package identity); a dependency may warn of its own files.
check "swift build warns of no unhandled file in the repo" bash -c "! grep -qi \"'service': found .* unhandled\" '$WORK/rebuild.log'"
BINS="$(cd "$WORK/service" && swift build --show-bin-path --scratch-path "$SCRATCH")"
# Only the queue tests create the queue's schema in app_test: its version says they ran.
check "hybrid: the queue's PostgreSQL tests ran (not skipped)" \
    test "$(psql "$PG_URL/app_test" -Atqc "SELECT coalesce(max(version), 0) FROM job_queue.schema_version")" -gt 0
check "moved: the queue's PostgreSQL tests ran (not skipped)" \
    test "$(psql "$PG_URL/app_moved_test" -Atqc "SELECT coalesce(max(version), 0) FROM job_queue.schema_version")" -gt 0
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

# schemathesis_run NAME URL [ST ARGS...]: schemathesis against URL/openapi.yaml.
# Bounded: at most 40 examples per operation and SCHEMATHESIS_SECONDS (default 60) in all. No 5xx, and every response
# conforms to the document (status code, content type, headers, body schema). The coverage
# phase is left out: schemathesis 4.32.5 stops in it with an internal KeyError on this document.
schemathesis_run() {
    local what=$1 url=$2; shift 2
    check "$what: GET /openapi.yaml serves the OpenAPI 3.1 document" grep -q '^openapi: 3.1.0$' <(curl -fsS "$url/openapi.yaml")
    if st run "$url/openapi.yaml" --url "$url" -n 40 --max-time "${SCHEMATHESIS_SECONDS:-60}" --phases examples,fuzzing --workers 2 --request-timeout 10 \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
        --generation-deterministic --no-color "$@" > "$WORK/schemathesis.out" 2>&1; then
        pass "$what: schemathesis: $(grep -E '[0-9]+ (passed|generated)' "$WORK/schemathesis.out" | tail -1 | tr -s ' ')"
    else
        tail -60 "$WORK/schemathesis.out" >&2; fail "$what: schemathesis found a problem"
    fi
}

# real_clients NAME URL: the official openai SDK and schemathesis against a running service.
real_clients() {
    local what=$1 url=$2
    python3 "$ROOT/.ci/openai-clients.py" "$url" || fail "$what: the openai SDK"
    schemathesis_run "$what" "$url"
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
bad_setting "service, --port http" "$BINS/embedgate" --port http
bad_setting "service, an unknown flag" "$BINS/embedgate" --prot 80
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
check "GET /metrics: Prometheus counters per route (swift-metrics through swift-prometheus)" grep -q 'http_requests_total{method="POST",route="/v1/embeddings",status="200"} 2' <(curl -fsS "$S/metrics")
check "GET /metrics: the latency histogram per route" grep -q '^http_request_duration_seconds_bucket{method="POST",route="/v1/embeddings",status="200",le="0.001"} ' <(curl -fsS "$S/metrics")
real_clients "service" "$S"
kill -TERM "$SVC_PID"
check "SIGTERM: graceful shutdown, exit status 0" wait "$SVC_PID"
PIDS=()

step "microservice: settings from .env, the environment and flags (swift-configuration)"
mkdir -p "$WORK/envdir"
printf '# from .env\nHOST=127.0.0.1\nPORT=%s\nLOG_LEVEL=warning\n' "$SVC_PORT" > "$WORK/envdir/.env"
(cd "$WORK/envdir" && exec "$BINS/embedgate") > "$WORK/service-env.log" 2>&1 &
PIDS+=("$!")
wait_for "http://127.0.0.1:$SVC_PORT/healthz" || { cat "$WORK/service-env.log"; fail "the service did not read PORT from .env"; }
pass "PORT from .env: listening on $SVC_PORT"
kill -TERM "${PIDS[0]}"; wait "${PIDS[0]}" || true; PIDS=()
(cd "$WORK/envdir" && PORT=1 exec "$BINS/embedgate" --port "$AI_PORT") > "$WORK/service-env.log" 2>&1 &
PIDS+=("$!")
wait_for "http://127.0.0.1:$AI_PORT/healthz" || { cat "$WORK/service-env.log"; fail "--port did not win over PORT and .env"; }
pass "--port over the environment's PORT over .env: listening on $AI_PORT"
kill -TERM "${PIDS[0]}"; wait "${PIDS[0]}" || true; PIDS=()

step "hybrid: the AI service on 127.0.0.1:$AI_PORT (no database: the synchronous endpoints)"
HOST=127.0.0.1 PORT=$AI_PORT LOG_LEVEL=warning JOB_CONCURRENCY=0 "$BINS/helpdesk-ai" > "$WORK/ai.log" 2>&1 &
AI_PID=$!
PIDS+=("$AI_PID")
wait_for "http://127.0.0.1:$AI_PORT/healthz" || { cat "$WORK/ai.log"; fail "the hybrid's AI service did not start"; }
real_clients "hybrid AI service" "http://127.0.0.1:$AI_PORT"
kill -TERM "$AI_PID"
check "SIGTERM: graceful shutdown, exit status 0" wait "$AI_PID"
PIDS=()

step "monolith on 127.0.0.1:$MONO_PORT (SQLite, production environment: Secure cookies)"
# Leaf reads Resources/Views relative to the working directory: run from the repo. Its settings
# come from a .env file there (Vapor's own .env loading), as .env.example promises.
ADMIN_EMAIL="admin-$RANDOM@deskpilot.example"
ADMIN_PASSWORD="ci-admin-$RANDOM$RANDOM"
printf 'HOST=127.0.0.1\nPORT=%s\nSQLITE_PATH=%s\nLOG_LEVEL=warning\nWEBHOOK_SECRET=ci-%s\nADMIN_EMAIL=%s\nADMIN_PASSWORD=%s\n' \
    "$MONO_PORT" "$WORK/monolith.sqlite" "$RANDOM$RANDOM" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" > "$WORK/monolith/.env"
(cd "$WORK/monolith" && exec "$BINS/deskpilot" serve --env production) > "$WORK/monolith.log" 2>&1 &
MONO_PID=$!
PIDS+=("$MONO_PID")
wait_for "http://127.0.0.1:$MONO_PORT/healthz" || { cat "$WORK/monolith.log"; fail "the monolith did not start on the PORT its .env names"; }
pass "HOST, PORT, SQLITE_PATH from .env: listening on $MONO_PORT"
M="http://127.0.0.1:$MONO_PORT"
check "GET /healthz answers {\"status\":\"ok\"}" test "$(curl -fsS "$M/healthz")" = '{"status":"ok"}'
check "GET / renders the home page" grep -q '<h1>deskpilot</h1>' <(curl -fsS "$M/")
NAME="ci-check-$RANDOM$RANDOM"
check "POST /api/items stores a record (201)" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/api/items" -H 'content-type: application/json' -d "{\"name\":\"$NAME\"}")" = 201
check "GET /items: the DB-backed page lists it" grep -q "$NAME" <(curl -fsS "$M/items")
check "GET /articles: the content page renders from the database" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/articles")" = 200
check "GET /admin without a session: redirected to /login" test "$(curl -s -o /dev/null -w '%{redirect_url}' "$M/admin")" = "$M/login"
check "POST /webhooks/payments unsigned: 401" test "$(curl -s -o /dev/null -w '%{http_code}' "$M/webhooks/payments" -d '{}')" = 401
curl -sS -D "$WORK/login.headers" -o /dev/null "$M/login"
check "security headers: CSP, X-Frame-Options DENY, nosniff, Referrer-Policy" \
    bash -c "grep -qi '^content-security-policy: default-src' '$WORK/login.headers' && grep -qi '^x-frame-options: DENY' '$WORK/login.headers' \
             && grep -qi '^x-content-type-options: nosniff' '$WORK/login.headers' && grep -qi '^referrer-policy: same-origin' '$WORK/login.headers'"
check "the session cookie is HttpOnly, Secure and SameSite=Lax" \
    bash -c "grep -i '^set-cookie: deskpilot-session=' '$WORK/login.headers' | grep -q 'HttpOnly' && grep -i '^set-cookie: deskpilot-session=' '$WORK/login.headers' | grep -q 'Secure' && grep -i '^set-cookie: deskpilot-session=' '$WORK/login.headers' | grep -q 'SameSite=Lax'"
check "a form post without the CSRF token: 403" \
    test "$(curl -s -o /dev/null -w '%{http_code}' "$M/login" -d "email=$ADMIN_EMAIL&password=$ADMIN_PASSWORD")" = 403

# A real browser: Selenium driving Debian's headless Chromium through chromium-driver.
step "monolith in a real browser (Selenium + headless Chromium)"
SHOTS="${BROWSER_SCREENSHOTS:-$ROOT/.build-artifacts/browser-screenshots}"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"
echo "  screenshots (CI artifacts): $SHOTS"
# localhost, not 127.0.0.1: browsers keep Secure cookies over plain HTTP only on localhost.
timeout 300 python3 "$ROOT/.ci/browser-monolith.py" "http://localhost:$MONO_PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$SHOTS" \
    || { tail -20 "$WORK/monolith.log"; fail "the browser run (screenshots in $SHOTS)"; }
pass "signed up, refused the admin, signed in as admin, created, searched, saw the field error, bulk-deleted, saw the history, logged out; the cross-site post was refused"

# The JSON API as a browser's script calls it: signed in through the login form (the session
# cookie), with the session's CSRF token (from the page's <meta name="csrf-token">) in X-CSRF-Token.
step "monolith: schemathesis against /openapi.yaml, signed in with the session cookie and the CSRF token"
# session_cookie HEADERS_FILE: the session cookie a response set; page_token HTML_FILE: the page's CSRF token.
session_cookie() { grep -i '^set-cookie: deskpilot-session=' "$1" | tail -1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r'; }
page_token() { sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' "$1" | head -1; }
curl -sS -D "$WORK/st-login.headers" -o "$WORK/st-login.html" "$M/login"
COOKIE="$(session_cookie "$WORK/st-login.headers")"; TOKEN="$(page_token "$WORK/st-login.html")"
curl -sS -D "$WORK/st-in.headers" -o /dev/null -H "Cookie: $COOKIE" "$M/login" --data-urlencode "csrf_token=$TOKEN" \
    --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD"
COOKIE="$(session_cookie "$WORK/st-in.headers")"   # rotated at login
curl -sS -o "$WORK/st-home.html" -H "Cookie: $COOKIE" "$M/"
TOKEN="$(page_token "$WORK/st-home.html")"
check "signed in: GET /api/me names the admin" grep -q "\"email\":\"$ADMIN_EMAIL\"" <(curl -fsS -H "Cookie: $COOKIE" -H 'Accept: application/json' "$M/api/me")
check "signed in: a JSON POST without X-CSRF-Token is refused (403)" test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" \
    -H 'content-type: application/json' "$M/api/items" -d '{"name":"no token"}')" = 403
# 60 s: the monolith's operations are many and cheap. Webhooks answer 401 to every case (no
# signature can be generated; schemathesis warns of it): their signed path is tested by the repo's tests.
schemathesis_run "monolith" "$M" -H "Cookie: $COOKIE" -H "X-CSRF-Token: $TOKEN" -H "Accept: application/json"
curl -fsS "$M/metrics" > "$WORK/monolith.metrics"
# Vapor's own request series (swift-metrics through swift-prometheus) show the signed-in calls were served.
count_of() { awk -v s="$1" 'index($0, s) == 1 {print $NF}' "$WORK/monolith.metrics"; }
check "GET /metrics: schemathesis' signed-in GET /api/me calls answered 200" test "$(count_of 'http_requests_total{method="GET",route="/api/me",status="200"}')" -gt 1
check "GET /metrics: its signed-in POST /api/articles calls passed the CSRF check (201)" test "$(count_of 'http_requests_total{method="POST",route="/api/articles",status="201"}')" -gt 0
check "GET /metrics: no 5xx counted" test -z "$(grep '^http_request_errors_total{' "$WORK/monolith.metrics" | awk '$NF > 0')"
kill -TERM "$MONO_PID"
wait "$MONO_PID" 2>/dev/null || true
PIDS=()
pass "stopped"

step "all checks passed in $(( $(date +%s) - START ))s"
