import Testing
import Wire

@Suite struct WebSocketFrameEncoderTests {
    @Test func serverFrameIsUnmaskedRFCBytes() {
        #expect(WebSocketFrameEncoder.text("Hello") == WebSocketFrameDecoderTests.unmaskedHello)
    }

    @Test func clientFrameIsMaskedWithTheGivenKeyRFCBytes() {
        let key = WebSocketMaskingKey(0x37, 0xFA, 0x21, 0x3D)
        #expect(WebSocketFrameEncoder.text("Hello", maskingKey: key) == WebSocketFrameDecoderTests.maskedHello)
    }

    @Test func usesMinimalLengthEncodings() {
        #expect(Array(WebSocketFrameEncoder.frame(opcode: .binary, payload: [UInt8](repeating: 0, count: 125)).prefix(2)) == [0x82, 125])
        #expect(Array(WebSocketFrameEncoder.frame(opcode: .binary, payload: [UInt8](repeating: 0, count: 126)).prefix(4)) == [0x82, 126, 0, 126])
        #expect(Array(WebSocketFrameEncoder.frame(opcode: .binary, payload: [UInt8](repeating: 0, count: 65535)).prefix(4)) == [0x82, 126, 0xFF, 0xFF])
        #expect(Array(WebSocketFrameEncoder.frame(opcode: .binary, payload: [UInt8](repeating: 0, count: 65536)).prefix(10))
            == [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0])
    }

    /// Masked frames of every length around the 8-byte word size decode back to the same payload.
    @Test func maskedFramesRoundTripThroughTheServerDecoder() throws {
        let key = WebSocketMaskingKey(0xDE, 0xAD, 0xBE, 0xEF)
        for length in [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 160, 1000] {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
            var decoder = WebSocketFrameDecoder(role: .server)
            decoder.append(WebSocketFrameEncoder.frame(opcode: .binary, payload: payload, fin: length % 2 == 0, maskingKey: key))
            #expect(try decoder.nextFrame() == WebSocketFrame(fin: length % 2 == 0, opcode: .binary, payload: payload), "length \(length)")
        }
    }

    @Test func closeReasonIsCutToFitOnACharacterBoundary() throws {
        var out: [UInt8] = []
        let reason = String(repeating: "é", count: 70)  // 140 bytes
        WebSocketFrameEncoder.appendClose(code: .goingAway, reason: reason, to: &out)
        #expect(out[1] == 2 + 122)  // 61 two-byte characters fit in 123 bytes
        var assembler = WebSocketMessageAssembler(role: .client)
        assembler.append(out)
        #expect(try assembler.nextMessage() == .close(code: .goingAway, reason: String(repeating: "é", count: 61)))
    }

    @Test func controlPayloadIsCutTo125Bytes() {
        var out: [UInt8] = []
        WebSocketFrameEncoder.appendControl(.ping, payload: [UInt8](repeating: 1, count: 200), to: &out)
        #expect(out.count == 2 + 125)
        #expect(out[1] == 125)
    }
}
