#!/usr/bin/env bash
# Fuzzes the profile reader with libFuzzer for a bounded time (default 60 s; FUZZ_SECONDS to change),
# starting from the Examples (valid and invalid profiles) as the seed corpus. Exit 0: no crash found;
# a crash leaves its input as Fuzz/.build-fuzz/crash-* and fails.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
find ../Examples -name '*.yaml' -exec cp {} "$corpus/" \;
echo "seed corpus: $(ls "$corpus" | wc -l) profiles from Examples/; fuzzing for ${seconds}s"
./.build-fuzz/debug/profile-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
  -artifact_prefix=.build-fuzz/ -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
