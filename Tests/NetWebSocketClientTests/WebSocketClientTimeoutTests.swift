import SwitchboardTesting
import Net
import Testing
import Wire

/// Handshake deadlines and cancellation, against a TCP listener that accepts and never answers.
@Suite("WebSocket client handshake timeouts")
struct WebSocketClientTimeoutTests {
    /// Accepts connections, records each, never writes a byte.
    final class MuteHandler: ConnectionHandler {
        let accepted: EventLog<Int>
        init(_ accepted: EventLog<Int>) { self.accepted = accepted }
        func connectionActive() { accepted.record(1) }
        func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}
        func connectionClosed(_ reason: CloseReason) {}
    }

    private func startMuteServer() async throws -> (TCPListener, EventLog<Int>) {
        let accepted = EventLog<Int>()
        let listener = try await TCPListener.bind(.loopbackIPv4(), on: TestLoops.group) { _ in MuteHandler(accepted) }
        return (listener, accepted)
    }

    @Test func serverThatNeverAnswersTheUpgradeTimesOut() async throws {
        let (listener, _) = try await startMuteServer()
        var options = WebSocketClientOptions()
        options.handshakeTimeout = .milliseconds(300)
        let error = try await withTimeout(10, "upgrade timeout") { [options] in
            await connectError("ws://127.0.0.1:\(listener.localAddress.port)/", options: options)
        }
        #expect(error == .timeout(.upgrade))
        await listener.close()
    }

    @Test func serverThatNeverAnswersTheTLSHandshakeTimesOut() async throws {
        let (listener, _) = try await startMuteServer()
        var options = WebSocketClientOptions()
        options.handshakeTimeout = .milliseconds(300)
        let tls = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(TestPKI.shared().caCertificate)))
        let error = try await withTimeout(10, "TLS handshake timeout") { [options] in
            await connectError("wss://127.0.0.1:\(listener.localAddress.port)/", tls: tls, options: options)
        }
        #expect(error == .timeout(.tlsHandshake))
        await listener.close()
    }

    @Test func cancellingTheConnectingTaskAbandonsTheAttempt() async throws {
        let (listener, accepted) = try await startMuteServer()
        let attempt = Task { await connectError("ws://127.0.0.1:\(listener.localAddress.port)/") }
        _ = try await accepted.first("the connection accepted")
        attempt.cancel()
        let error = try await withTimeout(10, "cancelled connect") { await attempt.value }
        #expect(error == .cancelled)
        await listener.close()
    }
}
