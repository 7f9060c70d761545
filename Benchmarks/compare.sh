#!/usr/bin/env bash
# archdecide and its generated services, side by side with what users would pick instead (issue 7).
#
#   Benchmarks/compare.sh [--quick] [--only generate,update,decide,service,monolith,hybrid]
#
# Prints one Markdown table and writes it, with the machine and the date, to Benchmarks/results.md.
# Sections:
#   generate  `archdecide generate` vs cookiecutter and copier writing the same repo (peers/)
#   update    `archdecide update` vs `copier update`: an edited repo, one changed answer (time, conflicts)
#   decide    `archdecide decide` on one profile vs an empty Swift binary; a 10,000-profile batch;
#             the in-process benchmarks of archdecide-bench
#   service   the generated Hummingbird service vs FastAPI (uvicorn, 2 workers) and bare Hummingbird
#   monolith  the generated Vapor monolith vs Django (gunicorn, 2 workers), SQLite
#   hybrid    the generated hybrid's job queue vs Celery 5 + Redis, the same job (embed a document,
#             write the vector to PostgreSQL), 2 worker processes each: jobs/s draining a batch,
#             enqueue-to-done median and p99 at a steady 1,000 jobs/s (the hybrid's
#             scripts/queue-bench.sh and peers/celery/bench.py against one throwaway PostgreSQL;
#             needs postgresql, pgbench, redis-server)
#
# Environment:
#   ARCHDECIDE_BIN   the archdecide binary to measure (default: build this repo's, release)
#   ARCHDECIDE_GENERATE_BIN  the one that runs `generate` and writes the measured repos
#                    (default: ARCHDECIDE_BIN); e.g. a build of a generator branch
#   BENCH_SCRATCH    the one build folder of the generated repos and bare Hummingbird
#                    (default: Benchmarks/.build-scratch); never build two things in it at once
#   BENCH_PORT_BASE  first of the five loopback ports the servers use (default 18080)
#   BENCH_BUILD=0    use the release builds already in BENCH_SCRATCH (as --quick does), build nothing
#   BENCH_PERF       a folder: `perf record -g` each generated server during its first measured run
#   BENCH_PROFILES   a folder of profiles for the decide batch, instead of building archdecide-bench
#                    to make them (its release build is a cold build of swift-crypto: half an hour
#                    on a busy 2-core machine); no in-process benchmarks then. The same profiles:
#                    python3 Benchmarks/peers/make-profiles.py 10000 DIR (its LCG, ported)
#
# Every server listens on 127.0.0.1 only and is stopped on exit. Needs hyperfine and wrk
# (apt-get install -y hyperfine wrk) and python3 (the peers go into Benchmarks/.venv-peers).
# Never part of CI's pass/fail: shared machines are noisy. `--quick` is a short smoke run: few
# runs, the debug build when no binary is given, and servers only if their release builds exist.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
quick=0
only="generate,update,decide,service,monolith,hybrid"
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 64 ;;
  esac
  shift
done
want() { [[ ",$only," == *",$1,"* ]]; }
log() { printf '\n== %s\n' "$*" >&2; }

if ((quick)); then
  hf_runs=5; hf_warm=1; batch=1000; batch_runs=2; wrk_runs=1; wrk_secs=2; warm_secs=1
else
  hf_runs=20; hf_warm=3; batch=10000; batch_runs=5; wrk_runs=3; wrk_secs=10; warm_secs=3
