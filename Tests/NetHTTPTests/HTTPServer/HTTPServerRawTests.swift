import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Requests written byte for byte with a raw Python socket: pipelining, HTTP/1.0, upgrades declined.
    @Suite struct HTTPServerRawTests {
        @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                reqs = (b"GET /target?1 HTTP/1.1\r\nHost: t\r\n\r\n"
                        b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde"
                        b"GET /target?3 HTTP/1.1\r\nHost: t\r\n\r\n"
                        b"GET /target?4 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                data, closed = exchange(int(sys.argv[1]), reqs)
                print(json.dumps({"bodies": [r["body"] for r in responses(data)], "closed": closed}))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.output == #"{"bodies": ["/target?1", "abcde", "/target?3", "/target?4"], "closed": true}"#)
                #expect(server.registry.emitText().contains("switchboard_http_connections_total 1\n"))
            }
        }

        @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                port = int(sys.argv[1])
                data, closed = exchange(port, b"GET /hello HTTP/1.0\r\n\r\n")
                r = responses(data)
                print("plain", r[0]["status"], r[0]["headers"].get("connection"), closed)
                s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
                s.sendall(b"GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                first = b""
                while b"hello" not in first: first += s.recv(4096)
                s.sendall(b"GET /target HTTP/1.0\r\n\r\n")
                rest = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    rest += chunk
                r1, r2 = responses(first)[0], responses(rest)[0]
                print("keepalive", r1["headers"].get("connection"), r2["body"], r2["headers"].get("connection"))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.stdout == ["plain HTTP/1.1 200 OK close True", "keepalive keep-alive /target close"])
            }
        }

        @Test func upgradeToAnUnknownProtocolIsAnsweredAsPlainHTTP() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                reqs = (b"GET /hello HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                        b"GET /target?after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                data, closed = exchange(int(sys.argv[1]), reqs)
                print([r["body"] for r in responses(data)], closed)
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "['hello', '/target?after'] True", "\(result.errors)")
            }
        }

        @Test func noContentResponseCarriesNoLength() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                data, closed = exchange(int(sys.argv[1]), b"GET /no-content HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                print(data.split(b"\r\n")[0].decode(), b"content-length" in data.lower(), closed)
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "HTTP/1.1 204 No Content False True", "\(result.errors)")
            }
        }
    }
}
