#!/usr/bin/env bash
# The decision core's benchmarks alone: `decide` on one profile vs an empty Swift binary, a
# 10,000-profile batch, and archdecide-bench's in-process numbers. The same section of
# compare.sh, which runs every comparison of issue 7; `--quick` runs a short smoke version.
exec "$(cd "$(dirname "$0")" && pwd)/compare.sh" --only decide "$@"
