import SwitchboardTesting
import Net
import Testing
import Wire

/// Keep-alive and liveness: a server that stops responding is declared dead within the configured
/// time; one that answers pings stays connected however quiet it is.
@Suite("WebSocket client keep-alive")
struct WebSocketClientKeepAliveTests {
    @Test func serverThatStopsRespondingIsDeclaredDeadByThePingDeadline() async throws {
        let server = try await PythonWebSocketServer.start()
        var options = WebSocketClientOptions()
        options.keepAliveInterval = .milliseconds(200)
        options.livenessTimeout = .milliseconds(300)
        // Dead about 0.5 s after the last byte; the guard is generous and never a speed check.
        let outcome = try await withTimeout(15, "liveness timeout") { [options] in
            let connection = try await WebSocketClient.connect(url: server.url("/silent"), on: TestLoops.group, options: options)
            return await drain(connection)
        }
        #expect(outcome.error == .timeout(.liveness))
    }

    @Test func quietServerThatAnswersPingsStaysConnected() async throws {
        let server = try await PythonWebSocketServer.start()
        var options = WebSocketClientOptions()
        options.keepAliveInterval = .milliseconds(100)
        options.livenessTimeout = .milliseconds(300)
        let reply = try await withTimeout(15, "quiet but alive") { [options] in
            let connection = try await WebSocketClient.connect(url: server.url("/echo"), on: TestLoops.group, options: options)
            // Ten keep-alive periods with no data at all: only pings and pongs cross.
            try await Task.sleep(for: .seconds(1))
            try await connection.send(text: "still there?")
            var messages = connection.messages.makeAsyncIterator()
            let reply = try await messages.next()
            await connection.close()
            return reply
        }
        #expect(reply == .text("still there?"))
    }
}