fi
scratch=${BENCH_SCRATCH:-$here/.build-scratch}
port=${BENCH_PORT_BASE:-18080}
p_service=$port p_fastapi=$((port + 1)) p_bare=$((port + 2)) p_vapor=$((port + 3)) p_django=$((port + 4))
venv="$here/.venv-peers"
work=$(mktemp -d /tmp/archdecide-bench.XXXXXX)
results="$work/results.jsonl"; : > "$results"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- servers: started in their own process group, stopped on any exit -------------------------
servers=()
declare -A pid_of=()
stop_servers() {
  local pid
  for pid in "${servers[@]:-}"; do
    [[ -n "$pid" ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${servers[@]:-}"; do
    [[ -n "$pid" ]] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  servers=()
}
cleanup() { stop_servers; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME PORT COMMAND...: runs COMMAND (which must listen on 127.0.0.1:PORT) and waits up to
# 60 s for GET /healthz.
start() {
  local name=$1 p=$2; shift 2
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/"; then
    echo "port $p is already in use; set BENCH_PORT_BASE" >&2; return 1
  fi
  setsid "$@" > "$work/$name.log" 2>&1 < /dev/null &
  servers+=($!)
  pid_of[$p]=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$p/healthz" && return 0
    kill -0 "${servers[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not come up on 127.0.0.1:$p; its log:" >&2; tail -20 "$work/$name.log" >&2; return 1
}

# record SECTION KEY JSON-OBJECT: one measurement for the report.
record() {
  python3 -c 'import json,sys; print(json.dumps({"section": sys.argv[1], "key": sys.argv[2], "data": json.loads(sys.argv[3])}))' \
    "$1" "$2" "$3" >> "$results"
}
note() { record "$1" note "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$2")"; echo "note: $2" >&2; }

# measure SECTION KEY PATH SCRIPT NAME:PORT...: a warm-up of each server, then wrk_runs rounds of
# wrk -t2 -c64 --latency, the servers taking turns within each round, every run recorded as
# KEY/NAME. Only 127.0.0.1.
measure() {
  local section=$1 key=$2 path=$3 script=$4 target name p out
  shift 4
  export BENCH_WRK_DIR="$here/wrk"
  for target in "$@"; do
    timeout $((warm_secs + 20)) wrk -t2 -c64 -d"${warm_secs}s" -s "$here/wrk/$script" "http://127.0.0.1:${target#*:}$path" > /dev/null
  done
  for round in $(seq 1 "$wrk_runs"); do
    for target in "$@"; do
      name=${target%%:*} p=${target#*:}
      echo "wrk $key $name, run $round of $wrk_runs" >&2
      if [[ -n "${BENCH_PERF:-}" && $name == generated && $round == 1 ]]; then
        # perf record -g on the server under load, for the note on a missed target
        mkdir -p "$BENCH_PERF"
        timeout $((wrk_secs + 30)) perf record -g -q -o "$BENCH_PERF/$section-$key.perf.data" -p "${pid_of[$p]}" -- sleep "$wrk_secs" > /dev/null 2>&1 &
      fi
      out=$(timeout $((wrk_secs + 30)) wrk -t2 -c64 -d"${wrk_secs}s" --latency -s "$here/wrk/$script" "http://127.0.0.1:$p$path")
      record "$section" "$key/$name" "$(grep '^WRK_JSON ' <<< "$out" | cut -d' ' -f2-)"
    done
  done
}

python_env() {
  # The peers' virtual environment, created on first use (Benchmarks/.venv-peers, git-ignored).
  if [[ ! -x "$venv/bin/python" ]]; then
    log "creating $venv"
    python3 -m venv "$venv"
  fi
  local need=("$@") missing=()
  for pkg in "${need[@]}"; do "$venv/bin/python" -c "import importlib.util,sys; sys.exit(importlib.util.find_spec('$pkg'.split('[')[0].replace('-','_')) is None)" 2>/dev/null || missing+=("$pkg"); done
  if ((${#missing[@]})); then
    log "pip install ${missing[*]}"
    timeout 600 "$venv/bin/pip" install -q "${missing[@]}" >&2
  fi
}

# swift_build PACKAGE-DIR [PRODUCT]: a release build into the shared scratch folder; prints the
# binary path. Bounded, one at a time.
swift_build() {
  local dir=$1 product=${2:-}
  log "release build of $(basename "$dir") into $scratch (several minutes the first time)"
  (cd "$dir" && timeout 2400 swift build -c release --scratch-path "$scratch" ${product:+--product "$product"} >&2)
  (cd "$dir" && swift build -c release --scratch-path "$scratch" --show-bin-path)
}

command -v hyperfine > /dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

# --- the archdecide binaries under test ---------------------------------------------------------
# bin: this repo's archdecide (release, static stdlib), or ARCHDECIDE_BIN; gen_bin: the one that
# generates (sections 1, 3, 4, 5), ARCHDECIDE_GENERATE_BIN when set, else bin.
if [[ -n "${ARCHDECIDE_BIN:-}" ]]; then
  bin=$ARCHDECIDE_BIN
elif ((quick)) && [[ -x "$root/.build/debug/archdecide" ]]; then
  bin="$root/.build/debug/archdecide"; note all "--quick measured the debug build of archdecide: smoke only, not numbers"
else
  log "release build of archdecide"
  (cd "$root" && timeout 1800 swift build -c release --static-swift-stdlib --product archdecide >&2)
  bin="$root/.build/release/archdecide"
fi
gen_bin=${ARCHDECIDE_GENERATE_BIN:-$bin}
export ARCHDECIDE_DB="$work/decisions.sqlite"
log "archdecide under test: $bin; generating with $gen_bin"
generates=0
"$gen_bin" generate --help > /dev/null 2>&1 && generates=1

repos="$scratch/repos"; mkdir -p "$repos"
# generate_repo PROFILE NAME: the starter repo in a stable place, so rebuilds reuse the scratch folder.
generate_repo() {
  rm -rf "${repos:?}/$2"
  "$gen_bin" generate --no-git --no-record --profile "$1" --output "$repos/$2" > /dev/null
  echo "$repos/$2"
}

# === 1. generate vs cookiecutter and copier ====================================================
if want generate; then
  log "1. archdecide generate vs cookiecutter and copier"
  if ((generates)); then
    python_env cookiecutter copier
    g="$work/gen"; mkdir -p "$g"
    "$gen_bin" generate --no-git --no-record --profile "$here/peers/profile.yaml" --output "$g/archdecide" > /dev/null
    "$venv/bin/cookiecutter" --no-input -o "$g/cc" "$here/peers/cookiecutter" > /dev/null
    "$venv/bin/copier" copy --quiet --defaults "$here/peers/copier" "$g/copier" > /dev/null
    counts=$(for d in archdecide cc/notes copier; do find "$g/$d" -type f | wc -l; done | paste -sd' ')
    bytes=$(for d in archdecide cc/notes copier; do cat $(find "$g/$d" -type f) | wc -c; done | paste -sd' ')
    record generate files "$(printf '{"archdecide":%s,"cookiecutter":%s,"copier":%s}' $counts)"
    record generate bytes "$(printf '{"archdecide":%s,"cookiecutter":%s,"copier":%s}' $bytes)"
    # The peers' templates were made from this generator's output (peers/make-templates.py); drift shows here.
    # Dates, the tool's version and the checksums that follow from them may differ; nothing else.
    for d in cc/notes copier; do
      if ! diff -r -I '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' -I 'archdecide [0-9][0-9.a-z-]*' -I '^[0-9a-f]\{64\}  ' \
           "$g/archdecide" "$g/$d" > "$work/drift.txt" 2>&1; then
        note generate "${d%%/*}'s repo differs from generate's (re-run peers/make-templates.py): $(grep -c '^diff\|^Only' "$work/drift.txt") files"
      fi
    done
    hyperfine -N --warmup "$hf_warm" --runs "$hf_runs" --export-json "$work/generate.json" \
      --prepare "rm -rf $g/a" -n archdecide "$gen_bin generate --no-git --no-record --profile $here/peers/profile.yaml --output $g/a" \
      --prepare "rm -rf $g/c" -n cookiecutter "$venv/bin/cookiecutter --no-input -o $g/c $here/peers/cookiecutter" \
      --prepare "rm -rf $g/p" -n copier "$venv/bin/copier copy --quiet --defaults $here/peers/copier $g/p" >&2
    record generate hyperfine "$(cat "$work/generate.json")"
  else
    note generate "not measured: $gen_bin has no generate command (set ARCHDECIDE_GENERATE_BIN)"
  fi
fi

# === 1b. update vs copier update ===============================================================
# The same scenario for both: the `notes` monolith generated and committed, a team commit (a line
# in the home controller, a section in the README), then one changed answer that swaps a feature
# (archdecide: workloads [] → [content], items give way to articles; copier: starter_model items →
# none), and the update. Wall time over hyperfine runs (each from the team's commit) and the number
# of files left with conflict markers. copier update needs the template in git with a tag and an
# answers file: a copy of peers/copier gets both.
if want update; then
  log "1b. archdecide update vs copier update"
  if "$gen_bin" update --help > /dev/null 2>&1; then
    python_env copier
    u="$work/update"; mkdir -p "$u"
    gitc() { git -c user.name=bench -c user.email=bench@localhost -c commit.gpgsign=false "$@"; }
    team_edit() {  # team_edit REPO MODULE
      sed -i 's|^import Vapor$|import Vapor\n// team: the home page shows our notes|' "$1/Sources/$2/Controllers/HomeController.swift"
      printf '\n## Our notes\n\nDeploys go through staging first.\n' >> "$1/README.md"
      gitc -C "$1" commit -qam "team edit"
    }
    "$gen_bin" generate --no-record --profile "$here/peers/profile.yaml" --output "$u/a" > /dev/null
    team_edit "$u/a" NotesApp
    sed -i 's/^workloads: \[\]/workloads: [content]/' "$u/a/.archdecide/profile.yaml"
    gitc -C "$u/a" commit -qam "one changed answer"; gitc -C "$u/a" tag before
    cp -r "$here/peers/copier" "$u/tpl"
    printf '{{ _copier_answers|to_nice_yaml -}}\n' > "$u/tpl/template/{{_copier_conf.answers_file}}.jinja"
    (cd "$u/tpl" && git init -q && git add -A && gitc commit -qm v1 && git tag v1)
    "$venv/bin/copier" copy --quiet --defaults --vcs-ref v1 "$u/tpl" "$u/c" > /dev/null
    (cd "$u/c" && git init -q && git add -A && gitc commit -qm generated)
    team_edit "$u/c" NotesApp
    gitc -C "$u/c" tag before
    reset_a="git -C $u/a reset -q --hard before && git -C $u/a clean -qfdx"
    reset_c="git -C $u/c reset -q --hard before && git -C $u/c clean -qfdx"
    hyperfine -N -i --warmup "$hf_warm" --runs "$hf_runs" --export-json "$work/update.json" \
      --prepare "bash -c '$reset_a'" -n archdecide "$bin update --no-record $u/a" \
      --prepare "bash -c '$reset_c'" -n copier "$venv/bin/copier update --quiet --defaults --skip-answered --data starter_model=none --vcs-ref v1 $u/c" >&2
    record update hyperfine "$(cat "$work/update.json")"
    bash -c "$reset_a"; bash -c "$reset_c"
    "$bin" update --no-record "$u/a" > /dev/null || true
    (cd "$u/c" && "$venv/bin/copier" update --quiet --defaults --skip-answered --data starter_model=none --vcs-ref v1 > /dev/null 2>&1) || true
    conflicts() { grep -rl --exclude-dir=.git '^<<<<<<< ' "$1" | wc -l; }
    changed() { git -C "$1" status --porcelain | wc -l; }
    kept() { grep -q '^// team: the home page shows our notes$' "$1/Sources/NotesApp/Controllers/HomeController.swift" && grep -q 'Deploys go through staging first' "$1/README.md" && echo true || echo false; }
    record update outcome "$(printf '{"archdecide":{"conflicts":%s,"committed":%s,"edits_kept":%s},"copier":{"conflicts":%s,"uncommitted_paths":%s,"edits_kept":%s}}' \
      "$(conflicts "$u/a")" "$( [ "$(git -C "$u/a" rev-list --count before..HEAD)" = 1 ] && echo true || echo false)" "$(kept "$u/a")" \
      "$(conflicts "$u/c")" "$(changed "$u/c")" "$(kept "$u/c")")"
  else
    note update "not measured: $gen_bin has no update command"
  fi
fi

# === 2. decide: one profile vs an empty Swift binary; a batch ==================================
if want decide; then
  log "2. archdecide decide"
  printf '' > "$work/empty.swift"
  swiftc -O -static-stdlib "$work/empty.swift" -o "$work/empty" 2> /dev/null || swiftc -O "$work/empty.swift" -o "$work/empty"
  bench=""
  if [[ -n "${BENCH_PROFILES:-}" ]]; then
    # Profiles given: archdecide-bench (a release build of its own, with swift-crypto) is not built.
    cp -r "$BENCH_PROFILES" "$work/batch"
    batch=$(find "$work/batch" -name '*.yaml' | wc -l)
    note decide "the batch is BENCH_PROFILES ($batch profiles); no in-process benchmarks (archdecide-bench not built)"
  elif ((quick)); then
    # No release build of archdecide-bench in a smoke run: the batch is copies of one profile.
    mkdir -p "$work/batch"
    for i in $(seq 1 "$batch"); do sed "s/^name: .*/name: p$i/" "$here/peers/profile.yaml" > "$work/batch/p$i.yaml"; done
  elif (cd "$here" && timeout 1800 swift build -c release >&2); then
    bench="$here/.build/release/archdecide-bench"
    "$bench" generate-profiles "$batch" "$work/batch"
  else
    note decide "archdecide-bench did not build: no batch profiles, no in-process benchmarks"
  fi
  hyperfine -N --warmup 5 --runs $((hf_runs + 10)) --export-json "$work/start.json" \
    -n empty "$work/empty" \
    -n decide "$bin decide --no-record --format json $here/peers/profile.yaml" >&2
  record decide start "$(cat "$work/start.json")"
  if [[ -d "$work/batch" ]]; then
    hyperfine --warmup 1 --runs "$batch_runs" --export-json "$work/batch.json" \
      -n batch "$bin decide --no-record --format jsonl $work/batch > /dev/null" >&2
    record decide batch "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["profiles"]=int(sys.argv[2]); print(json.dumps(d))' "$work/batch.json" "$batch")"
    [[ -z "$bench" ]] || "$bench" > "$work/inprocess.md" || note decide "archdecide-bench failed"
  fi
fi

# === 3. the generated Hummingbird service vs FastAPI and bare Hummingbird =====================
if want service; then
  log "3. the generated Hummingbird service vs FastAPI and bare Hummingbird"
  svc_bin="" bare_bin=""
  if ((generates)); then
    svc=$(generate_repo "$here/peers/service-profile.yaml" embedgate)
    if ((quick)) || [[ ${BENCH_BUILD:-1} == 0 ]]; then
      [[ -x "$scratch/release/embedgate" ]] && svc_bin="$scratch/release/embedgate"
      [[ -x "$scratch/release/bare-hummingbird" ]] && bare_bin="$scratch/release/bare-hummingbird"
    else
      # the bare ceiling first: it shares every dependency the service builds anyway
      bare_bin="$(swift_build "$here/peers/bare-hummingbird")/bare-hummingbird"
      svc_bin="$(swift_build "$svc" embedgate)/embedgate"
    fi
  fi
  if [[ -z "$svc_bin" || -z "$bare_bin" ]]; then
    note service "not measured: $( ((generates)) && echo "no release builds in $scratch (--quick never builds them)" || echo "$gen_bin has no generate command")"
  else
    python_env fastapi uvicorn uvloop httptools orjson numpy
    start service "$p_service" env HOST=127.0.0.1 PORT="$p_service" LOG_LEVEL=info "$svc_bin"
    start bare "$p_bare" env PORT="$p_bare" "$bare_bin"
    start fastapi "$p_fastapi" "$venv/bin/uvicorn" app:app --app-dir "$here/peers/fastapi" --host 127.0.0.1 --port "$p_fastapi" \
      --workers 2 --loop uvloop --http httptools --no-access-log --log-level warning
    # Same work: the same bytes for the same request (chat ids and timestamps aside).
    python3 "$here/peers/same-payloads.py" "$here/wrk" "127.0.0.1:$p_service" "127.0.0.1:$p_fastapi" > "$work/same.txt" 2>&1 \
      || note service "payloads differ: $(tail -1 "$work/same.txt")"
    record service payloads "$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read().strip()))' "$work/same.txt")"
    for endpoint in healthz:/healthz:get.lua embeddings:/v1/embeddings:embeddings.lua \
                 embeddings-base64:/v1/embeddings:embeddings-base64.lua sse:/v1/chat/completions:chat-stream.lua; do
      IFS=: read -r key path script <<< "$endpoint"
      if [[ $key == healthz ]]; then
        measure service "$key" "$path" "$script" generated:"$p_service" fastapi:"$p_fastapi" bare:"$p_bare"
      else
        measure service "$key" "$path" "$script" generated:"$p_service" fastapi:"$p_fastapi"
      fi
    done
    stop_servers
  fi
fi

# === 4. the generated Vapor monolith vs Django ================================================
if want monolith; then
  log "4. the generated Vapor monolith vs Django"
  mono_bin=""
  if ((generates)); then
    mono=$(generate_repo "$here/peers/profile.yaml" notes)
    if ((quick)) || [[ ${BENCH_BUILD:-1} == 0 ]]; then
      [[ -x "$scratch/release/notes" ]] && mono_bin="$scratch/release/notes"
    else
      mono_bin="$(swift_build "$mono" notes)/notes"
    fi
  fi
  if [[ -z "$mono_bin" ]]; then
    note monolith "not measured: $( ((generates)) && echo "no release build in $scratch (--quick never builds it)" || echo "$gen_bin has no generate command")"
  else
    python_env django gunicorn
    # Vapor logs every request at info; gunicorn logs none by default: both run without request logs.
    # Leaf reads Resources/Views from the working directory, and refuses a path with a hidden
    # folder in it (the default scratch is .build-scratch): run from a copy of the views in $work.
    mkdir -p "$work/notes-run" && cp -R "$mono/Resources" "$work/notes-run/"
    start vapor "$p_vapor" env -C "$work/notes-run" HOST=127.0.0.1 PORT="$p_vapor" SQLITE_PATH="$work/notes.sqlite" LOG_LEVEL=notice \
      "$mono_bin" serve --env production
    curl -fs -o /dev/null --max-time 5 -H 'Content-Type: application/json' \
      -d '{"name":"First item","notes":"Read through the ORM on every request"}' "http://127.0.0.1:$p_vapor/api/items"
    export DJANGO_SQLITE_PATH="$work/django.sqlite"
    (cd "$here/peers/django" && "$venv/bin/python" manage.py migrate -v 0)
    start django "$p_django" "$venv/bin/gunicorn" --chdir "$here/peers/django" -w 2 -b "127.0.0.1:$p_django" benchsite.wsgi
    for p in "$p_vapor" "$p_django"; do
      curl -fs --max-time 5 "http://127.0.0.1:$p/items" | grep -q "First item" || note monolith "the /items page on port $p does not show the row"
    done
    for key in healthz items; do
      measure monolith "$key" "/$key" get.lua generated:"$p_vapor" django:"$p_django"
    done
    stop_servers
  fi
fi

# === 5. the hybrid's queue =====================================================================
# The generated hybrid's own scripts/queue-bench.sh (release build) against a throwaway
# PostgreSQL on loopback: jobs/s with one and two worker processes, enqueue-to-done median and p99.
if want hybrid; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if ! ((generates)); then
    note hybrid "not measured: this archdecide cannot generate"
  elif [[ -z "$pgbin" ]] || ! command -v pgbench > /dev/null; then
    note hybrid "not measured: PostgreSQL and pgbench are needed (apt-get install -y postgresql)"
  else
    hybrid_repo=$(generate_repo "$root/Examples/generate/full-hybrid.yaml" hybrid)
    if ((quick)) && [[ "${BENCH_BUILD:-}" != 1 && ! -x "$scratch/release/helpdesk-ai" ]]; then
      note hybrid "--quick: no release build of the hybrid in $scratch; not measured"
    else
      if [[ "${BENCH_BUILD:-1}" == 0 ]] || ((quick)); then
        hybrid_bin=$(cd "$hybrid_repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)
      else
        hybrid_bin=$(swift_build "$hybrid_repo")
      fi
      # Its own folder: the work folder is private to this user, and the server runs as postgres.
      pg=$(mktemp -d /tmp/archdecide-bench-pg.XXXXXX); pg_port=$((port + 9))
      as_pg() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
      [[ $(id -u) == 0 ]] && chown postgres:postgres "$pg"
      as_pg "$pgbin/initdb -D $pg/data -U postgres --auth=trust -E UTF8 --no-sync" > /dev/null
      as_pg "$pgbin/pg_ctl -D $pg/data -l $pg/server.log -w -o '-p $pg_port -k $pg -c listen_addresses=127.0.0.1 -c fsync=off' start" > /dev/null
      psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE USER app WITH PASSWORD 'app'" -c "CREATE DATABASE bench OWNER app" > /dev/null
      log "the hybrid's queue: scripts/queue-bench.sh"
      if ((quick)); then hybrid_env=(BATCH=500 REPEAT=1 RATE=200 DURATION=3); else hybrid_env=(BATCH=10000 REPEAT=3 RATE=1000 DURATION=10); fi
      (cd "$hybrid_repo" && env "${hybrid_env[@]}" WORKERS="1 2" SLOTS=32 BIN_DIR="$hybrid_bin" OUT="$work/hybrid-ours.md" OUT_JSON="$work/hybrid-ours.json" \
        DATABASE_URL="postgres://app:app@127.0.0.1:$pg_port/bench?sslmode=disable" scripts/queue-bench.sh >&2) \
        || note hybrid "scripts/queue-bench.sh failed"
      # The peer: Celery 5 with a Redis broker (redis-server from Debian, celery and redis from PyPI).
      if ! command -v redis-server > /dev/null; then
        note hybrid "Celery not measured: redis-server is needed (apt-get install -y redis-server)"
      else
        python_env celery redis psycopg2-binary packaging  # kombu's Redis transport imports packaging without requiring it
        redis_port=$((port + 8))
        redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
        redis_pid=$!
        log "the peer: Celery 5 + Redis (peers/celery/bench.py)"
        (cd "$here/peers/celery" && env "${hybrid_env[@]}" LOGS="$work" PYTHONDONTWRITEBYTECODE=1 \
          DATABASE_DSN="host=127.0.0.1 port=$pg_port dbname=bench user=app password=app" \
          CELERY_BROKER_URL="redis://127.0.0.1:$redis_port/0" timeout 1200 "$venv/bin/python" bench.py > "$work/hybrid-celery.json") \
          || note hybrid "peers/celery/bench.py failed (see $work/celery.log)"
        kill "$redis_pid" 2> /dev/null; wait "$redis_pid" 2> /dev/null || true
      fi
      python3 - "$work/hybrid-ours.json" "$work/hybrid-celery.json" "$work/hybrid-ours.md" \
        "$( [[ -x $venv/bin/pip ]] && "$venv/bin/pip" freeze 2>/dev/null | grep -iE '^(celery|redis)==' | paste -sd' ' || true)" \
        "$(redis-server --version 2>/dev/null | awk '{print $3}')" > "$work/hybrid.md" <<'PY' || note hybrid "no side-by-side table"
import json, os, sys
ours_path, celery_path, ours_md, versions, redis = sys.argv[1:6]
ours = [json.loads(line) for line in open(ours_path)] if os.path.exists(ours_path) else []
celery = json.load(open(celery_path)) if os.path.exists(celery_path) and os.path.getsize(celery_path) else None
two = next((r for r in ours if r["workers"] == 2), None)
print("| measure | generated hybrid (2 processes × %s slots) | Celery 5 + Redis (2 worker processes) | ratio |" % (two["slots"] if two else "?"))
print("|---|---|---|---|")
def row(name, a, b, unit, higher_better):
    if a is None or b is None:
        print(f"| {name} | {a if a is not None else 'not measured'} {unit} | {b if b is not None else 'not measured'} {unit} | |"); return
    ratio = (a / b) if higher_better else (b / a if a else float('inf'))
    print(f"| {name} | {a:,.0f} {unit} | {b:,.0f} {unit} | {ratio:.1f}× {'faster' if higher_better else 'lower'} |")
row("jobs/s, a drained batch", two and two["jobs_per_s"], celery and celery["jobs_per_s"], "jobs/s", True)
row("enqueue→done median at a steady rate", two and two["median_ms"], celery and celery["median_ms"], "ms", False)
row("enqueue→done p99 at a steady rate", two and two["p99_ms"], celery and celery["p99_ms"], "ms", False)
if celery:
    print(f"\nCelery: {celery['count']} jobs enqueued at {celery['rate_achieved']:.0f}/s achieved; the same vector as the Swift provider: {celery['same_vector_as_swift']}; {versions}, redis-server {redis}.")
print("\nThe generated hybrid alone, 1 and 2 worker processes:\n")
print(open(ours_md).read() if os.path.exists(ours_md) else "not measured")
PY
      as_pg "$pgbin/pg_ctl -D $pg/data -m fast -w stop" > /dev/null || true
      rm -rf "$pg"
    fi
  fi
fi

# === the table ================================================================================
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$here/report.py" "$results" --quick "$quick" --load "$load_start" "$load_end" \
  --tools "$(hyperfine --version | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(swift --version 2>/dev/null | head -1)" \
  --peers "$( [[ -x $venv/bin/pip ]] && "$venv/bin/pip" freeze 2>/dev/null | grep -iE '^(cookiecutter|copier|fastapi|uvicorn|uvloop|httptools|orjson|numpy|django|gunicorn)==' | paste -sd' ' || true)" \
  > "$work/table.md"
[[ -f "$work/inprocess.md" ]] && { printf '\n### In-process (archdecide-bench)\n\n'; cat "$work/inprocess.md"; } >> "$work/table.md"
[[ -f "$work/hybrid.md" ]] && { printf '\n### 5. The hybrid'"'"'s job queue (PostgreSQL %s on loopback, release build)\n\n' "$(psql --version | awk '{print $3}')"; cat "$work/hybrid.md"; } >> "$work/table.md"
cat "$work/table.md"
if ((quick)); then
  cp "$work/table.md" "$here/results-quick.md"
else
  cp "$work/table.md" "$here/results.md"
fi
