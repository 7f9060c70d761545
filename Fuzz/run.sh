#!/usr/bin/env bash
# Fuzzes the profile reader with libFuzzer for a bounded time (default 60 s; FUZZ_SECONDS to change),
# starting from the Examples (valid and invalid profiles) and Fuzz/regressions/ (inputs that once
# crashed it) as the seed corpus. Exit 0: no crash found. A crash fails, printing the harness's
# message, the top of the stack and the input (escaped and base64), so a CI log alone reproduces it;
# the input is also left as Fuzz/.build-fuzz/crash-*. Add it to Fuzz/regressions/ with the fix
# (ProfileWriterTests runs every file there in the ordinary test suite).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer
corpus="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$corpus" "$log"' EXIT
find ../Examples regressions -name '*.yaml' -exec cp {} "$corpus/" \;
rm -f .build-fuzz/crash-* .build-fuzz/timeout-* .build-fuzz/oom-* .build-fuzz/leak-*
echo "seed corpus: $(ls "$corpus" | wc -l) profiles from Examples/ and regressions/; fuzzing for ${seconds}s"
# Swift's own backtracer would take the trap before libFuzzer's handler, which then saves no input.
if SWIFT_BACKTRACE=enable=no ./.build-fuzz/debug/profile-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=70000 -dict=profile.dict -artifact_prefix=.build-fuzz/ -print_final_stats=1 "$corpus" >"$log" 2>&1; then
  tail -n 15 "$log"
  exit 0
fi
echo "profile-fuzz FAILED; what it printed, without the corpus progress lines:"
grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$log" | head -n 60
for input in .build-fuzz/crash-* .build-fuzz/timeout-* .build-fuzz/oom-* .build-fuzz/leak-*; do
  [[ -f "$input" ]] || continue
  echo "--- the input $input ($(wc -c <"$input") bytes), escaped:"
  head -c 2000 "$input" | od -c | head -n 40
  echo "--- base64 (decode with: base64 -d > Fuzz/regressions/NAME.yaml):"
  base64 -w 0 "$input"; echo
done
exit 1
