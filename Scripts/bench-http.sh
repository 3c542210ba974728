#!/usr/bin/env bash
# HTTP and WebSocket server benchmark (release build; figures go to Docs/benchmarks.md, section
# "HTTP and WebSocket server"). Two parts:
#   1. wrk against /healthz of the real `switchboard serve` (keep-alive, 2 threads, 100 connections),
#      with the server's CPU read from /proc/PID/stat;
#   2. switchboard-bench-ws: 1,000 WebSocket connections sending 160-byte binary frames to an echo
#      endpoint of Net's HTTPServer in another process — paced like media (50 frames/s each) and
#      saturating (8 frames in flight per connection) — messages/s, round trip, CPU of both sides.
# Usage: Scripts/bench-http.sh [SECONDS_PER_RUN]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "bench-http: wrk missing (Scripts/bootstrap.sh installs it)" >&2; exit 1; }

echo "bench-http: building release products"
swift build -c release --product switchboard 2>&1 | grep -E 'error|omplete' || true
swift build -c release --product switchboard-bench-ws 2>&1 | grep -E 'error|omplete' || true
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cpu_seconds() { # utime + stime of PID, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

wait_for_line() { # FILE PATTERN
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench-http: no \"$2\" in $1" >&2; cat "$1" >&2; exit 1
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. wrk -t2 -c100 -d${duration}s --latency /healthz (switchboard serve, one loop per core)"
"$bin/switchboard" serve --http 127.0.0.1:0 > "$work/serve.log" 2>&1 &
serve_pid=$!; pids+=("$serve_pid")
wait_for_line "$work/serve.log" "listening http="
port=$(grep -o 'http=127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)
wrk -t2 -c100 -d2s "http://127.0.0.1:$port/healthz" > /dev/null # warm-up
before=$(cpu_seconds "$serve_pid"); start=$(date +%s.%N)
wrk -t2 -c100 -d"${duration}s" --latency "http://127.0.0.1:$port/healthz"
after=$(cpu_seconds "$serve_pid"); end=$(date +%s.%N)
awk -v b="$before" -v a="$after" -v s="$start" -v e="$end" 'BEGIN { printf "server CPU: %.0f%% of one core\n", (a - b) / (e - s) * 100 }'
kill -TERM "$serve_pid"; wait "$serve_pid" || true

echo "== 2. WebSocket echo, 1000 connections, 160-byte binary frames"
for server_loops in 1 2; do
  "$bin/switchboard-bench-ws" serve --loops "$server_loops" > "$work/ws.log" 2>&1 &
  ws_pid=$!; pids+=("$ws_pid")
  wait_for_line "$work/ws.log" "^port "
  ws_port=$(awk '/^port /{ print $2 }' "$work/ws.log")
  echo "-- server: $server_loops loop(s)"
  "$bin/switchboard-bench-ws" load --port "$ws_port" --connections 1000 --seconds "$duration" --loops 2 --server-pid "$ws_pid"
  "$bin/switchboard-bench-ws" load --port "$ws_port" --connections 1000 --seconds "$duration" --window 8 --loops 2 --server-pid "$ws_pid"
  kill "$ws_pid"; wait "$ws_pid" 2>/dev/null || true
done
