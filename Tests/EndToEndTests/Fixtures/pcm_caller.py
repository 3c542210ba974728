#!/usr/bin/python3
"""A caller on Switchboard's raw PCM WebSocket endpoint (Docs/pcm-protocol.md), for end-to-end tests
and the /pcm voice benchmark. Written from the protocol document with Debian's python3-websockets 10.4.

It behaves like a real app: from `start` on it streams microphone audio in real time, 20 ms per binary
message (a faint noise floor when the caller is silent), "plays" the agent's audio in real time (a
playout clock), echoes each mark when playback reaches it, and drops queued audio on `clear`.

Usage:
  pcm_caller.py URL OUT_PREFIX TURN [TURN ...]
    TURN is WAV[:after|:barge=SECONDS]
      after        (default) wait until the agent is quiet (its audio all played), then speak
      barge=S      wait until S seconds of the agent's next reply have played, then speak over it
    Each WAV (16 kHz mono 16-bit), trimmed of leading and trailing silence, is followed by
    TRAILING_SILENCE_S of noise floor. PCM_CALLER_TIMEOUT (seconds, default 45) bounds the call.
Writes OUT_PREFIX-N.wav (agent audio received from turn N's speech start until turn N+1's) and
OUT_PREFIX.json (turn times, every JSON message and audio arrival with its time, in seconds since
`start`). Prints one line `done` on success.
"""
import asyncio, json, os, random, struct, sys, time, wave

import websockets

RATE = 16000
FRAME_SAMPLES = RATE // 50            # 20 ms, the protocol's frame
FRAME_SECONDS = 0.02
NOISE_AMPLITUDE = 64                   # about -54 dBFS: a quiet room
TRAILING_SILENCE_S = 1.5               # after each utterance, so the recognizer's endpointing can finish
QUIET_BEFORE_SPEAKING_S = 0.5          # agent silent (all played) this long before an `after` turn speaks
END_QUIET_S = 1.0                      # after the last reply has played and gone quiet, hang up
CALL_TIMEOUT_S = float(os.environ.get("PCM_CALLER_TIMEOUT", "45"))  # a whole call may not take longer
SPEECH_THRESHOLD = 300                 # |sample| below this at the ends of a WAV is espeak-ng's padding, not speech


def noise_frame(rng):
    return struct.pack("<%dh" % FRAME_SAMPLES, *(rng.randint(-NOISE_AMPLITUDE, NOISE_AMPLITUDE)
                                                  for _ in range(FRAME_SAMPLES)))


