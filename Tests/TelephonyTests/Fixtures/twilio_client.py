#!/usr/bin/python3
"""A Twilio Media Streams client written from Twilio's "Media Streams - WebSocket Messages" page:
connected, start, media (base64 mu-law 8 kHz, 20 ms, real time), mark echoes, stop.
Usage: twilio_client.py URL SCENARIO... ; runs the scenarios as concurrent calls and prints one JSON
line per thing received: {"call": scenario, "event": ..., ...}."""
import asyncio, base64, json, math, sys, websockets

SILENCE = bytes([0xFF]) * 160

def mulaw(sample):
    sign = 0x80 if sample < 0 else 0
    sample = min(abs(sample), 32635) + 0x84
    exponent, mask = 7, 0x4000
    while exponent > 0 and not sample & mask:
        exponent -= 1; mask >>= 1
    return ~(sign | exponent << 4 | (sample >> (exponent + 3)) & 0x0F) & 0xFF

TONE = bytes(mulaw(int(12000 * math.sin(2 * math.pi * 440 * n / 8000))) for n in range(160))

def out(call, **fields):
    print(json.dumps({"call": call, **fields}), flush=True)

def start_message(sid):
    return json.dumps({"event": "start", "sequenceNumber": "1", "streamSid": sid, "start": {
        "streamSid": sid, "accountSid": "AC00", "callSid": "CA" + sid, "tracks": ["inbound"],
        "customParameters": {"tenant": "acme"},
        "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}}})

def media_message(sid, seq, payload):
    return json.dumps({"event": "media", "sequenceNumber": str(seq), "streamSid": sid, "media": {
        "track": "inbound", "chunk": str(seq), "timestamp": str(seq * 20),
        "payload": base64.b64encode(payload).decode()}})

async def call(url, scenario):
    sid = "MZ" + scenario.replace("-", "")
    try:
        async with websockets.connect(url, max_size=None) as ws:
            await ws.send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
            if scenario == "media-before-start":
                await ws.send(media_message(sid, 1, SILENCE))
            elif scenario == "huge":
                await ws.send(start_message(sid))
                await ws.send("x" * (10 * 1024 * 1024))
            else:
                await ws.send(start_message(sid))
            state = {"media": 0, "first_media": None, "marks": 0, "clear": False, "done": False}
            async def reader():
                async for text in ws:
                    message = json.loads(text)
                    event = message["event"]
                    if event == "media":
                        state["media"] += len(base64.b64decode(message["media"]["payload"]))
                        if message["streamSid"] != sid: out(scenario, event="wrong-sid")
                        if state["first_media"] is None:
                            state["first_media"] = asyncio.get_running_loop().time()
                    elif event == "mark":
                        state["marks"] += 1
                        out(scenario, event="mark", name=message["mark"]["name"], media_before=state["media"])
                        await ws.send(json.dumps({"event": "mark", "streamSid": sid, "mark": message["mark"]}))
                    elif event == "clear":
                        state["clear"] = True
                        out(scenario, event="clear", media_before=state["media"])
            read = asyncio.ensure_future(reader())
            seq, loop = 2, asyncio.get_running_loop()
            began = loop.time()
            while not read.done() and loop.time() - began < 8:
                payload = SILENCE
                if scenario == "bad-base64" and seq == 5:
                    await ws.send(json.dumps({"event": "media", "streamSid": sid, "media": {"track": "inbound", "payload": "!!!notbase64"}}))
                if scenario == "abrupt" and seq == 10:
                    ws.transport.abort()
                    break
                if scenario == "bargein" and state["first_media"] and loop.time() - state["first_media"] > 0.3 and not state["clear"]:
                    payload = TONE
                if scenario == "greet" and state["marks"] >= 1:
                    await asyncio.sleep(0.2)
                    await ws.send(json.dumps({"event": "stop", "sequenceNumber": str(seq), "streamSid": sid, "stop": {"accountSid": "AC00", "callSid": "CA" + sid}}))
                    break
                if scenario == "bargein" and state["clear"]:
                    await asyncio.sleep(0.5)
                    await ws.send(json.dumps({"event": "stop", "streamSid": sid, "stop": {}}))
                    break
                await ws.send(media_message(sid, seq, payload))
                seq += 1
                await asyncio.sleep(0.02)
            try:
                await asyncio.wait_for(read, 5)
            except websockets.ConnectionClosed:
                pass
            out(scenario, event="closed", code=ws.close_code, reason=ws.close_reason, media=state["media"])
    except websockets.ConnectionClosed as closed:
        out(scenario, event="closed", code=closed.rcvd.code if closed.rcvd else 1006, reason=closed.rcvd.reason if closed.rcvd else "")
    except Exception as error:
        out(scenario, event="error", detail=repr(error))

async def main():
    await asyncio.gather(*(call(sys.argv[1], s) for s in sys.argv[2:]))

asyncio.run(main())
