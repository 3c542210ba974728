import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Graceful shutdown: readiness, requests in flight, idle connections, WebSocket sessions.
    @Suite struct HTTPServerDrainTests {
        @Test func readinessAnswers503OnceDrainingBegins() async throws {
            try await withTestServer { server in
                let ready = try await runCurl(["-si", server.url("/readyz")])
                #expect(ready.stdout.first?.hasPrefix("HTTP/1.1 200") == true)
                server.readiness.markDraining()
                let draining = try await runCurl(["-si", server.url("/readyz")])
                #expect(draining.stdout.first?.hasPrefix("HTTP/1.1 503") == true)
                #expect(draining.stdout.last == "draining")
                let health = try await runCurl(["-s", server.url("/healthz")])
                #expect(health.output == "ok")
            }
        }

        /// One client idles on a kept-alive connection, another is halfway through a request head:
        /// draining closes the idle one at once, answers the other with `Connection: close`, and
        /// stops accepting.
        @Test func drainingClosesIdleConnectionsAndFinishesRequestsInFlight() async throws {
            try await withTestServer { server in
                let script = PythonPrelude.raw + #"""
                port = int(sys.argv[1])
                idle = socket.create_connection(("127.0.0.1", port)); idle.settimeout(10)
                idle.sendall(b"GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"); idle.recv(4096)
                busy = socket.create_connection(("127.0.0.1", port)); busy.settimeout(10)
                busy.sendall(b"GET /target?busy HTTP/1.1\r\nHost: t\r\n")
                print("connected", flush=True)
                sys.stdin.readline()
                print("idle closed", wait_eof(idle), flush=True)
                busy.sendall(b"\r\n")
                data = b""
                while True:
                    chunk = busy.recv(4096)
                    if not chunk: break
                    data += chunk
                r = responses(data)[0]
                print("busy", r["body"], r["headers"].get("connection"), flush=True)
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=5); print("accepted after drain")
                except OSError:
                    print("refused")
                """#
                let child = try ChildProcess("/usr/bin/python3", ["-c", script, String(server.port)])
                _ = try await child.line(containing: "connected")
                await server.server.beginDraining()
                child.writeLine("go")
                let result = try await child.finish()
                #expect(result.stdout == ["connected", "idle closed True", "busy /target?busy close", "refused"], "\(result.errors)")
            }
        }

        @Test func webSocketSessionsAreClosedWithGoingAwayAfterTheDrainDeadline() async throws {
            try await withTestServer { server in
                let script = #"""
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1]) as ws:
                        await ws.send("hi"); await ws.recv()
                        print("open", flush=True)
                        try:
                            await asyncio.wait_for(ws.recv(), 20)
                        except websockets.ConnectionClosed as closed:
                            print("closed", closed.rcvd.code if closed.rcvd else None)
                asyncio.run(main())
                """#
                let child = try ChildProcess("/usr/bin/python3", ["-c", script, server.webSocketURL("/ws")])
                _ = try await child.line(containing: "open")
                let allClosed = await server.server.shutdown(drainTimeout: .milliseconds(100), closeTimeout: .seconds(10))
                #expect(allClosed)
                let result = try await child.finish()
                #expect(result.stdout.last == "closed 1001", "\(result.errors)")
                let event = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(event.closeCode == 1001)
            }
        }
    }
}