def read_speech(path, rng):
    with wave.open(path, "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        data = w.readframes(w.getnframes())
    samples = list(struct.unpack("<%dh" % (len(data) // 2), data))
    loud = [i for i, s in enumerate(samples) if abs(s) >= SPEECH_THRESHOLD]
    if loud:  # so speech_end is the end of the words, not of the file's trailing silence
        samples = samples[loud[0]:loud[-1] + 1]
    samples = [max(-32768, min(32767, s + rng.randint(-NOISE_AMPLITUDE, NOISE_AMPLITUDE))) for s in samples]
    samples += [0] * ((-len(samples)) % FRAME_SAMPLES)
    frames = [struct.pack("<%dh" % FRAME_SAMPLES, *samples[i:i + FRAME_SAMPLES])
              for i in range(0, len(samples), FRAME_SAMPLES)]
    return frames, len(frames)


class Caller:
    def __init__(self, ws, turns, rng):
        self.ws, self.turns, self.rng = ws, turns, rng
        self.t0 = time.monotonic()
        self.play_end = 0.0          # when the audio queued so far finishes playing
        self.last_audio = None       # arrival time of the newest agent audio
        self.pending_acks = []       # timer handles of marks not yet played
        self.events, self.audio = [], []
        self.turn_log = []
        self.recordings = [bytearray() for _ in turns]
        self.current = -1            # index of the turn whose recording gets the audio
        self.first_audio_since = {}  # turn index -> arrival of the first agent audio after its speech ended
        self.speech = []             # frames the microphone sends next (noise floor when empty)

    def now(self):
        return time.monotonic() - self.t0

    def quiet_for(self):
        """Seconds the agent has been silent to the listener (0 while audio is still playing)."""
        now = self.now()
        if self.last_audio is None or now < self.play_end:
            return 0.0
        return now - max(self.play_end, self.last_audio)

    async def receive(self):
        loop = asyncio.get_running_loop()
        async for message in self.ws:
            now = self.now()
            if isinstance(message, bytes):
                self.play_end = max(now, self.play_end) + len(message) / 2 / RATE
                self.last_audio = now
                self.audio.append([round(now, 4), len(message), self.current])
                if self.current >= 0:
                    self.recordings[self.current] += message
                    turn = self.turn_log[self.current]
                    if "speech_end" in turn and self.current not in self.first_audio_since:
                        self.first_audio_since[self.current] = now
                continue
            event = json.loads(message)
            self.events.append({"t": round(now, 4), "message": event})
            kind = event.get("type")
            if kind == "mark":
                reply = json.dumps({"type": "mark", "name": event["name"]})
                delay = max(0.0, self.play_end - now)
                self.pending_acks.append(loop.call_later(delay, lambda r=reply: asyncio.ensure_future(self.send_text(r))))
            elif kind == "clear":
                self.play_end = now
                for handle in self.pending_acks:
                    handle.cancel()
                self.pending_acks = []

    async def send_text(self, text):
        try:
            await self.ws.send(text)
        except websockets.ConnectionClosed:
            pass

    async def wait_until(self, condition):
        while not condition():
            await asyncio.sleep(FRAME_SECONDS)

    async def speak(self):
        """Streams the microphone in real time: noise, or the current utterance's frames."""
        tick = 0
        while True:
            frame = self.speech.pop(0) if self.speech else noise_frame(self.rng)
            await self.ws.send(frame)
            tick += 1
            delay = self.t0 + tick * FRAME_SECONDS - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)

    async def script(self):
        for index, (path, mode) in enumerate(self.turns):
            frames, count = read_speech(path, self.rng)
            if mode == "after":
                await self.wait_until(lambda: index == 0 or index - 1 in self.first_audio_since)
                await self.wait_until(lambda: self.quiet_for() >= QUIET_BEFORE_SPEAKING_S)
            else:
                seconds = float(mode.split("=", 1)[1])
                previous = index - 1
                await self.wait_until(lambda: self.current == previous and previous in self.first_audio_since
                                      or previous < 0 and self.last_audio is not None)
                heard_from = self.first_audio_since.get(previous, 0.0) if previous >= 0 else self.audio[0][0]
                await self.wait_until(lambda: self.now() >= heard_from + seconds)
            silence = [noise_frame(self.rng) for _ in range(int(TRAILING_SILENCE_S / FRAME_SECONDS))]
            start = self.now()
            self.current = index
            self.turn_log.append({"wav": path, "mode": mode, "speech_start": round(start, 4)})
            self.speech = frames + silence
            await asyncio.sleep(count * FRAME_SECONDS)
            await self.wait_until(lambda: len(self.speech) <= len(silence))
            self.turn_log[index]["speech_end"] = round(self.now(), 4)
        last = len(self.turns) - 1
        await self.wait_until(lambda: last in self.first_audio_since)
        await self.wait_until(lambda: self.quiet_for() >= END_QUIET_S)


async def main():
    url, prefix, specs = sys.argv[1], sys.argv[2], sys.argv[3:]
    turns = []
    for spec in specs:
        path, _, mode = spec.partition(":")
        turns.append((path, mode or "after"))
    rng = random.Random(7)
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "start", "sampleRate": RATE}))
        caller = Caller(ws, turns, rng)
        receiver = asyncio.ensure_future(caller.receive())
        speaker = asyncio.ensure_future(caller.speak())
        try:
            await asyncio.wait_for(caller.script(), CALL_TIMEOUT_S)
            outcome = "done"
        except asyncio.TimeoutError:
            outcome = "timeout"
        speaker.cancel()
        await ws.send(json.dumps({"type": "stop"}))
        receiver.cancel()
    for index, recording in enumerate(caller.recordings):
        with wave.open("%s-%d.wav" % (prefix, index), "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(RATE)
            w.writeframes(bytes(recording))
    for index, start in caller.first_audio_since.items():
        caller.turn_log[index]["first_audio"] = round(start, 4)
    with open(prefix + ".json", "w") as out:
        json.dump({"outcome": outcome, "turns": caller.turn_log, "events": caller.events, "audio": caller.audio}, out)
    print(outcome, flush=True)


asyncio.run(main())
