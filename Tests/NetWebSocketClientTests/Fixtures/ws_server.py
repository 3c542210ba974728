"""A Python `websockets` (10.4) server our WebSocket client is tested against. Prints `PORT n` once
listening on 127.0.0.1 (ephemeral port), then one `CLOSED path code=... reason=...` line per connection
whose close it observes. Behaviour by path:

  /echo        echoes every message (text as text, binary as binary)
  /fragments   sends "Hello, world" as 3 text fragments, then bytes 1..5 as 2 binary fragments
  /ping        pings us, and once our pong arrives sends "pong received"
  /close       closes with 4001 "bye now"
  /silent      stops reading from the socket (pings go unanswered), never sends
  /burst?n=N   sends N numbered text messages at once
  /oversize?n=N sends one binary message of N bytes
  /headers     sends back the Authorization header and the subprotocol chosen
  /reject      refuses the upgrade with 403 and a short body

Usage: ws_server.py [CERT KEY]   (with a certificate and key: wss)
"""
import asyncio
import http
import ssl
import sys
from urllib.parse import parse_qs, urlparse

import websockets


def query(path, name, default):
    return int(parse_qs(urlparse(path).query).get(name, [default])[0])


async def handler(ws):
    path = ws.path
    route = urlparse(path).path
    try:
        if route == "/echo":
            async for message in ws:
                await ws.send(message)
        elif route == "/fragments":
            await ws.send(["Hel", "lo, ", "world"])
            await ws.send([b"\x01\x02", b"\x03\x04\x05"])
            await ws.wait_closed()
        elif route == "/ping":
            waiter = await ws.ping(b"are you there")
            await asyncio.wait_for(waiter, 5)
            await ws.send("pong received")
            await ws.wait_closed()
        elif route == "/close":
            await ws.close(4001, "bye now")
        elif route == "/silent":
            ws.transport.pause_reading()
            await asyncio.sleep(60)
        elif route == "/burst":
            for index in range(query(path, "n", 10)):
                await ws.send(f"message {index}")
            await ws.wait_closed()
        elif route == "/oversize":
            await ws.send(b"x" * query(path, "n", 1 << 20))
            await ws.wait_closed()
        elif route == "/headers":
            await ws.send(f"authorization={ws.request_headers.get('Authorization')} subprotocol={ws.subprotocol}")
            await ws.wait_closed()
    except websockets.ConnectionClosed:
        pass
    await ws.wait_closed()
    print(f"CLOSED {route} code={ws.close_code} reason={ws.close_reason}", flush=True)


async def process_request(path, headers):
    if urlparse(path).path == "/reject":
        return http.HTTPStatus.FORBIDDEN, [("X-Refused-By", "test")], b"forbidden by test\n"
    return None


async def main():
    context = None
    if len(sys.argv) == 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
    async with websockets.serve(handler, "127.0.0.1", 0, process_request=process_request, ssl=context,
                                ping_interval=None, max_size=4 << 20, subprotocols=["chat.v2", "chat.v1"]) as server:
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


asyncio.run(main())
