import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Deadlines: a dribbled head (slowloris), a stalled body, an idle kept-alive connection.
    @Suite struct HTTPServerTimeoutTests {
        /// Every timeout long except `short`, so a test proves which deadline acted.
        static func configuration(short: WritableKeyPath<HTTPServerConfiguration, Duration>) -> HTTPServerConfiguration {
            var configuration = HTTPServerConfiguration()
            configuration.requestHeadTimeout = .seconds(60)
            configuration.requestBodyTimeout = .seconds(60)
            configuration.keepAliveTimeout = .seconds(60)
            configuration[keyPath: short] = .milliseconds(800)
            return configuration
        }

        /// The client keeps sending one header byte every 100 ms: it is cut off with 408 at the head
        /// deadline although it never goes quiet.
        @Test func clientDribblingHeadersIsCutOffWith408() async throws {
            try await withTestServer(Self.configuration(short: \.requestHeadTimeout)) { server in
                let script = PythonPrelude.raw + #"""
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                s.sendall(b"GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: ")
                s.settimeout(0.1)
                data, start = b"", time.time()
                while time.time() - start < 15:
                    try:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    except socket.timeout:
                        try:
                            s.sendall(b"a")
                        except OSError:
                            break
                    except ConnectionResetError:
                        break
                print(data.split(b"\r\n")[0].decode(), b"onnection: close" in data, time.time() - start < 15)
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "HTTP/1.1 408 Request Timeout True True", "\(result.errors)")
            }
        }

        @Test func bodyThatStopsArrivingIsCutOffWith408() async throws {
            try await withTestServer(Self.configuration(short: \.requestBodyTimeout)) { server in
                let script = PythonPrelude.raw + #"""
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.settimeout(10)
                s.sendall(b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly a few bytes")
                print(s.recv(4096).split(b"\r\n")[0].decode(), wait_eof(s))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "HTTP/1.1 408 Request Timeout True", "\(result.errors)")
            }
        }

        @Test func idleKeptAliveConnectionIsClosedQuietly() async throws {
            try await withTestServer(Self.configuration(short: \.keepAliveTimeout)) { server in
                let script = PythonPrelude.raw + #"""
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.settimeout(10)
                s.sendall(b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                first = s.recv(4096)
                rest = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    rest += chunk
                print(responses(first)[0]["body"], repr(rest))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "hello b''", "\(result.errors)")
                #expect(server.server.openConnectionCount == 0)
            }
        }

        @Test func silentConnectionIsClosedAtTheHeadDeadline() async throws {
            try await withTestServer(Self.configuration(short: \.requestHeadTimeout)) { server in
                let script = PythonPrelude.raw + #"""
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.settimeout(10)
                data = s.recv(4096)
                print(data.split(b"\r\n")[0].decode(), wait_eof(s))
                """#
                let result = try await runPython(script, [String(server.port)])
                #expect(result.output == "HTTP/1.1 408 Request Timeout True", "\(result.errors)")
            }
        }
    }
}
