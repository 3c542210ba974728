import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Sessions with Python's `websockets` 10.4 as the client.
    @Suite struct WebSocketServerTests {
        @Test func echoesTextAndBinaryAnswersPingsAndEchoesTheCloseCode() async throws {
            try await withTestServer { server in
                let script = #"""
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1], subprotocols=["media.v1"]) as ws:
                        print("subprotocol", ws.subprotocol)
                        await ws.send("héllo")
                        print("text", await ws.recv())
                        await ws.send(bytes(range(160)))
                        reply = await ws.recv()
                        print("binary", len(reply), reply == bytes(range(160)))
                        big = bytes(200_000)
                        await ws.send(big)
                        print("big", (await ws.recv()) == big)
                        pong = await ws.ping(b"abc")
                        await asyncio.wait_for(pong, 10)
                        print("pong")
                        await ws.close(code=4001, reason="bye")
                        print("close", ws.close_code)
                asyncio.run(main())
                """#
                let result = try await runPython(script, [server.webSocketURL("/ws")])
                #expect(result.stdout == ["subprotocol media.v1", "text héllo", "binary 160 True", "big True", "pong", "close 4001"],
                        "\(result.errors)")
                let closed = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(closed == .closed(code: 4001, reason: "bye"))
            }
        }

        @Test func serverInitiatedCloseCompletesTheHandshake() async throws {
            try await withTestServer { server in
                let script = #"""
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1]) as ws:
                        await ws.send("close:4002")
                        try:
                            await asyncio.wait_for(ws.recv(), 10)
                        except websockets.ConnectionClosed as closed:
                            print("closed", closed.rcvd.code, closed.rcvd.reason)
                asyncio.run(main())
                """#
                let result = try await runPython(script, [server.webSocketURL("/ws")])
                #expect(result.output == "closed 4002 as requested", "\(result.errors)")
                let closed = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(closed.closeCode == 4002)
                #expect(server.server.openConnectionCount == 0)
            }
        }

        @Test func oversizedMessageClosesWith1009() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.webSocket.maxMessageBytes = 1024
            try await withTestServer(configuration) { server in
                let script = #"""
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1]) as ws:
                        await ws.send(b"x" * 1024)
                        print("at limit", len(await ws.recv()))
                        await ws.send(b"x" * 1025)
                        try:
                            await asyncio.wait_for(ws.recv(), 10)
                        except websockets.ConnectionClosedError as closed:
                            print("closed", closed.rcvd.code)
                asyncio.run(main())
                """#
                let result = try await runPython(script, [server.webSocketURL("/ws")])
                #expect(result.stdout == ["at limit 1024", "closed 1009"], "\(result.errors)")
                let closed = try await server.webSocketEvents.first { $0.closeCode != nil }
                #expect(closed.closeCode == 1009)
            }
        }

        /// A handler flooding a client that does not read gets `.backPressure`, then `writable` once
        /// the client drains: server memory per session stays bounded.
        @Test func sendReportsBackPressureAndWritableFollowsWhenTheClientReads() async throws {
            var configuration = HTTPServerConfiguration()
            configuration.connectionOptions.sendBufferBytes = 64 * 1024
            try await withTestServer(configuration) { server in
                let script = #"""
                import asyncio, sys, websockets
                async def main():
                    async with websockets.connect(sys.argv[1], max_size=None, max_queue=1) as ws:
                        await ws.send("flood")
                        print("flood sent", flush=True)
                        sys.stdin.readline()
                        total = 0
                        while True:
                            message = await ws.recv()
                            if isinstance(message, str):
                                print("got", message, total > 0)
                                break
                            total += len(message)
                asyncio.run(main())
                """#
                let child = try ChildProcess("/usr/bin/python3", ["-c", script, server.webSocketURL("/ws")])
                _ = try await child.line(containing: "flood sent")
                _ = try await server.webSocketEvents.first(within: .seconds(20), "back-pressure") { $0 == .backPressure }
                child.writeLine("read now")
                _ = try await server.webSocketEvents.first(within: .seconds(20), "writable") { $0 == .writable }
                let result = try await child.finish()
                #expect(result.stdout.last == "got drained True", "\(result.errors)")
            }
        }
    }
}
