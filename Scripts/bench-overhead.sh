#!/bin/sh
# Orchestration overhead with cloud fakes: `switchboard serve` runs a cloud agent (Deepgram live STT,
# OpenAI chat, Deepgram Aura TTS) against zero-latency loopback fakes (`switchboard-fakes`), and a
# caller streams 16 kHz audio in real time on a fixed schedule: each CYCLE-second turn is the espeak-ng
# words "what are your hours" then a quiet noise floor; the STT fake finalizes 0.1 s after the words end.
# The server's call record gives, per turn, voice-to-voice (speech end -> first reply audio), provider
# wait (STT final wait + LLM first sentence + TTS first audio) and their difference, the orchestration
# overhead (endpointing, hand-offs, queueing). Prints median/p95/max of each over N turns, plus the
# client-side end-of-speech -> first audio byte.
# Usage: Scripts/bench-overhead.sh [N] [CYCLE]   (build first, one product per command:
# swift build -c release --product switchboard && swift build -c release --product switchboard-fakes;
# BIN_DIR picks the build folder, default .build/release).
set -eu
turns=${1:-30}
cycle=${2:-2.5}
bin=${BIN_DIR:-.build/release}
work=$(mktemp -d)
server=""
fakes_pid=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$fakes_pid" ] && kill "$fakes_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
espeak-ng -v en-us -w "$work/raw.wav" -- "what are your hours"
sox "$work/raw.wav" -r 16000 -c 1 -b 16 -e signed-integer "$work/speech.wav" silence 1 0.01 1% reverse silence 1 0.01 1% reverse
speech_end=$(/usr/bin/python3 -c "import wave,sys; w=wave.open('$work/speech.wav'); print(0.5 + w.getnframes()/16000)")
mkdir -p "$work/agents"
mkfifo "$work/fakes.in"
"$bin/switchboard-fakes" "$cycle" "$turns" "$speech_end" "$work/agents/bench.yaml" <"$work/fakes.in" >"$work/fakes.log" 2>&1 &
fakes_pid=$!
exec 3>"$work/fakes.in"
i=0
while ! grep -q '^ready' "$work/fakes.log"; do
    i=$((i + 1)); [ "$i" -gt 200 ] && { cat "$work/fakes.log"; exit 1; }
    sleep 0.05
done
cat >"$work/switchboard.yaml" <<YAML
listeners:
  http: 127.0.0.1:0
agents_folder: agents
routes:
  - path: /pcm
    protocol: pcm
    agent: bench
default_agent: bench
logging:
  level: debug
YAML
: >"$work/server.log"
BENCH_KEY=bench-key "$bin/switchboard" serve --config "$work/switchboard.yaml" >"$work/server.log" 2>&1 &
server=$!
i=0
while ! grep -q 'listening http=' "$work/server.log"; do
    i=$((i + 1)); [ "$i" -gt 200 ] && { cat "$work/server.log"; exit 1; }
    sleep 0.05
done
address=$(grep -o 'listening http=[^ ]*' "$work/server.log" | cut -d= -f2)
/usr/bin/python3 - "ws://$address/pcm" "$work/speech.wav" "$turns" "$cycle" <<'PY'
# A caller on a fixed schedule: per cycle, 0.5 s of noise floor, the words, then noise floor to the
# cycle's end; 20 ms frames in real time. Records end-of-words -> first agent audio per turn.
import asyncio, json, random, statistics, struct, sys, time, wave
import websockets
url, path, turns, cycle = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
w = wave.open(path); words = w.readframes(w.getnframes())
rng = random.Random(7)
def noise(): return struct.pack("<320h", *(rng.randint(-64, 64) for _ in range(320)))
frames_per_cycle = int(cycle * 50)
speech = [words[i:i + 640].ljust(640, b"\0") for i in range(0, len(words), 640)]
async def main():
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "start", "sampleRate": 16000}))
        t0 = time.monotonic(); ends = []; firsts = {}
        async def receive():
            async for message in ws:
                if isinstance(message, bytes) and ends and len(ends) - 1 not in firsts:
                    firsts[len(ends) - 1] = time.monotonic() - t0
                elif isinstance(message, str):
                    event = json.loads(message)
                    if event.get("type") == "mark":
                        await ws.send(json.dumps({"type": "mark", "name": event["name"]}))
        reader = asyncio.ensure_future(receive())
        n = 0
        for turn in range(turns):
            for k in range(frames_per_cycle):
                if k == 25 + len(speech): ends.append(time.monotonic() - t0)
                frame = speech[k - 25] if 25 <= k < 25 + len(speech) else noise()
                await ws.send(frame); n += 1
                delay = t0 + n * 0.02 - time.monotonic()
                if delay > 0: await asyncio.sleep(delay)
        await ws.send(json.dumps({"type": "stop"}))
        await asyncio.sleep(0.5)
        await ws.close(); reader.cancel()
        v = sorted((firsts[i] - ends[i]) * 1000 for i in firsts if i < len(ends))
        if v: print(f"client end_of_words_to_first_audio_ms median={statistics.median(v):.1f} p95={v[min(len(v)-1, int(len(v)*0.95))]:.1f} n={len(v)}")
asyncio.run(main())
PY
sleep 1
kill "$server"; wait "$server" 2>/dev/null || true; server=""
exec 3>&-
/usr/bin/python3 - "$work/server.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
line = [l for l in text.splitlines() if "call turn latencies" in l]
if not line: print("no call record in the server log"); print(text[-2000:]); sys.exit(1)
def values(key):
    m = re.search(key + r"=\[([^\]]*)\]", line[-1]); return sorted(float(x) for x in m.group(1).split(",") if x.strip()) if m else []
def pct(v, p): return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
for key in ("voice_to_voice_ms", "provider_wait_ms", "overhead_ms"):
    v = values(key)
    if v: print(f"{key:18} n={len(v):3} median={pct(v, 50):8.3f} p95={pct(v, 95):8.3f} max={v[-1]:8.3f}")
PY
