#!/usr/bin/env bash
# Sets up, builds and starts the Switchboard server on its embedded defaults (no config file, no keys).
# Extra arguments go to `switchboard serve`, e.g. `Scripts/run.sh --config Config/switchboard.yaml`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/bootstrap.sh
echo "run: building switchboard (release)"
swift build -c release --product switchboard 2>&1 | grep -E 'error|warning: unre|Compiling switchboard|Build complete' || true
exec "$(swift build -c release --show-bin-path)/switchboard" serve "$@"
