import Foundation
import Testing

/// The real `switchboard serve` process, talked to by curl and Python and stopped by signals.
@Suite(.serialized) struct ServeCommandTests {
    /// Starts `switchboard serve` with `arguments` and waits for its `listening` line.
    static func startServer(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> (process: ChildProcess, http: String, metrics: String?) {
        let process = try ChildProcess(try SwitchboardBinary.path(), ["serve"] + arguments, environment: environment)
        let line = try await process.line(containing: "listening http=")
        func address(_ key: String) -> String? {
            guard let range = line.range(of: "\(key)=") else { return nil }
            let value = line[range.upperBound...].prefix { !$0.isWhitespace }
            return value == "none" ? nil : String(value)
        }
        return (process, try #require(address("http")), address("metrics"))
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let child = try ChildProcess(executable, arguments)
        let status = try await child.exitStatus()
        return (status, child.lines.joined(separator: "\n"))
    }

    @Test func serveAnswersHealthReadinessAndMetricsThenExitsZeroOnSIGTERM() async throws {
        let server = try await Self.startServer(["--http", "127.0.0.1:0", "--metrics", "127.0.0.1:0"])
        let metricsAddress = try #require(server.metrics)
        let health = try await Self.run("/usr/bin/curl", ["-s", "--max-time", "10", "http://\(server.http)/healthz"])
        #expect(health.output == "ok")
        let ready = try await Self.run("/usr/bin/curl", ["-s", "--max-time", "10", "http://\(server.http)/readyz"])
        #expect(ready.output == "ready")
        let metrics = try await Self.run("/usr/bin/curl", ["-s", "--max-time", "10", "http://\(metricsAddress)/metrics"])
        #expect(metrics.output.contains("# TYPE switchboard_process_start_time_seconds gauge"))
        #expect(metrics.output.contains(#"switchboard_http_requests_total{route="/healthz",status="200"} 1"#))
        let notOnMedia = try await Self.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                                                              "http://\(server.http)/metrics"])
        #expect(notOnMedia.output == "404", "metrics listen apart when listeners.metrics is set")

        server.process.signal(SIGTERM)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
        #expect(server.process.lines.contains { $0.contains("stopped") })
    }

    /// The configured WebSocket paths serve real calls on the embedded (offline) agent: a call that
    /// starts hears the agent's greeting, synthesized by espeak-ng, as audio on its own protocol.
    @Test func mediaCallsHearTheOfflineAgentsGreeting() async throws {
        let server = try await Self.startServer(["--http", "127.0.0.1:0"])
        let script = #"""
        import asyncio, json, sys, websockets
        async def main():
            audio = 0
            async with websockets.connect(sys.argv[1]) as ws:
                await ws.send(sys.argv[2])
                try:
                    while audio < 16000:
                        message = await asyncio.wait_for(ws.recv(), 10)
                        if isinstance(message, bytes):
                            audio += len(message)
                        else:
                            event = json.loads(message)
                            if event.get("event") == "media":
                                audio += len(event["media"]["payload"]) * 3 // 4
                except (asyncio.TimeoutError, websockets.ConnectionClosed) as error:
                    print("ended", type(error).__name__, audio)
                    return
            print("greeting audio")
        asyncio.run(main())
        """#
        let starts = [
            "/twilio": #"{"event":"start","streamSid":"MZ1","start":{"streamSid":"MZ1","callSid":"CA1","accountSid":"AC1","tracks":["inbound"],"customParameters":{},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}"#,
            "/pcm": #"{"type":"start","sampleRate":16000}"#,
        ]
        for (path, start) in starts {
            let result = try await Self.run("/usr/bin/python3", ["-c", script, "ws://\(server.http)\(path)", start])
            #expect(result.output == "greeting audio", "\(path)")
        }
        #expect(server.process.lines.contains { $0.contains("media endpoint /twilio (twilio)") })
        // Each ended call is counted in /metrics (by agent and reason, never by call id) and logged once.
        var ended = false
        for _ in 0..<50 where !ended {
            let metrics = try await Self.run("/usr/bin/curl", ["-s", "--max-time", "10", "http://\(server.http)/metrics"])
            ended = metrics.output.contains(#"switchboard_calls_ended_total{agent="receptionist",reason="callerHungUp"} 2"#)
            if !ended { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ended, "both calls counted as ended in /metrics")
        #expect(server.process.lines.filter { $0.contains("call ended") && $0.contains("agent=receptionist") }.count == 2)
        server.process.signal(SIGINT)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
    }

    /// A client halfway through a `/readyz` request when SIGTERM arrives gets 503 `draining` and
    /// `Connection: close`; the server then exits 0.
    @Test func readinessIs503WhileDraining() async throws {
        let server = try await Self.startServer(["--http", "127.0.0.1:0", "--drain-timeout", "20"])
        let script = #"""
        import socket, sys
        host, port = sys.argv[1].rsplit(":", 1)
        s = socket.create_connection((host, int(port))); s.settimeout(20)
        s.sendall(b"GET /readyz HTTP/1.1\r\nHost: t\r\n")
        print("connected", flush=True)
        sys.stdin.readline()
        s.sendall(b"\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk: break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        print(head.split(b"\r\n")[0].decode(), b"Connection: close" in head, body.decode().strip())
        """#
        let client = try ChildProcess("/usr/bin/python3", ["-c", script, server.http])
        _ = try await client.line(containing: "connected")
        server.process.signal(SIGTERM)
        _ = try await server.process.line(containing: "draining")
        client.writeLine("finish the request")
        #expect(try await client.exitStatus() == 0)
        #expect(client.lines.last == "HTTP/1.1 503 Service Unavailable True draining")
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
    }

    @Test func serveRunsAConfigFileAndRefusesOneWithErrors() async throws {
        let shipped = SwitchboardBinary.packageRoot.appendingPathComponent("Config/switchboard.yaml").path
        let server = try await Self.startServer(["--config", shipped, "--http", "127.0.0.1:0"])
        #expect(server.metrics == nil)
        server.process.signal(SIGTERM)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-serve-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("switchboard.yaml")
        try "listeners:\n  htp: 127.0.0.1:0\n".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try await Self.run(try SwitchboardBinary.path(), ["serve", "--config", broken.path])
        #expect(refused.status != 0)
        #expect(refused.output.contains("switchboard.yaml:2:3: error:"), "\(refused.output)")
        #expect(!refused.output.contains("listening"))
    }
}
