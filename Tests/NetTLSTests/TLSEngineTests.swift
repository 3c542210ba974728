import Net
import Testing

@Suite("TLSEngine in memory")
struct TLSEngineTests {
    @Test func handshakeNegotiatesTLS13WithALPNAndSNIThenCarriesDataBothWays() throws {
        let pair = try EnginePair.make(serverALPN: ["h2", "http/1.1"], clientALPN: ["http/1.1"])
        try pair.handshake()
        #expect(pair.client.state == .established && pair.server.state == .established)
        #expect(pair.client.negotiatedVersion == "TLSv1.3")
        #expect(pair.server.negotiatedALPN == "http/1.1" && pair.client.negotiatedALPN == "http/1.1")
        #expect(pair.server.requestedServerName == "localhost")

        try pair.client.send(plaintext: Array("GET / HTTP/1.1\r\n\r\n".utf8))
        try pair.server.send(plaintext: Array("HTTP/1.1 204 No Content\r\n\r\n".utf8))
        let delivered = try pair.pump()
        #expect(String(decoding: delivered.atServer, as: UTF8.self) == "GET / HTTP/1.1\r\n\r\n")
        #expect(String(decoding: delivered.atClient, as: UTF8.self) == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func noALPNIsNegotiatedWhenTheServerSupportsNoneOfTheOffer() throws {
        let pair = try EnginePair.make(serverALPN: ["http/1.1"], clientALPN: ["h2"])
        try pair.handshake()
        #expect(pair.client.state == .established)
        #expect(pair.client.negotiatedALPN == nil && pair.server.negotiatedALPN == nil)
    }

    @Test func plaintextSentDuringTheHandshakeIsDeliveredOnceEstablished() throws {
        let pair = try EnginePair.make()
        try pair.client.send(plaintext: Array("early".utf8))
        #expect(pair.client.bufferedOutboundBytes == 5)
        try pair.client.startHandshake()
        var atServer: [UInt8] = []
        for _ in 0..<8 { atServer += try pair.pump().atServer }
        #expect(String(decoding: atServer, as: UTF8.self) == "early")
    }

    @Test func megabytePayloadArrivesIntactAcrossManyRecords() throws {
        let pair = try EnginePair.make()
        try pair.handshake()
        let payload = [UInt8].pattern(count: 1 << 20)
        var atServer: [UInt8] = []
        for piece in payload.pieces(of: 100_000) {
            try pair.client.send(plaintext: piece)
            atServer += try pair.pump().atServer
        }
        #expect(atServer == payload)
    }

    @Test func ciphertextSplitAtEveryByteGivesTheSameHandshakeAndPlaintext() throws {
        let pair = try EnginePair.make(serverALPN: ["http/1.1"], clientALPN: ["http/1.1"])
        try pair.client.startHandshake()
        for _ in 0..<16 where pair.client.state == .handshaking || pair.server.state == .handshaking {
            _ = try pair.pump(split: 1)
        }
        #expect(pair.client.state == .established && pair.server.negotiatedALPN == "http/1.1")
        let message = [UInt8].pattern(count: 40_000, seed: 7)
        try pair.server.send(plaintext: message)
        for split in [1, 2, 3, 7, 1000, 16_389] {
            try pair.client.send(plaintext: message)
            #expect(try pair.pump(split: split).atServer == message)
        }
        #expect(try pair.pump(split: 1).atClient.isEmpty)
    }

    @Test func closeNotifyIsAnsweredAndBothSidesEndCleanly() throws {
        let pair = try EnginePair.make()
        try pair.handshake()
        try pair.server.send(plaintext: Array("last words".utf8))
        pair.client.close()
        #expect(pair.client.state == .closing)
        let delivered = try pair.pump()
        #expect(String(decoding: delivered.atClient, as: UTF8.self) == "last words")
        #expect(pair.server.state == .closed && pair.server.peerSentCloseNotify)
        #expect(pair.client.state == .closed && pair.client.peerSentCloseNotify)
        try pair.client.transportClosed()
        try pair.server.transportClosed()
        #expect(throws: TLSError.closed) { try pair.client.send(plaintext: [1]) }
    }

    @Test func transportEndWithoutCloseNotifyIsReportedAsTruncation() throws {
        let pair = try EnginePair.make()
        try pair.handshake()
        #expect(throws: TLSError.truncated) { try pair.client.transportClosed() }
        #expect(pair.client.state == .failed)
    }

    @Test func transportEndDuringTheHandshakeIsAHandshakeFailure() throws {
        let pair = try EnginePair.make()
        try pair.client.startHandshake()
        #expect(throws: TLSError.handshakeFailed("the transport closed during the handshake")) { try pair.client.transportClosed() }
    }

    @Test func outboundLimitRefusesMorePlaintextUntilCiphertextIsTaken() throws {
        let pair = try EnginePair.make(limits: TLSEngine.Limits(maxBufferedOutboundBytes: 64 * 1024))
        try pair.handshake()
        try pair.client.send(plaintext: [UInt8](repeating: 1, count: 40 * 1024))
        #expect(throws: TLSError.bufferLimitExceeded(limit: 64 * 1024)) {
            try pair.client.send(plaintext: [UInt8](repeating: 2, count: 40 * 1024))
        }
        #expect(pair.client.state == .established)
        #expect(try pair.pump().atServer.count == 40 * 1024)
        try pair.client.send(plaintext: [UInt8](repeating: 2, count: 40 * 1024))
    }

    @Test func tamperedRecordIsAProtocolErrorAndSendsAnAlert() throws {
        let pair = try EnginePair.make()
        try pair.handshake()
        try pair.client.send(plaintext: Array("secret".utf8))
        var ciphertext = pair.client.takeOutboundCiphertext()
        ciphertext[ciphertext.count - 3] ^= 0xFF
        #expect {
            _ = try pair.server.receive(ciphertext: ciphertext)
        } throws: { error in
            guard case TLSError.protocolError(let message) = error else { return false }
            return message.contains("bad record mac") || message.contains("decryption failed")
        }
        #expect(pair.server.state == .failed)
        #expect(pair.server.outboundCiphertextCount > 0)
    }

    @Test func plainHTTPSentToTheServerFailsTheHandshake() throws {
        let pair = try EnginePair.make()
        #expect {
            _ = try pair.server.receive(ciphertext: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        } throws: { error in
            guard case TLSError.handshakeFailed(let message) = error else { return false }
            return message.contains("http request") || message.contains("wrong version")
        }
    }

    @Test func randomBytesNeverCrashTheServerEngine() throws {
        for seed in UInt64(1)...200 {
            let pair = try EnginePair.make()
            let noise = [UInt8].pattern(count: Int(seed % 64) * 37 + 1, seed: seed)
            do {
                for piece in noise.pieces(of: Int(seed % 13) + 1) { _ = try pair.server.receive(ciphertext: piece) }
                #expect(pair.server.state == .handshaking)
            } catch {
                #expect(pair.server.state == .failed)
            }
        }
    }
}
