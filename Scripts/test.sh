#!/usr/bin/env bash
# Sets up, builds and runs every Switchboard test: the README's test command, and what CI runs.
#   Scripts/test.sh [swift test arguments, e.g. --filter MediaTests]
# Steps: system packages (bootstrap), a build with layering enforced, a short libFuzzer run of every
# Wire codec (FUZZ_SECONDS each, default 5; 0 skips), then the test suites.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/bootstrap.sh

echo "test: building with layering enforced (a target may import only what it declares)"
log=$(mktemp)
if ! swift build --build-tests --explicit-target-dependency-import-check error >"$log" 2>&1 || grep -q 'error:' "$log"; then
  grep -E 'error:' "$log" | sort -u >&2 || tail -40 "$log" >&2
  echo "test: build failed" >&2
  exit 1
fi
grep -E 'warning:' "$log" | sort -u || true
echo "test: build complete"

fuzz_seconds="${FUZZ_SECONDS:-5}"
if [ "$fuzz_seconds" != "0" ]; then
  bash Scripts/fuzz.sh "$fuzz_seconds"
fi

echo "test: running the test suites"
swift test --skip-build "$@"
