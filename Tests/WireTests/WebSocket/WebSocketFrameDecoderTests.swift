import Testing
import Wire

@Suite struct WebSocketFrameDecoderTests {
    /// RFC 6455 §5.7: "A single-frame masked text message".
    static let maskedHello: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
    /// RFC 6455 §5.7: "A single-frame unmasked text message".
    static let unmaskedHello: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]

    @Test func decodesRFCMaskedTextFrameOnServer() {
        let transcript = Transcripts.frames([Self.maskedHello[...]], role: .server)
        #expect(transcript == .init(outputs: [WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))]))
    }

    @Test func decodesRFCUnmaskedTextPingAndMaskedPong() {
        let client = Transcripts.frames([(Self.unmaskedHello + [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])[...]], role: .client)
        #expect(client.outputs == [WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)),
                                   WebSocketFrame(opcode: .ping, payload: Array("Hello".utf8))])
        let pong: [UInt8] = [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        #expect(Transcripts.frames([pong[...]], role: .server).outputs == [WebSocketFrame(opcode: .pong, payload: Array("Hello".utf8))])
    }

    /// RFC 6455 §5.7: 256 bytes with a 16-bit length and 64 KiB with a 64-bit length.
    @Test func decodesSixteenAndSixtyFourBitLengths() {
        let small = (0..<256).map { UInt8($0) }
        let large = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let bytes: [UInt8] = [0x82, 0x7E, 0x01, 0x00] + small + [0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00] + large
        let transcript = Transcripts.frames([bytes[...]], role: .client)
        #expect(transcript.outputs == [WebSocketFrame(opcode: .binary, payload: small), WebSocketFrame(opcode: .binary, payload: large)])
    }

    @Test func decodesPythonServerEchoFrames() {
        let transcript = Transcripts.frames([Fixtures.pythonServerFrames[...]], role: .client)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs == [
            WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)),
            WebSocketFrame(opcode: .binary, payload: (0..<300).map { UInt8($0 % 256) }),
            WebSocketFrame(opcode: .close, payload: [0x03, 0xE8] + Array("bye".utf8)),
        ])
    }

    @Test func waitsForTheWholeFrameAndKeepsTheRestBuffered() throws {
        var decoder = WebSocketFrameDecoder(role: .server)
        decoder.append(Array(Self.maskedHello[..<7]))
        #expect(try decoder.nextFrame() == nil)
        decoder.append(Array(Self.maskedHello[7...]) + [0x81])
        #expect(try decoder.nextFrame()?.payload == Array("Hello".utf8))
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedByteCount == 1)
    }

    static let errorCases: [([UInt8], WebSocketRole, WebSocketError.Kind, Int, UInt16)] = [
        ([0xC1, 0x80, 1, 2, 3, 4], .server, .reservedBitsSet, 0, 1002),
        ([0x91, 0x80, 1, 2, 3, 4], .server, .reservedBitsSet, 0, 1002),
        ([0x83, 0x80, 1, 2, 3, 4], .server, .reservedOpcode, 0, 1002),
        ([0x8B, 0x00], .client, .reservedOpcode, 0, 1002),
        ([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], .server, .unmaskedClientFrame, 1, 1002),
        ([0x81, 0x85, 1, 2, 3, 4, 0, 0, 0, 0, 0], .client, .maskedServerFrame, 1, 1002),
        ([0x09, 0x80, 1, 2, 3, 4], .server, .fragmentedControlFrame, 0, 1002),
        ([0x88, 0x7E, 0x00, 0x7E], .client, .controlFrameTooLong, 1, 1002),
        ([0x89, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1], .server, .controlFrameTooLong, 1, 1002),
        ([0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1], .client, .lengthMostSignificantBitSet, 2, 1002),
        ([0x82, 0xFF, 0x00, 0, 0, 0, 0x01, 0, 0, 1], .server, .frameTooLarge, 1, 1009),
    ]

    @Test(arguments: errorCases)
    func refusesFramesBreakingRFC6455(bytes: [UInt8], role: WebSocketRole, kind: WebSocketError.Kind, offset: Int, code: UInt16) {
        let failure = Transcripts.frames([bytes[...]], role: role).failure
        #expect(failure == WebSocketError(kind, at: offset))
        #expect(failure?.closeCode.rawValue == code)
    }

    @Test func frameOverLimitFailsFromItsHeaderBeforePayloadArrives() {
        let limit = 100
        let atLimit: [UInt8] = [0x82, 0x64] + [UInt8](repeating: 7, count: 100)
        #expect(Transcripts.frames([atLimit[...]], role: .client, maxFrame: limit).failure == nil)
        let failure = Transcripts.frames([[0x82, 0x7E, 0x00, 0x65][...]], role: .client, maxFrame: limit).failure
        #expect(failure == WebSocketError(.frameTooLarge, at: 1))
        #expect(failure?.closeCode == .messageTooBig)
    }

    @Test func allowedReservedBitsPassThroughForExtensions() throws {
        var decoder = WebSocketFrameDecoder(role: .client, allowedReservedBits: 0b100)
        decoder.append([0xC1, 0x01, 0x41])
        #expect(try decoder.nextFrame() == WebSocketFrame(reservedBits: 0b100, opcode: .text, payload: [0x41]))
    }
}
