#!/bin/sh
# Concurrent calls with cloud adapters: `switchboard serve` (release) answers N concurrent Twilio Media
# Streams calls (`/twilio`) with a cloud agent (Deepgram live STT, OpenAI-compatible chat, Deepgram Aura
# TTS: the real adapters, routers and metering) pointed at `switchboard-fakes calls`, loopback fakes
# with real-provider timing (STT final 150 ms after the words end, first LLM token after 300 ms then
# one every 20 ms, first TTS audio after 200 ms then streamed in real time). `switchboard-bench-calls`
# (2 client loops) holds the calls: per 4.5 s cycle, 0.5 s of line noise, 1.5 s of speech-like audio,
# noise; it answers the agent's marks when their audio would have played, as Twilio does. Prints the
# server's CPU per call-minute and RSS per call over SECONDS, its per-turn voice-to-voice and
# orchestration overhead (call records in the debug log), the caller's end of speech -> first agent
# audio, gaps > 40 ms in the agent's audio and failed calls.
# Usage: Scripts/bench-calls.sh [N] [SECONDS]   (defaults 50 60). Builds the three release products
# (one per command) unless SKIP_BUILD=1; BIN_DIR picks the build folder (default .build/release).
# Extra options for the caller go in CALLER_OPTIONS (e.g. "--warmup 10 --ramp 25").
set -eu
calls=${1:-50}
seconds=${2:-60}
bin=${BIN_DIR:-.build/release}
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --product switchboard
    swift build -c release --product switchboard-fakes
    swift build -c release --product switchboard-bench-calls
fi
# Each call holds a few sockets on the server (Twilio, STT stream, HTTP connections to the LLM and TTS).
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
work=$(mktemp -d)
server=""
fakes_pid=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    [ -n "$fakes_pid" ] && kill "$fakes_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
wait_for() {  # wait_for FILE PATTERN: up to 20 s for PATTERN to appear in FILE
    i=0
    while ! grep -q "$2" "$1"; do
        i=$((i + 1)); [ "$i" -gt 400 ] && { echo "timed out waiting for '$2' in $1:"; tail -20 "$1"; exit 1; }
        sleep 0.05
    done
}
mkdir -p "$work/agents"
mkfifo "$work/fakes.in"
: >"$work/fakes.log"
"$bin/switchboard-fakes" calls --agent "$work/agents/bench.yaml" --cycle 4.5 --speech-start 0.5 --speech 1.5 \
    <"$work/fakes.in" >"$work/fakes.log" 2>&1 &
fakes_pid=$!
exec 3>"$work/fakes.in"
wait_for "$work/fakes.log" '^ready'
cat >"$work/switchboard.yaml" <<YAML
listeners:
  http: 127.0.0.1:0
agents_folder: agents
routes:
  - path: /twilio
    protocol: twilio
    agent: bench
default_agent: bench
limits:
  max_calls: $((calls + 100))
logging:
  level: debug
YAML
: >"$work/server.log"
BENCH_KEY=bench-key "$bin/switchboard" serve --config "$work/switchboard.yaml" >"$work/server.log" 2>&1 &
server=$!
wait_for "$work/server.log" 'listening http='
address=$(grep -o 'listening http=[^ ]*' "$work/server.log" | head -1 | cut -d= -f2)
sleep 1
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server pid $server"
# shellcheck disable=SC2086
"$bin/switchboard-bench-calls" "ws://$address/twilio" "$calls" "$seconds" --server-pid "$server" --fakes-pid "$fakes_pid" \
    --server-log "$work/server.log" --cycle 4.5 --speech-start 0.5 --speech 1.5 ${CALLER_OPTIONS:-}
problems=$(grep -c -E ' (warning|error|critical) ' "$work/server.log" || true)
echo "server log: $(wc -l <"$work/server.log") lines, $problems at warning or above"
[ "$problems" -gt 0 ] && grep -E ' (warning|error|critical) ' "$work/server.log" | sed 's/call=[^ ]*//' | cut -c1-200 | sort | uniq -c | sort -rn | head -5
kill "$server"; wait "$server" 2>/dev/null || true; server=""
exec 3>&-
wait "$fakes_pid" 2>/dev/null || true; fakes_pid=""
