#!/usr/bin/env bash
# Sets up, builds and runs every Switchboard test: the README's test command, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/bootstrap.sh

echo "test: building (layering enforced: a target may import only what it declares)"
log=$(mktemp)
swift build --build-tests --explicit-target-dependency-import-check error 2>&1 | tee "$log" | grep -E 'error:|warning: .*(Sendable|isolat|concurren)|Compiling|Build complete' | grep -v '^\[' || true
if grep -q 'error:' "$log"; then
  echo "test: build failed" >&2
  grep 'error:' "$log" | sort -u >&2
  exit 1
fi

echo "test: running the test suites"
swift test --skip-build "$@"
