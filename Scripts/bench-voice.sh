#!/bin/sh
# Voice-to-voice latency and orchestration overhead of the embedded receptionist with the offline
# providers, measured in-process by `switchboard chat --timings` (the real CallSession, scripted LLM,
# espeak-ng TTS with --voice espeak; typed speech, so no STT wait). Runs the 5-turn conversation N times
# and prints median and p95 over all answered turns. Usage: Scripts/bench-voice.sh [N] [silent|espeak]
# (build first: swift build --product switchboard [-c release]; SWITCHBOARD_BINARY picks the binary).
set -eu
runs=${1:-20}
voice=${2:-espeak}
binary=${SWITCHBOARD_BINARY:-.build/debug/switchboard}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
    printf 'hello\nwhat are your opening hours\nbook an appointment\nmy name is Grace Hopper\ngoodbye\n' \
        | "$binary" chat --timings --voice "$voice" | grep '^\[turn ' >>"$out"
    i=$((i + 1))
done
/usr/bin/python3 - "$out" "$voice" "$runs" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=([\d.]+)', line)) for line in open(sys.argv[1])]
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print(f"voice={sys.argv[2]} runs={sys.argv[3]} turns={len(rows)}")
for key in ("voice_to_voice_ms", "overhead_ms", "provider_wait_ms"):
    values = [float(row[key]) for row in rows if key in row]
    print(f"{key:18} median {statistics.median(values):8.3f}  p95 {pct(values, 95):8.3f}  max {max(values):8.3f}")
PY
