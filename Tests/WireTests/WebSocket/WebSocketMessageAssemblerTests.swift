import Testing
import Wire

@Suite struct WebSocketMessageAssemblerTests {
    /// A client-to-server frame masked with a fixed key.
    static func masked(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        WebSocketFrameEncoder.frame(opcode: opcode, payload: payload, fin: fin, maskingKey: WebSocketMaskingKey(1, 2, 3, 4))
    }

    static func close(_ code: UInt16, _ reason: [UInt8] = []) -> [UInt8] {
        masked(.close, [UInt8(code >> 8), UInt8(code & 0xFF)] + reason)
    }

    @Test func pythonClientMessagesAreReassembled() {
        let transcript = Transcripts.messages(Fixtures.pythonClientFrames, role: .server)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs == [
            .text("héllo ✓"), .binary((0..<160).map { UInt8($0) }), .ping(Array("hb".utf8)), .text("frag-ment"),
            .close(code: .normalClosure, reason: ""),
        ])
    }

    /// RFC 6455 §5.7: "A fragmented unmasked text message", with a ping between the fragments.
    @Test func fragmentsJoinAndControlFramesInterleave() {
        let bytes: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6C, 0x89, 0x01, 0x78, 0x80, 0x02, 0x6C, 0x6F]
        #expect(Transcripts.messages(bytes, role: .client).outputs == [.ping([0x78]), .text("Hello")])
    }

    @Test func utf8CharacterSplitAcrossFragmentsIsValid() {
        let bytes = Self.masked(.text, [0x41, 0xE2], fin: false) + Self.masked(.continuation, [0x82], fin: false)
            + Self.masked(.continuation, [0xAC])
        #expect(Transcripts.messages(bytes, role: .server).outputs == [.text("A€")])
    }

    @Test func invalidUTF8FailsFastInTheFirstFragmentWith1007() {
        let first = Self.masked(.text, [0x41, 0xC0, 0x80], fin: false)
        let failure = Transcripts.messages(first, role: .server).failure  // final fragment never sent
        #expect(failure == WebSocketError(.invalidUTF8, at: 6 + 1))
        #expect(failure?.closeCode == .invalidPayload)
    }

    @Test func invalidUTF8AcrossFragmentsPointsAtTheBadByte() {
        let first = Self.masked(.text, [0xE2], fin: false)
        let bytes = first + Self.masked(.continuation, [0x28, 0x41])
        #expect(Transcripts.messages(bytes, role: .server).failure == WebSocketError(.invalidUTF8, at: first.count + 6))
    }

    @Test func textEndingInsideACharacterFailsAtTheEndOfThePayload() {
        let bytes = Self.masked(.text, [0x41, 0xE2, 0x82])
        #expect(Transcripts.messages(bytes, role: .server).failure == WebSocketError(.invalidUTF8, at: bytes.count))
    }

    @Test func binaryMessagesAreNotCheckedForUTF8() {
        #expect(Transcripts.messages(Self.masked(.binary, [0xC0, 0x80]), role: .server).outputs == [.binary([0xC0, 0x80])])
    }

    @Test func continuationWithoutAStartIs1002() {
        let failure = Transcripts.messages(Self.masked(.continuation, [1]), role: .server).failure
        #expect(failure == WebSocketError(.unexpectedContinuation, at: 0))
        #expect(failure?.closeCode == .protocolError)
    }

    @Test func newDataFrameInsideAFragmentedMessageIs1002() {
        let first = Self.masked(.binary, [1], fin: false)
        let failure = Transcripts.messages(first + Self.masked(.text, [0x41]), role: .server).failure
        #expect(failure == WebSocketError(.expectedContinuation, at: first.count))
    }

    @Test func messageOverLimitAcrossFragmentsIs1009AtTheFrameThatCrossesIt() {
        let first = Self.masked(.binary, [UInt8](repeating: 1, count: 6), fin: false)
        let atLimit = first + Self.masked(.continuation, [UInt8](repeating: 2, count: 4))
        #expect(Transcripts.messages(atLimit, role: .server, maxMessage: 10).failure == nil)
        let over = first + Self.masked(.continuation, [UInt8](repeating: 2, count: 5))
        let failure = Transcripts.messages(over, role: .server, maxMessage: 10).failure
        #expect(failure == WebSocketError(.messageTooLarge, at: first.count + 1))
        #expect(failure?.closeCode == .messageTooBig)
        // A single unfragmented frame over the message limit fails the same way.
        #expect(Transcripts.messages(Self.masked(.text, [UInt8](repeating: 0x41, count: 11)), role: .server, maxMessage: 10).failure
            == WebSocketError(.messageTooLarge, at: 1))
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999] as [UInt16])
    func closeCodesAllowedOnTheWireAreAccepted(code: UInt16) {
        #expect(Transcripts.messages(Self.close(code, Array("bye".utf8)), role: .server).outputs
            == [.close(code: WebSocketCloseCode(code), reason: "bye")])
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16])
    func closeCodesNeverSentOnTheWireAre1002(code: UInt16) {
        let failure = Transcripts.messages(Self.close(code), role: .server).failure
        #expect(failure == WebSocketError(.invalidCloseCode, at: 6))
        #expect(failure?.closeCode == .protocolError)
    }

    @Test func closePayloadOfOneByteIs1002AndEmptyCloseHasNoCode() {
        #expect(Transcripts.messages(Self.masked(.close, [0x03]), role: .server).failure == WebSocketError(.invalidClosePayload, at: 6))
        #expect(Transcripts.messages(Self.masked(.close, []), role: .server).outputs == [.close(code: nil, reason: "")])
    }

    @Test func closeReasonThatIsNotUTF8Is1007() {
        let failure = Transcripts.messages(Self.close(1000, [0x6F, 0x6B, 0xFF]), role: .server).failure
        #expect(failure == WebSocketError(.invalidUTF8, at: 6 + 2 + 2))
        #expect(failure?.closeCode == .invalidPayload)
    }

    @Test func nothingIsYieldedAfterClose() throws {
        var assembler = WebSocketMessageAssembler(role: .server)
        assembler.append(Self.close(1000) + Self.masked(.text, Array("late".utf8)))
        #expect(try assembler.nextMessage() == .close(code: .normalClosure, reason: ""))
        #expect(try assembler.nextMessage() == nil)
        #expect(assembler.hasReceivedClose)
    }
}
