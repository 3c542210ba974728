import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Per-source limits (`HTTPSourceLimits`): connections from one loopback address (client sockets
    /// bound to 127.0.0.x) beyond the rate or the open cap get 429 with Retry-After and are closed
    /// before parsing; other sources are still served; exempt sources are never limited.
    @Suite struct HTTPSourceLimitTests {
        /// `get(source, port)`: one connection bound to `source`, GET /hello, the status and Retry-After.
        static let prelude = PythonPrelude.raw + #"""
        def connect(source, port):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((source, 0))
            s.settimeout(10)
            s.connect(("127.0.0.1", port))
            return s

        def read_response(s):
            out = b""
            try:
                while b"\r\n\r\n" not in out:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    out += chunk
            except (ConnectionResetError, socket.timeout):
                pass
            r = responses(out)
            if not r:
                return "none", None
            return r[0]["status"].split(" ")[1], r[0]["headers"].get("retry-after")

        def get(source, port, keep=False):
            s = connect(source, port)
            s.sendall(b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            status = read_response(s)
            if keep:
                return s, status
            s.close()
            return status
        port = int(sys.argv[1])

        """#

        @Test func aSourceOpeningConnectionsFastGets429BeyondItsBurstWhileOthersAreServed() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.sourceLimits = HTTPSourceLimits(newConnectionsPerSecond: 1, burst: 5, maxOpenPerSource: 100)
            try await withTestServer(configuration) { server in
                let script = Self.prelude + #"""
                for i in range(20):
                    status, retry = get("127.0.0.2", port)
                    print(status, retry)
                print("other", *get("127.0.0.3", port))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.status == 0, "\(result.errors)")
                let lines = result.stdout
                try #require(lines.count == 21, "\(lines) \(result.errors)")
                // The burst of 5 is served (a slow machine may earn a token or two more at 1 a second).
                #expect(lines.prefix(5).allSatisfy { $0 == "200 None" }, "\(lines)")
                let refused = lines.prefix(20).filter { $0.hasPrefix("429 ") }
                #expect(refused.count >= 10, "\(lines)")
                #expect(refused.allSatisfy { Int($0.dropFirst(4)).map { $0 >= 1 } ?? false }, "\(refused)")
                #expect(lines[20] == "other 200 None")
                let metrics = server.registry.emitText()
                #expect(metrics.contains(#"switchboard_http_connections_refused_total{reason="rate"} \#(refused.count)"#), "\(metrics)")
                // Refused connections never reached the HTTP layer.
                #expect(!metrics.contains(#"status="429""#))
            }
        }

        @Test func aSourceAtItsOpenCapIsRefusedUntilOneOfItsConnectionsCloses() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.sourceLimits = HTTPSourceLimits(newConnectionsPerSecond: 1000, burst: 1000, maxOpenPerSource: 2)
            try await withTestServer(configuration) { server in
                let script = Self.prelude + #"""
                a, first = get("127.0.0.2", port, keep=True)
                b, second = get("127.0.0.2", port, keep=True)
                print(*first); print(*second)
                print(*get("127.0.0.2", port))
                print("other", *get("127.0.0.3", port))
                a.close()
                # The server sees the close asynchronously: try again for up to 10 s.
                deadline = time.time() + 10
                while True:
                    status, retry = get("127.0.0.2", port)
                    if status != "429" or time.time() > deadline:
                        break
                    time.sleep(0.05)
                print("after close", status)
                b.close()
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.stdout == ["200 None", "200 None", "429 1", "other 200 None", "after close 200"], "\(result.errors)")
                #expect(server.registry.emitText().contains(#"switchboard_http_connections_refused_total{reason="per_source_open"}"#))
            }
        }

        @Test func aBannedSourceStaysRefusedAfterItsBucketRefills() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.sourceLimits = HTTPSourceLimits(newConnectionsPerSecond: 1, burst: 2, maxOpenPerSource: 100,
                                                          banDuration: .seconds(60))
            try await withTestServer(configuration) { server in
                let script = Self.prelude + #"""
                for i in range(3):
                    print(*get("127.0.0.2", port))
                time.sleep(1.2)   # the bucket has a token again; the ban lasts 60 s
                print(*get("127.0.0.2", port))
                print("other", *get("127.0.0.3", port))
                """#
                let result = try await runPython(script, [String(server.port)])
                try #require(result.stdout.count == 5, "\(result.stdout) \(result.errors)")
                #expect(Array(result.stdout.prefix(2)) == ["200 None", "200 None"])
                #expect(result.stdout[2] == "429 60")
                #expect(result.stdout[3].hasPrefix("429 "))
                #expect(result.stdout[4] == "other 200 None")
                let metrics = server.registry.emitText()
                #expect(metrics.contains("switchboard_http_source_bans_total 1"), "\(metrics)")
                #expect(metrics.contains(#"switchboard_http_connections_refused_total{reason="banned"} 2"#), "\(metrics)")
            }
        }

        @Test func anExemptSourceIsNeverLimited() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.sourceLimits = HTTPSourceLimits(newConnectionsPerSecond: 1, burst: 1, maxOpenPerSource: 1,
                                                          isExempt: { $0.ip == SocketAddress(host: "127.0.0.4", port: 0)?.ip })
            try await withTestServer(configuration) { server in
                let script = Self.prelude + #"""
                held = [get("127.0.0.4", port, keep=True) for i in range(5)]
                print(*[status for _, (status, _) in held])
                print(*get("127.0.0.5", port)); print(*get("127.0.0.5", port))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.stdout == ["200 200 200 200 200", "200 None", "429 1"], "\(result.errors)")
            }
        }
    }
}
