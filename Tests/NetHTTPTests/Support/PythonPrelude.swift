/// Python helpers shared by the raw-socket scripts (prepended to each script).
enum PythonPrelude {
    /// `exchange(port, data)`: one connection, send, read until the server closes; returns
    /// (bytes, closed). `responses(data)`: splits HTTP responses (Content-Length bodies).
    /// `ws_open(port, path)`, `ws_frame(...)`, `ws_read_frame(sock, buf)`: a raw WebSocket client.
    static let raw = #"""
    import socket, sys, os, base64, struct, time, json

    def exchange(port, data, timeout=10.0):
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(timeout)
        s.sendall(data)
        out = b""
        closed = False
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                out += chunk
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed = True
        s.close()
        return out, closed

    def responses(data):
        result = []
        while data:
            head, sep, rest = data.partition(b"\r\n\r\n")
            if not sep:
                break
            lines = head.decode("latin-1").split("\r\n")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            result.append({"status": lines[0], "headers": headers, "body": rest[:length].decode("latin-1")})
            data = rest[length:]
        return result

    def ws_open(port, path, extra=""):
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(10)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET {path} HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        head, _, rest = buf.partition(b"\r\n\r\n")
        return s, head.decode("latin-1"), rest

    def ws_frame(opcode, payload, mask=True, fin=True):
        first = bytes([(0x80 if fin else 0) | opcode])
        n = len(payload)
        bit = 0x80 if mask else 0
        if n < 126:
            length = bytes([bit | n])
        elif n < 65536:
            length = bytes([bit | 126]) + struct.pack("!H", n)
        else:
            length = bytes([bit | 127]) + struct.pack("!Q", n)
        if not mask:
            return first + length + payload
        key = os.urandom(4)
        return first + length + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))

    def ws_read_frame(s, buf):
        def need(n, buf):
            while len(buf) < n:
                chunk = s.recv(65536)
                if not chunk:
                    raise EOFError("closed")
                buf += chunk
            return buf
        buf = need(2, buf)
        opcode = buf[0] & 0x0F
        n = buf[1] & 0x7F
        offset = 2
        if n == 126:
            buf = need(4, buf); n = struct.unpack("!H", buf[2:4])[0]; offset = 4
        elif n == 127:
            buf = need(10, buf); n = struct.unpack("!Q", buf[2:10])[0]; offset = 10
        buf = need(offset + n, buf)
        return opcode, buf[offset:offset + n], buf[offset + n:]

    def wait_eof(s):
        try:
            while s.recv(65536):
                pass
            return True
        except socket.timeout:
            return False
        except ConnectionResetError:
            return True

    """#
}
