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

# Each test target runs in its own process, one after another: suites that start real peers (Python
# servers, espeak-ng, pocketsphinx) starve each other on 2 cores when run in one process, and a
# failure is easier to read per target. Arguments (e.g. --filter X) run one plain `swift test` instead.
if [ $# -gt 0 ]; then
  exec swift test --skip-build "$@"
fi
targets=$(sed -n 's/^ *\.testTarget(name: "\([A-Za-z]*\)".*/\1/p' Package.swift)
target_limit="${TARGET_TIMEOUT_SECONDS:-900}"
passed=0; failed=0; failed_targets=()
for target in $targets; do
  echo "test: $target"
  out=$(mktemp)
  status=0
  # A hung test must fail its target, not the whole CI run: each target gets a time limit, and what it
  # left running is killed (swift test starts the test binary in its own process group).
  timeout --kill-after=10 "$target_limit" swift test --skip-build --filter "^$target\." >"$out" 2>&1 || status=$?
  pkill -KILL -f "$PWD/.build/.*SwitchboardPackageTests.xctest" 2>/dev/null || true
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "  timed out after ${target_limit} s; tests started and never finished:"
    comm -23 <(sed -n 's/^◇ Test \(.*\) started\.$/\1/p' "$out" | sort) \
             <(sed -n -E 's/^[✔✘] Test (.*) (passed|failed).*/\1/p' "$out" | sort) | sed 's/^/    /' | head -20
  fi
  grep -E '✘|error:' "$out" | head -40 || true
  summary=$(grep -E 'Test run with [0-9]+ tests?' "$out" | tail -1)
  echo "  ${summary:-no summary (exit $status)}"
  count=$(echo "$summary" | sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\}.*/\1/p')
  failed_tests=$(grep -cE '^✘ Test .* failed after' "$out" || true)
  if [ "$status" -ne 0 ] || [ -z "$summary" ]; then
    failed_targets+=("$target")
    [ "${failed_tests:-0}" -gt 0 ] || failed_tests=1
    failed=$((failed + failed_tests))
    passed=$((passed + ${count:-0} - failed_tests))
    tail -20 "$out"
  else
    passed=$((passed + count))
  fi
  rm -f "$out"
done
echo "Swift tests: $passed passed, $failed failed"
if [ ${#failed_targets[@]} -gt 0 ]; then
  echo "test: failures in ${failed_targets[*]}" >&2
  exit 1
fi
