#!/usr/bin/env bash
# `make install` into a temporary PREFIX, as a user would: the installed binary must be stripped,
# run with the build folder out of reach, find its man page and completions, and `make uninstall`
# must leave nothing behind.
# Usage: .ci/install-check.sh            Exit status: 0 when every check passed.
#        BUILD_FLAGS= .ci/install-check.sh   the same with a debug build (quicker; the checks are the same)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d) log=$(mktemp)
trap 'rm -rf "$prefix" "$log"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

# The build's output is kept and shown when it fails (a bare "Error 1" says nothing).
make install PREFIX="$prefix" ${BUILD_FLAGS+BUILD_FLAGS="$BUILD_FLAGS"} >"$log" 2>&1 \
  || { grep -E 'error:|warning: .*crash|Stack dump' "$log" | head -20 >&2; tail -20 "$log" >&2; fail "make install failed"; }
bin="$prefix/bin/archdecide"
[[ -x "$bin" ]] || fail "no binary at $bin"
size_kib=$(du -k "$bin" | cut -f1)
file "$bin" 2>/dev/null | grep -q "not stripped" && fail "the installed binary is not stripped"
for f in share/man/man1/archdecide.1 share/bash-completion/completions/archdecide \
         share/zsh/site-functions/_archdecide share/fish/vendor_completions.d/archdecide.fish; do
  [[ -s "$prefix/$f" ]] || fail "missing or empty: $f"
done
grep -q '^\.Dt ARCHDECIDE 1' "$prefix/share/man/man1/archdecide.1" || fail "the man page is not an mdoc page for archdecide(1)"
grep -q 'withdraw' "$prefix/share/man/man1/archdecide.1" || fail "the man page lacks a subcommand"
grep -q 'decide' "$prefix/share/bash-completion/completions/archdecide" || fail "bash completion lacks decide"

# The system SQLite is among the shared libraries it needs (README.md says so); the rest are printed.
ldd "$bin" | awk '{print $1}' | grep -v -E '^(linux-vdso|/lib64/ld-linux|libc\.so|libm\.so|libpthread|libdl|librt|libgcc_s|libstdc\+\+|libutil)' \
  | sort > "$prefix/libs.txt" || true
grep -q '^libsqlite3\.so\.0$' "$prefix/libs.txt" || fail "expected libsqlite3.so.0 among the libraries: $(tr '\n' ' ' < "$prefix/libs.txt")"
echo "install-check: shared libraries beyond the C runtime: $(tr '\n' ' ' < "$prefix/libs.txt")"

# Run from elsewhere, with the build folder out of reach (moved aside, put back on exit).
work=$(mktemp -d)
cp Examples/deskpilot.yaml "$work/"
mv .build .build-install-check-aside
trap 'mv .build-install-check-aside .build; rm -rf "$prefix" "$work"' EXIT
(cd "$work" && HOME="$work" NO_COLOR=1 "$bin" decide deskpilot.yaml | head -1 | grep -q '^deskpilot → ') || fail "the installed binary does not decide"
(cd "$work" && HOME="$work" "$bin" generate --no-git --dry-run --profile deskpilot.yaml >/dev/null) || fail "the installed binary does not plan a repo"
mv .build-install-check-aside .build
trap 'rm -rf "$prefix" "$work"' EXIT

make uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f ! -name libs.txt)
[[ -z "$left" ]] || fail "uninstall left: $left"
echo "install-check: ok (installed binary ${size_kib} KiB, stripped)"
