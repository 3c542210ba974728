#!/bin/sh
# Voice-to-voice latency over the raw PCM WebSocket endpoint with the offline providers, measured by a
# real client: `switchboard serve` (embedded receptionist: pocketsphinx STT, scripted LLM, espeak-ng TTS)
# and Tests/EndToEndTests/Fixtures/pcm_caller.py, which streams espeak-ng speech at 16 kHz in real time
# (20 ms frames, noise floor between utterances) and plays the agent's audio in real time. One call of N
# turns alternating "what are your hours" and "good morning"; each turn waits for the previous reply to
# finish playing. Per turn it prints nothing; at the end, median/p95/max of
#   voice_to_voice_ms   end of the caller's words -> first agent audio byte received (client side)
#   stt_final_ms        end of the caller's words -> `transcript` message (pocketsphinx endpointing + decode)
#   reply_audio_ms      `transcript` message -> first agent audio byte (LLM + TTS first audio + framing)
# Usage: Scripts/bench-voice-pcm.sh [N]   (build first: swift build -c release --product switchboard;
# SWITCHBOARD_BINARY picks the binary, default .build/release/switchboard).
set -eu
turns=${1:-20}
binary=${SWITCHBOARD_BINARY:-.build/release/switchboard}
caller=Tests/EndToEndTests/Fixtures/pcm_caller.py
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for phrase in "what are your hours" "good morning"; do
    name=$(echo "$phrase" | tr ' ' _)
    espeak-ng -v en-us -w "$work/$name.raw.wav" -- "$phrase"
    sox "$work/$name.raw.wav" -r 16000 -c 1 -b 16 -e signed-integer "$work/$name.wav"
done
"$binary" serve --http 127.0.0.1:0 >"$work/server.log" 2>&1 &
server=$!
i=0
while ! grep -q 'listening http=' "$work/server.log"; do
    i=$((i + 1)); [ "$i" -gt 100 ] && { cat "$work/server.log"; exit 1; }
    sleep 0.1
done
address=$(grep -o 'listening http=[^ ]*' "$work/server.log" | cut -d= -f2)
set --
i=0
while [ "$i" -lt "$turns" ]; do
    if [ $((i % 2)) -eq 0 ]; then set -- "$@" "$work/what_are_your_hours.wav"; else set -- "$@" "$work/good_morning.wav"; fi
    i=$((i + 1))
done
PCM_CALLER_TIMEOUT=$((turns * 15 + 30)) /usr/bin/python3 "$caller" "ws://$address/pcm" "$work/call" "$@" >/dev/null
/usr/bin/python3 - "$work/call.json" "$binary" <<'PY'
import json, statistics, sys
log = json.load(open(sys.argv[1]))
transcripts = [e["t"] for e in log["events"] if e["message"]["type"] == "transcript"]
rows = {"voice_to_voice_ms": [], "stt_final_ms": [], "reply_audio_ms": []}
for turn in log["turns"]:
    end, first = turn.get("speech_end"), turn.get("first_audio")
    if end is None or first is None:
        continue
    rows["voice_to_voice_ms"].append((first - end) * 1000)
    final = next((t for t in transcripts if t > turn["speech_start"]), None)
    if final is not None and final <= first:
        rows["stt_final_ms"].append((final - end) * 1000)
        rows["reply_audio_ms"].append((first - final) * 1000)
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print(f"binary={sys.argv[2]} outcome={log['outcome']} turns={len(log['turns'])} answered={len(rows['voice_to_voice_ms'])}")
for key, values in rows.items():
    if values:
        print(f"{key:18} median {statistics.median(values):8.1f}  p95 {pct(values, 95):8.1f}  max {max(values):8.1f}")
PY
