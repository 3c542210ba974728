import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Protocol errors, refused handshakes and vanishing clients, with a raw Python socket.
    @Suite struct WebSocketServerFailureTests {
        /// Sends one raw frame after the handshake and prints the close code the server answers and
        /// whether it then closed the connection.
        static let closeCodeScript = PythonPrelude.raw + #"""
        s, head, buf = ws_open(int(sys.argv[1]), "/ws")
        s.sendall(bytes.fromhex(sys.argv[2]))
        opcode, payload, buf = ws_read_frame(s, buf)
        print(opcode, struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None, wait_eof(s))
        """#

        static func frame(opcode: UInt8, payload: [UInt8], masked: Bool = true) -> String {
            var bytes: [UInt8] = [0x80 | opcode, (masked ? 0x80 : 0) | UInt8(payload.count)]
            let key: [UInt8] = [0x11, 0x22, 0x33, 0x44]
            if masked { bytes += key }
            bytes += payload.enumerated().map { masked ? $0.element ^ key[$0.offset % 4] : $0.element }
            return bytes.map { String(format: "%02x", $0) }.joined()
        }

        @Test(arguments: [
            ("invalid UTF-8 text", frame(opcode: 0x1, payload: [0x68, 0xFF, 0xFE]), "8 1007 True"),
            ("unmasked client frame", frame(opcode: 0x2, payload: [1, 2, 3], masked: false), "8 1002 True"),
            ("reserved opcode", frame(opcode: 0x3, payload: []), "8 1002 True"),
            ("continuation without start", frame(opcode: 0x0, payload: [1]), "8 1002 True"),
            ("one-byte close payload", frame(opcode: 0x8, payload: [3]), "8 1002 True"),
        ])
        func protocolErrorClosesWithItsCode(name: String, frame: String, expected: String) async throws {
            try await withTestServer { server in
                let result = try await runPython(Self.closeCodeScript, [String(server.port), frame])
                #expect(result.output == expected, "\(name): \(result.errors)")
                let closed = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(closed.closeCode.map(String.init) == expected.split(separator: " ")[1].description)
            }
        }

        @Test func invalidHandshakesAreRefusedWithTheirStatus() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                port = int(sys.argv[1])
                key = "dGhlIHNhbXBsZSBub25jZQ=="
                cases = [
                    ("no upgrade", b"GET /ws HTTP/1.1\r\nHost: t\r\n\r\n"),
                    ("version 8", f"GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 8\r\n\r\n".encode()),
                    ("post", f"POST /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n".encode()),
                    ("declined", f"GET /refused HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()),
                    ("unknown path", f"GET /nowhere HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()),
                ]
                for name, request in cases:
                    data, closed = exchange(port, request)
                    r = responses(data)[0]
                    extra = r["headers"].get("sec-websocket-version") or r["headers"].get("allow") or "-"
                    print(name, r["status"].split(" ")[1], extra, closed)
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.stdout == ["no upgrade 400 - True", "version 8 426 13 True", "post 405 GET True",
                                          "declined 403 - True", "unknown path 404 - True"], "\(result.errors)")
            }
        }

        /// Clients that vanish in the middle of a frame (FIN, or RST) leave no descriptor and no
        /// counted connection behind; the handler hears 1006.
        @Test(arguments: ["fin", "reset"])
        func clientVanishingMidFrameLeavesNoDescriptor(how: String) async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                s, head, buf = ws_open(int(sys.argv[1]), "/ws")
                s.sendall(bytes([0x82, 0x80 | 126, 0x03, 0xE8, 1, 2, 3, 4]) + b"only part of the payload")
                if sys.argv[2] == "reset":
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
                print(head.split("\r\n")[0])
                """#
                let result = try await runPython(script, [String(server.port), how])
                #expect(result.output == "HTTP/1.1 101 Switching Protocols", "\(result.errors)")
                let closed = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(closed.closeCode == 1006)
                #expect(server.server.openConnectionCount == 0)
                #expect(descriptorsOfTCPPort(server.port) == 1, "only the listener is left")
                #expect(server.registry.emitText().contains("switchboard_websocket_connections_open 0"))
            }
        }

        @Test func framesPipelinedBehindTheUpgradeRequestAreDelivered() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                port = int(sys.argv[1])
                s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
                key = base64.b64encode(os.urandom(16)).decode()
                s.sendall((f"GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode() + ws_frame(1, b"early"))
                buf = b""
                while b"\r\n\r\n" not in buf: buf += s.recv(4096)
                _, _, buf = buf.partition(b"\r\n\r\n")
                opcode, payload, buf = ws_read_frame(s, buf)
                print(opcode, payload.decode())
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "1 early", "\(result.errors)")
            }
        }
    }
}
