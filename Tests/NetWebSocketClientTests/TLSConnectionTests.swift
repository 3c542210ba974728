import SwitchboardTesting
import Foundation
import Net
import Testing

/// `TLSConnection` on real sockets: our server side under `openssl s_client` and `curl`, our client
/// side against `openssl s_server`, both sides against each other, and clients vanishing mid-handshake.
@Suite("TLSConnection on sockets", .serialized)
struct TLSConnectionTests {
    @Test func serverEchoesPlaintextToOpenSSLClientAndSeesItsSNI() async throws {
        let log = EventLog<TLSEvent>()
        let (listener, context) = try await startTLSServer { tls in EchoingTLSHandler(tls, log: log) }
        let client = try PeerProcess("/usr/bin/openssl", [
            "s_client", "-connect", "127.0.0.1:\(listener.localAddress.port)", "-servername", "localhost",
            "-CAfile", try TestPKI.shared().caCertificate, "-verify_return_error",
        ])
        client.writeInput("hello through tls\n")
        let active = try await log.first("handshake") { if case .active = $0 { true } else { false } }
        #expect(active == .active(serverName: "localhost", version: "TLSv1.3"))
        _ = try await client.line(containing: "Verify return code: 0 (ok)")
        _ = try await client.line("the echo") { $0 == "hello through tls" }  // the echo, decrypted by openssl
        client.writeInput("Q\n")  // s_client's quit command: sends close_notify
        let closed = try await log.first("close") { if case .closed = $0 { true } else { false } }
        #expect(closed == .closed(.peerClosed))
        _ = context
        await listener.close()
    }

    @Test func serverAnswersCurlOverHTTPS() async throws {
        let (listener, _) = try await startTLSServer { tls in FixedHTTPResponder(tls) }
        let port = listener.localAddress.port
        let curl = try PeerProcess("/usr/bin/curl", [
            "-sS", "--cacert", try TestPKI.shared().caCertificate, "--resolve", "localhost:\(port):127.0.0.1",
            "https://localhost:\(port)/hello",
        ])
        #expect(await curl.exitStatus() == 0)
        #expect(curl.lines == ["hello from switchboard"])
        await listener.close()
    }

    @Test func clientDetectsTruncationAndReceivesCloseNotify() async throws {
        let pki = try TestPKI.shared()
        let context = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        for kill in [true, false] {
            let server = try PeerProcess("/usr/bin/openssl", [
                "s_server", "-accept", "0", "-naccept", "1", "-cert", pki.serverCertificate, "-key", pki.serverKey, "-rev",
            ])
            let port = try #require(try await server.line(containing: "ACCEPT").split(separator: ":").last.flatMap { UInt16($0) })
            let log = EventLog<TLSEvent>()
            let loop = TestLoops.group.next()
            let tls = try await loop.submit {
                try TLSConnection.connect(to: .loopbackIPv4(port: port), serverName: "localhost", context: context, on: loop) { tls in
                    EchoingTLSHandler(tls, log: log, echo: false)
                }
            }
            _ = try await log.first("handshake") { if case .active = $0 { true } else { false } }
            _ = try await server.line(containing: "CONNECTION ESTABLISHED")
            if kill {
                server.terminate()  // the socket ends with a FIN and no close_notify
                #expect(try await log.first("close") { if case .closed = $0 { true } else { false } } == .closed(.tls(.truncated)))
            } else {
                loop.execute { tls.write("CLOSE\n") }  // -rev mode: s_server answers with close_notify
                let ending = try await log.collect(2, "input end and close") { if case .active = $0 { false } else { true } }
                #expect(ending == [.inputEnded, .closed(.peerClosed)])
                _ = try await server.line(containing: "CONNECTION CLOSED")
            }
        }
    }

    @Test func clientAndServerMoveTwoMebibytesBothWaysUnderBackPressure() async throws {
        let serverLog = EventLog<TLSEvent>()
        let (listener, _) = try await startTLSServer { tls in EchoingTLSHandler(tls, log: serverLog) }
        let context = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(TestPKI.shared().caCertificate)))
        let payload = pattern(2 << 20)
        let done = EventLog<BulkTLSClient.Outcome>()
        let loop = TestLoops.group.next()
        var tcpOptions = TCPConnection.Options()
        tcpOptions.sendBufferBytes = 32 * 1024  // a small kernel buffer, so the transport's queue fills
        try await loop.submit { [tcpOptions] in
            _ = try TLSConnection.connect(to: .loopbackIPv4(port: listener.localAddress.port), serverName: "localhost",
                                          context: context, on: loop, tcpOptions: tcpOptions) { tls in
                BulkTLSClient(tls, payload: payload, log: done)
            }
        }
        let outcome = try await done.first(within: 30, "bulk echo")
        #expect(outcome.echoedIntact)
        #expect(outcome.backPressureSeen)  // 2 MiB cannot go out through a 32 KiB socket buffer without the queue filling
        await listener.close()
    }

    @Test func clientsVanishingMidHandshakeLeaveNoDescriptors() async throws {
        let log = EventLog<TLSEvent>()
        var options = TLSConnection.Options()
        options.handshakeTimeout = .milliseconds(500)
        let (listener, _) = try await startTLSServer(options: options) { tls in EchoingTLSHandler(tls, log: log) }
        let port = listener.localAddress.port
        let loop = TestLoops.group.next()
        // The first bytes of a ClientHello record, then FIN; or nothing at all until the server gives up.
        let partialHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
        let vanishing = 8, silent = 4
        try await loop.submit {
            for index in 0..<(vanishing + silent) {
                let client = try TCPConnection.connect(to: .loopbackIPv4(port: port), on: loop) { _ in IgnoringHandler() }
                if index < vanishing {
                    client.write(partialHello)
                    client.close()
                }
            }
        }
        let closes = try await log.collect(vanishing + silent, within: 15, "server-side closes") { if case .closed = $0 { true } else { false } }
        let reasons = closes.compactMap { if case .closed(let reason) = $0 { reason } else { nil } }
        #expect(reasons.filter { $0 == .handshakeTimeout }.count == silent)
        #expect(reasons.filter { if case .tls(.handshakeFailed) = $0 { true } else { false } }.count == vanishing)
        #expect(!closes.contains { if case .active = $0 { true } else { false } })
        #expect(descriptorsOfTCPPort(port) == 1)  // only the listener
        await listener.close()
    }

    /// A TLS listener on 127.0.0.1 with the test certificate; every connection gets `makeHandler`'s handler.
    private func startTLSServer(options: TLSConnection.Options = TLSConnection.Options(),
                                _ makeHandler: @escaping @Sendable (TLSConnection) -> any ConnectionHandler) async throws -> (TCPListener, TLSServerContext) {
        let pki = try TestPKI.shared()
        let context = try TLSServerContext(configuration: .init(certificateChainFile: pki.serverCertificate, privateKeyFile: pki.serverKey))
        let listener = try await TCPListener.bind(.loopbackIPv4(), on: TestLoops.group) { tcp in
            TLSConnection.wrapping(tcp, context: context, options: options, handler: makeHandler)
        }
        return (listener, context)
    }
}
