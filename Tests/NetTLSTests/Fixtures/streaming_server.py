#!/usr/bin/python3
"""Local HTTP(S) server for StreamingHTTPClient tests and benchmarks (not part of Switchboard).

Prints "PORT <n>" once listening, then one line per event, flushed:
  CONNECT <conn>            a TCP connection was accepted (conn counts from 1)
  DONE <path> <conn>        a response was written completely
  DISCONNECT <path> <conn>  the client went away while the response was being written
Every response carries "X-Connection-Id: <conn>" so a client can tell whether it reused a connection.

Routes (query parameters in brackets, delays in seconds):
  /chunks [n=5, delay=0.05, first_delay=0, size=0]  chunked body "chunk-<i>\\n" (padded to size), delay between
  /stall [stall=30]        headers and one chunk, then silence
  /sse [n=5, delay=0.02]   text/event-stream, "data: {"i": <i>}\\n\\n" per event, then "data: [DONE]"
  /large [bytes=1000000]   Content-Length body, byte i = i % 251
  /status [code=500, retry_after]  that status with a short body (and Retry-After)
  /echo                    the request body back, X-Method: <method>

Usage: streaming_server.py [--tls CERT KEY]
"""
import itertools
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

connection_ids = itertools.count(1)
print_lock = threading.Lock()


def log(line):
    with print_lock:
        print(line, flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY: the head and each chunk are separate small writes; with Nagle, a reused connection
    # would wait for the client's delayed ACK (40 ms) before every response.
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        self.connection_id = next(connection_ids)
        log(f"CONNECT {self.connection_id}")

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def dispatch(self):
        url = urlparse(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        route = getattr(self, "route_" + url.path.strip("/"), None)
        try:
            if route is None:
                self.send_fixed(404, b"no such route\n")
            else:
                route(query, body)
            log(f"DONE {url.path} {self.connection_id}")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            log(f"DISCONNECT {url.path} {self.connection_id}")
            self.close_connection = True

    def send_head(self, status, content_type, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("X-Connection-Id", str(self.connection_id))
        for name, value in extra:
            self.send_header(name, value)

    def send_fixed(self, status, payload, content_type="text/plain", extra=()):
        self.send_head(status, content_type, extra)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def start_chunked(self, content_type):
        self.send_head(200, content_type, [("Transfer-Encoding", "chunked"), ("Cache-Control", "no-cache")])
        self.end_headers()
        self.wfile.flush()

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end_chunks(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def route_chunks(self, query, _):
        count, delay = int(query.get("n", 5)), float(query.get("delay", 0.05))
        time.sleep(float(query.get("first_delay", 0)))
        self.start_chunked("application/octet-stream")
        for index in range(count):
            if index:
                time.sleep(delay)
            self.chunk(f"chunk-{index}\n".encode().ljust(int(query.get("size", 0)), b"."))
        self.end_chunks()

    def route_stall(self, query, _):
        self.start_chunked("application/octet-stream")
        self.chunk(b"first\n")
        time.sleep(float(query.get("stall", 30)))
        self.chunk(b"too late\n")
        self.end_chunks()

    def route_sse(self, query, _):
        count, delay = int(query.get("n", 5)), float(query.get("delay", 0.02))
        self.start_chunked("text/event-stream")
        for index in range(count):
            self.chunk(f"data: {json.dumps({'i': index})}\n\n".encode())
            time.sleep(delay)
        self.chunk(b"data: [DONE]\n\n")
        self.end_chunks()

    def route_large(self, query, _):
        size = int(query.get("bytes", 1_000_000))
        pattern = bytes(i % 251 for i in range(251 * 256))
        self.send_head(200, "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        sent = 0
        while sent < size:
            piece = pattern[: min(len(pattern), size - sent)]
            self.wfile.write(piece)
            sent += len(piece)
        self.wfile.flush()

    def route_status(self, query, _):
        extra = [("Retry-After", query["retry_after"])] if "retry_after" in query else []
        self.send_fixed(int(query.get("code", 500)), b'{"error":"try later"}', "application/json", extra)

    def route_echo(self, _, body):
        self.send_fixed(200, body, "application/octet-stream", [("X-Method", self.command)])


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        context.set_alpn_protocols(["http/1.1"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    log(f"PORT {server.server_address[1]}")
    server.serve_forever()


if __name__ == "__main__":
    main()
